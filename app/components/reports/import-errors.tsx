// The problems of a refused import, each at its file, line (record) and field.
import { useTranslation } from "react-i18next";
import { useProblemText } from "~/components/imports/problem-text";
import { Alert } from "~/components/ui";
import type { Problem } from "~/domain/import/problems";
import { tdClass, thClass } from "./table";

/** `problem` is the English text (logs); `i18n` the same problem as a key, shown in the page's language. */
export type ImportProblem = {
  file: string;
  line: number | null;
  record: number | null;
  field: string | null;
  problem: string;
  i18n: Problem;
};

export function ImportErrorList({ problems, truncated }: { problems: ImportProblem[]; truncated: boolean }) {
  const { t } = useTranslation();
  const text = useProblemText();
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
              <td className="px-2 py-1.5 whitespace-normal">{text.problem(p.i18n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p className="text-xs text-slate-500">{t("reports.import.more")}</p>}
    </div>
  );
}
