// Judge score (y) against human score (x) for one judge and metric.
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { num } from "~/domain/reports/format";
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

type Point = { human: number; judge: number; dialogue?: string; model?: string };

/** Which unit a point is: its dialogue id and model, then both scores. */
function PointTooltip({
  active,
  payload,
  labels,
}: {
  active?: boolean;
  payload?: { payload?: Point }[];
  labels: [string, string, string];
}) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow" data-testid="scatter-tooltip">
      {p.dialogue !== undefined && (
        <p className="font-medium">
          {labels[2]} {p.dialogue}
          {p.model ? ` · ${p.model}` : ""}
        </p>
      )}
      <p>
        {labels[0]}: {num(p.human)}
      </p>
      <p>
        {labels[1]}: {num(p.judge)}
      </p>
    </div>
  );
}

export function JudgeScatter({
  points,
  xLabel,
  yLabel,
  dialogueLabel,
}: {
  points: Point[];
  xLabel: string;
  yLabel: string;
  dialogueLabel: string;
}) {
  const x = bounds(points.map((p) => p.human));
  const y = bounds(points.map((p) => p.judge));
  return (
    <ClientOnly height={320}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="human"
              name={xLabel}
              domain={x}
              ticks={ticks(x)}
              tick={{ fontSize: 11 }}
              label={{ value: xLabel, position: "bottom", fontSize: 12 }}
            />
            <YAxis
              type="number"
              dataKey="judge"
              name={yLabel}
              domain={y}
              ticks={ticks(y)}
              tick={{ fontSize: 11 }}
              label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 12 }}
            />
            <Tooltip content={<PointTooltip labels={[xLabel, yLabel, dialogueLabel]} />} cursor={{ strokeDasharray: "3 3" }} />
            <Scatter data={points} fill="#2754e0" fillOpacity={0.35} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      )}
    </ClientOnly>
  );
}
