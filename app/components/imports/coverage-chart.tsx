import { useTranslation } from "react-i18next";

/** Dialogues per metric as horizontal bars: balance is visible at a glance. */
export function CoverageChart({ rows }: { rows: { key: string; dialogues: number; units: number }[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.dialogues));
  return (
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
            <td className="py-0.5 pr-2">{r.key}</td>
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
  );
}
