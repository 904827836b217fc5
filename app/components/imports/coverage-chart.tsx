import { useTranslation } from "react-i18next";
import { useLocalName } from "~/i18n/local-name";

/** Dialogues per metric as horizontal bars: balance is visible at a glance. */
type Row = { key: string; nameEn: string; nameZh: string; dialogues: number; units: number };

/** Metrics by their names in the page's language; the key is in the tooltip for those who import by key.
 *  Once dialogues are in, metrics no dialogue uses are named on one line instead of as empty bars. */
export function CoverageChart({ rows: all }: { rows: Row[] }) {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const used = all.filter((r) => r.dialogues > 0);
  const rows = used.length ? used : all;
  const unused = used.length ? all.filter((r) => r.dialogues === 0) : [];
  const max = Math.max(1, ...rows.map((r) => r.dialogues));
  return (
    <>
      <table className="w-full text-xs" data-testid="coverage">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="py-1 font-normal">{t("imports.coverage.metric")}</th>
            <th className="font-normal">{t("imports.coverage.dialogues")}</th>
            <th className="text-right font-normal">{t("imports.coverage.units")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="py-0.5 pr-2" title={r.key}>
                {localName(r)}
              </td>
              <td className="w-1/2">
                <div className="flex items-center gap-1">
                  <div className="h-2 rounded bg-brand-500" style={{ width: `${(r.dialogues / max) * 100}%` }} />
                  <span className="tabular-nums text-slate-600">{r.dialogues}</span>
                </div>
              </td>
              <td className="text-right tabular-nums text-slate-600">{r.units}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {unused.length > 0 && (
        <p className="mt-2 text-xs text-slate-500" data-testid="coverage-unused">
          {t("imports.coverage.unused", { names: unused.map(localName).join(i18n.language === "zh" ? "、" : ", ") })}
        </p>
      )}
    </>
  );
}
