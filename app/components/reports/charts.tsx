// Bar charts of the reports (recharts): α per metric, and mean score per model by scorer, both with
// their 95% intervals as error bars when known.
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { interval, num } from "~/domain/reports/format";
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

export type ModelBars = { model: string; scores: { n: number; mean: number | null; ci95: [number, number] | null }[] };

type TooltipArgs = { active?: boolean; label?: string; payload?: { dataKey?: unknown; color?: string; name?: string }[] };

/** Each scorer's mean, interval and own n: a judge may have scored fewer units than the humans. */
function ScoreTooltip({ active, label, payload, rows }: TooltipArgs & { rows: ModelBars[] }) {
  const row = rows.find((r) => r.model === label);
  if (!active || !row || !payload?.length) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
      <p className="font-medium">{label}</p>
      {payload.map((p) => {
        const s = row.scores[Number(String(p.dataKey).slice(1))];
        return (
          <p key={String(p.dataKey)} style={{ color: p.color }}>
            {p.name}: {num(s?.mean)} {interval(s?.ci95)} n={s?.n ?? 0}
          </p>
        );
      })}
    </div>
  );
}

/** Mean per model and scorer; the y-axis runs over the metric's scale (min..max), not from 0 to the data. */
export function LeaderboardChart({
  rows,
  scorers,
  scale,
  axisLabel,
}: {
  rows: ModelBars[];
  scorers: string[];
  scale: [number, number];
  axisLabel: string;
}) {
  const data = rows.map((r) => {
    const row: Record<string, unknown> = { model: r.model };
    r.scores.forEach((s, i) => {
      row[`s${i}`] = s.mean;
      row[`e${i}`] = errorOf(s.mean, s.ci95);
    });
    return row;
  });
  // a judge on another scale still shows: the axis widens to whole numbers around means outside it
  const means = rows.flatMap((r) => r.scores.map((s) => s.mean)).filter((m): m is number => m !== null);
  const domain: [number, number] = [Math.min(scale[0], Math.floor(Math.min(...means))), Math.max(scale[1], Math.ceil(Math.max(...means)))];
  const ticks = Array.from({ length: domain[1] - domain[0] + 1 }, (_, i) => domain[0] + i);
  return (
    <ClientOnly height={300}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="model" tick={{ fontSize: 11 }} />
            <YAxis
              domain={domain}
              ticks={ticks.length <= 11 ? ticks : undefined}
              allowDataOverflow
              tick={{ fontSize: 11 }}
              label={{ value: axisLabel, angle: -90, position: "insideLeft", fontSize: 11, dy: 60 }}
            />
            <Tooltip content={<ScoreTooltip rows={rows} />} />
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
