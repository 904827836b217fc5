// The problems of a refused import, each at its file, line (record) and field.
import { useTranslation } from "react-i18next";
import { Alert } from "~/components/ui";
import { tdClass, thClass } from "./table";

export type ImportProblem = { file: string; line: number | null; record: number | null; field: string | null; problem: string };

export function ImportErrorList({ problems, truncated }: { problems: ImportProblem[]; truncated: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-2" data-testid="import-errors">
      <Alert>{t("reports.import.refused")}</Alert>
      <table className="w-full text-xs">
        <thead>
          <tr>
            <th className={thClass}>{t("reports.import.where")}</th>
            <th className={thClass}>{t("reports.import.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i} className="border-t border-slate-100 align-top">
              <td className={`${tdClass} font-mono`}>
                {p.file}
                {p.line !== null && `:${p.line}`}
                {p.field && <span className="text-slate-500"> · {p.field}</span>}
              </td>
              <td className="px-2 py-1.5 whitespace-normal">{p.problem}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p className="text-xs text-slate-500">{t("reports.import.more")}</p>}
    </div>
  );
}
