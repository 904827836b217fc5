// The models of one scope by rank: a table of strengths, intervals and records, and a bar chart of the
// strengths (from 0, the average model) with their 95% intervals as whiskers. Plain SVG, so it renders
// on the server and needs no JavaScript.
import { useTranslation } from "react-i18next";
import { count, interval, num } from "~/domain/reports/format";
import { Num, Table, tdClass, thClass } from "../reports/table";
import type { StrengthRow } from "./types";

export function StrengthsTable({ rows }: { rows: StrengthRow[] }) {
  const { t } = useTranslation();
  return (
    <Table testId="pairwise-strengths">
      <thead>
        <tr>
          <th className={`${thClass} text-right`}>{t("pairwiseReport.strengths.rank")}</th>
          <th className={thClass}>{t("pairwiseReport.strengths.model")}</th>
          <th className={`${thClass} text-right`}>{t("pairwiseReport.strengths.strength")}</th>
          <th className={`${thClass} text-right`}>{t("pairwiseReport.strengths.ci95")}</th>
          <th className={`${thClass} text-right`}>{t("pairwiseReport.strengths.wins")}</th>
          <th className={`${thClass} text-right`}>{t("pairwiseReport.strengths.ties")}</th>
          <th className={`${thClass} text-right`}>{t("pairwiseReport.strengths.losses")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.model} className="border-t border-slate-100" data-model={r.model}>
            <Num className="text-slate-500">{r.rank}</Num>
            <td className={`${tdClass} font-medium`}>{r.model}</td>
            <Num>{num(r.strength)}</Num>
            <Num className="text-slate-500">{interval(r.ci95)}</Num>
            <Num>{count(r.wins)}</Num>
            <Num>{count(r.ties)}</Num>
            <Num>{count(r.losses)}</Num>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A tick step of 1, 2 or 5 × 10^k giving about six ticks over `span`. */
function tickStep(span: number): number {
  const raw = span / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? 10 * power;
}

const WIDTH = 640;
const LABEL = 120;
const ROW = 30;
const TOP = 8;
const AXIS = 44;

export function StrengthChart({ rows }: { rows: StrengthRow[] }) {
  const { t } = useTranslation();
  const values = rows.flatMap((r) => [r.strength, r.ci95[0], r.ci95[1]]);
  const step = tickStep(Math.max(0.5, Math.max(0, ...values) - Math.min(0, ...values)));
  const lo = Math.floor(Math.min(0, ...values) / step) * step;
  const hi = Math.ceil(Math.max(0, ...values) / step) * step;
  const x = (v: number) => LABEL + ((v - lo) / (hi - lo || 1)) * (WIDTH - LABEL - 16);
  const ticks = Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
  const height = TOP + rows.length * ROW + AXIS;
  const decimals = step < 1 ? (step < 0.1 ? 2 : 1) : 0;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="w-full"
      role="img"
      aria-label={t("pairwiseReport.chart.title")}
      data-testid="pairwise-chart"
    >
      {ticks.map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={TOP} y2={TOP + rows.length * ROW} stroke={Math.abs(v) < 1e-9 ? "#64748b" : "#e2e8f0"} />
          <text x={x(v)} y={TOP + rows.length * ROW + 14} textAnchor="middle" fontSize={11} fill="#64748b">
            {num(v, decimals)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = TOP + i * ROW + ROW / 2;
        const positive = r.strength >= 0;
        return (
          <g key={r.model} data-model={r.model}>
            <title>{t("pairwiseReport.chart.bar", { model: r.model, strength: num(r.strength), ci: interval(r.ci95) })}</title>
            <text x={LABEL - 8} y={y + 4} textAnchor="end" fontSize={12} fill="#0f172a">
              {r.model}
            </text>
            <rect
              x={Math.min(x(0), x(r.strength))}
              y={y - 8}
              width={Math.abs(x(r.strength) - x(0))}
              height={16}
              fill={positive ? "#2754e0" : "#f59e0b"}
              opacity={0.75}
            />
            <line x1={x(r.ci95[0])} x2={x(r.ci95[1])} y1={y} y2={y} stroke="#1e293b" strokeWidth={1.5} />
            <line x1={x(r.ci95[0])} x2={x(r.ci95[0])} y1={y - 5} y2={y + 5} stroke="#1e293b" strokeWidth={1.5} />
            <line x1={x(r.ci95[1])} x2={x(r.ci95[1])} y1={y - 5} y2={y + 5} stroke="#1e293b" strokeWidth={1.5} />
          </g>
        );
      })}
      <text x={LABEL + (WIDTH - LABEL - 16) / 2} y={height - 8} textAnchor="middle" fontSize={11} fill="#475569">
        {t("pairwiseReport.chart.axis")}
      </text>
    </svg>
  );
}
