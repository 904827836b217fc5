// Judge score (y) against human score (x) for one judge and metric.
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { num } from "~/services/reports/format";
import { ClientOnly } from "./client-only";

/** Whole-number bounds around the values, so the ticks are round numbers. */
function bounds(values: number[]): [number, number] {
  const lo = Math.floor(Math.min(...values));
  const hi = Math.ceil(Math.max(...values));
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}
const ticks = ([lo, hi]: [number, number]) => {
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  return Array.from({ length: Math.floor((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
};

export function JudgeScatter({ points, xLabel, yLabel }: { points: { human: number; judge: number }[]; xLabel: string; yLabel: string }) {
  const x = bounds(points.map((p) => p.human));
  const y = bounds(points.map((p) => p.judge));
  return (
    <ClientOnly height={320}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="human" name={xLabel} domain={x} ticks={ticks(x)} tick={{ fontSize: 11 }} label={{ value: xLabel, position: "bottom", fontSize: 12 }} />
            <YAxis type="number" dataKey="judge" name={yLabel} domain={y} ticks={ticks(y)} tick={{ fontSize: 11 }} label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 12 }} />
            <Tooltip formatter={(v: number) => num(v)} cursor={{ strokeDasharray: "3 3" }} />
            <Scatter data={points} fill="#2754e0" fillOpacity={0.35} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      )}
    </ClientOnly>
  );
}
