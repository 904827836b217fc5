// Download links of a report: each CSV table and the JSON document (served by the reports API route).
import { useTranslation } from "react-i18next";
import type { Messages } from "~/i18n/messages";

type Table = keyof Messages["downloads"]["tables"];

export function Downloads({ slug, kind, tables }: { slug: string; kind: string; tables: readonly Table[] }) {
  const { t } = useTranslation();
  const base = `/api/projects/${encodeURIComponent(slug)}/reports/${kind}`;
  const link = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50";
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500" data-testid="downloads">
      <span>{t("reports.common.download")}:</span>
      {tables.map((table) => (
        <a key={table} className={link} href={`${base}?format=csv&table=${table}`} download data-download={`csv-${table}`}>
          {t("downloads.csv", { table: t(`downloads.tables.${table}`) })}
        </a>
      ))}
      <a className={link} href={`${base}?download=1`} download data-download="json">
        JSON
      </a>
    </div>
  );
}
