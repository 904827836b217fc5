// Bar charts of the reports (recharts): α per metric, and mean score per model by scorer, both with
// their 95% intervals as error bars when known.
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { num } from "~/services/reports/format";
import { ClientOnly } from "./client-only";

export const PALETTE = ["#2754e0", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9", "#64748b"];

/** [distance below, distance above] for recharts' ErrorBar; none without a value or an interval. */
const errorOf = (value: number | null, ci: [number, number] | null | undefined): [number, number] | null =>
  value === null || !ci ? null : [Math.max(0, value - ci[0]), Math.max(0, ci[1] - value)];

export type AlphaRow = {
  label: string;
  interval: number | null;
  ordinal: number | null;
  intervalCi?: [number, number] | null;
  ordinalCi?: [number, number] | null;
};

export function AlphaChart({ rows, names }: { rows: AlphaRow[]; names: { interval: string; ordinal: string } }) {
  const data = rows.map((r) => ({ ...r, intervalErr: errorOf(r.interval, r.intervalCi), ordinalErr: errorOf(r.ordinal, r.ordinalCi) }));
  return (
    <ClientOnly height={300}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 48, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" tick={{ fontSize: 11 }} />
            <YAxis domain={[(min: number) => Math.min(0, Math.floor(min * 10) / 10), 1]} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(v: number) => num(v)} />
            <Legend verticalAlign="top" height={28} />
            <ReferenceLine y={0} stroke="#94a3b8" />
            <Bar dataKey="interval" name={names.interval} fill={PALETTE[0]} isAnimationActive={false}>
              <ErrorBar dataKey="intervalErr" width={4} stroke="#1e293b" />
            </Bar>
            <Bar dataKey="ordinal" name={names.ordinal} fill={PALETTE[1]} isAnimationActive={false}>
              <ErrorBar dataKey="ordinalErr" width={4} stroke="#1e293b" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </ClientOnly>
  );
}

export type ModelBars = { model: string; scores: { mean: number | null; ci95: [number, number] | null }[] };

export function LeaderboardChart({ rows, scorers }: { rows: ModelBars[]; scorers: string[] }) {
  const data = rows.map((r) => {
    const row: Record<string, unknown> = { model: r.model };
    r.scores.forEach((s, i) => {
      row[`s${i}`] = s.mean;
      row[`e${i}`] = errorOf(s.mean, s.ci95);
    });
    return row;
  });
  return (
    <ClientOnly height={300}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="model" tick={{ fontSize: 11 }} />
            <YAxis domain={[(min: number) => Math.min(0, Math.floor(min)), "auto"]} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(v: number) => num(v)} />
            <Legend verticalAlign="top" height={28} />
            {scorers.map((name, i) => (
              <Bar key={name} dataKey={`s${i}`} name={name} fill={PALETTE[i % PALETTE.length]} isAnimationActive={false}>
                <ErrorBar dataKey={`e${i}`} width={4} stroke="#1e293b" />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </ClientOnly>
  );
}
