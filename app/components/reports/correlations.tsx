// Correlation tables of the judges report: one judge (or the human ceiling) per metric, and
// CharacterEval's Pearson table (metrics × judges).
import { useTranslation } from "react-i18next";
import { count, interval, num, pValue } from "~/domain/reports/format";
import type { Correlations } from "~/domain/reports/types";
import { Num, SortHeader, Table, tdClass, thClass } from "./table";

type Row = Correlations & { metric: string };

export function CorrelationTable({
  overall,
  rows,
  ceiling,
  ceilingOverall,
  metricLabel,
  testId,
}: {
  overall: Correlations;
  rows: Row[];
  ceiling?: Map<string, Correlations>;
  ceilingOverall?: Correlations;
  metricLabel: (key: string) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const line = (key: string, c: Correlations, ceil: Correlations | undefined, strong = false) => (
    <tr key={key} className={`border-t border-slate-100 ${strong ? "bg-slate-50 font-medium" : ""}`} data-metric={key}>
      <td className={tdClass}>{metricLabel(key)}</td>
      <Num>{count(c.n)}</Num>
      <Num>
        {num(c.pearson)}
        <span className="block text-[11px] text-slate-500">{interval(c.pearson_ci95)}</span>
      </Num>
      <Num className="text-slate-500">{pValue(c.pearson_p)}</Num>
      <Num>{num(c.spearman)}</Num>
      <Num className="text-slate-500">{pValue(c.spearman_p)}</Num>
      <Num>{num(c.kendall_tau_b)}</Num>
      <Num className="text-slate-500">{pValue(c.kendall_p)}</Num>
      {ceiling && <Num className="text-emerald-700">{num(ceil?.pearson)}</Num>}
    </tr>
  );
  return (
    <Table testId={testId}>
      <thead>
        <tr>
          <SortHeader column="metric" numeric={false}>
            {t("reports.common.metric")}
          </SortHeader>
          <SortHeader column="n">{t("reports.common.n")}</SortHeader>
          <SortHeader column="pearson">{t("reports.judges.pearson")}</SortHeader>
          <th className={`${thClass} text-right`}>{t("reports.common.p")}</th>
          <SortHeader column="spearman">{t("reports.judges.spearman")}</SortHeader>
          <th className={`${thClass} text-right`}>{t("reports.common.p")}</th>
          <SortHeader column="kendall_tau_b">{t("reports.judges.kendall")}</SortHeader>
          <th className={`${thClass} text-right`}>{t("reports.common.p")}</th>
          {ceiling && <th className={`${thClass} text-right`}>{t("reports.judges.ceiling")} r</th>}
        </tr>
      </thead>
      <tbody>
        {line("overall", overall, ceilingOverall, true)}
        {rows.map((r) => line(r.metric, r, ceiling?.get(r.metric)))}
      </tbody>
    </Table>
  );
}

export type PearsonLayout = { judges: string[]; rows: { metric: string; values: (number | null)[]; ceiling: number | null }[] };

export function PearsonTable({ table, metricLabel }: { table: PearsonLayout; metricLabel: (key: string) => string }) {
  const { t } = useTranslation();
  return (
    <Table testId="pearson-table">
      <thead>
        <tr>
          <th className={thClass}>{t("reports.common.metric")}</th>
          {table.judges.map((j) => (
            <th key={j} className={`${thClass} text-right`}>
              {j}
            </th>
          ))}
          <th className={`${thClass} text-right`}>{t("reports.judges.ceiling")}</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={r.metric} className={`border-t border-slate-100 ${i === 0 ? "bg-slate-50 font-medium" : ""}`}>
            <td className={tdClass}>{metricLabel(r.metric)}</td>
            {r.values.map((v, j) => (
              <Num key={table.judges[j]}>{num(v)}</Num>
            ))}
            <Num className="text-emerald-700">{num(r.ceiling)}</Num>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
