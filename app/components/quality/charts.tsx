// The quality page's small charts, drawn as plain SVG and HTML (no chart library for a dozen points):
// an accuracy sparkline per annotator and score distributions beside the project's.
import { useTranslation } from "react-i18next";

/** Gold accuracy over time (0–1), oldest point first; nothing when there is no gold rating. */
export function Sparkline({ points, label }: { points: number[]; label: string }) {
  if (points.length === 0) return <span className="text-slate-400">—</span>;
  const w = 80;
  const h = 20;
  const step = points.length > 1 ? w / (points.length - 1) : 0;
  const xy = points.map((p, i) => `${(points.length > 1 ? i * step : w / 2).toFixed(1)},${(h - 2 - p * (h - 4)).toFixed(1)}`);
  const last = points[points.length - 1];
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} className="inline-block align-middle">
      <line x1="0" x2={w} y1={h / 2} y2={h / 2} stroke="#e2e8f0" strokeDasharray="2 2" />
      {points.length > 1 && <polyline points={xy.join(" ")} fill="none" stroke="#2754e0" strokeWidth="1.5" />}
      <circle cx={xy.at(-1)!.split(",")[0]} cy={xy.at(-1)!.split(",")[1]} r="2" fill={last < 0.5 ? "#ef4444" : "#2754e0"} />
    </svg>
  );
}

const share = (counts: number[], i: number) => {
  const total = counts.reduce((a, b) => a + b, 0);
  return total ? counts[i] / total : 0;
};

/** Per metric: the annotator's share of each score (blue) above the project's (grey). */
export function Distributions({
  metrics,
  mine,
  project,
}: {
  metrics: { key: string; min: number; max: number }[];
  mine: Record<string, number[]>;
  project: Record<string, number[]>;
}) {
  const { t } = useTranslation();
  const rated = metrics.filter((m) => (mine[m.key] ?? []).some((n) => n > 0));
  return (
    <div>
      <p className="mb-2 flex gap-4 text-xs text-slate-600">
        <span>
          <span className="mr-1 inline-block h-2 w-3 bg-brand-600 align-middle" />
          {t("quality.distribution.annotator")}
        </span>
        <span>
          <span className="mr-1 inline-block h-2 w-3 bg-slate-300 align-middle" />
          {t("quality.distribution.project")}
        </span>
      </p>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="distributions">
        {rated.map((m) => (
          <div key={m.key}>
            <p className="mb-1 text-xs font-medium text-slate-700">{m.key}</p>
            <div className="flex h-20 items-end gap-1">
              {mine[m.key].map((_, i) => {
                const a = share(mine[m.key], i);
                const p = share(project[m.key] ?? [], i);
                const score = m.min + i;
                return (
                  <div key={i} className="flex flex-1 flex-col items-center">
                    <div className="flex h-16 w-full items-end justify-center gap-px">
                      <div
                        className="w-1/2 bg-brand-600"
                        style={{ height: `${a * 100}%` }}
                        title={t("quality.distribution.share", { share: `${Math.round(a * 100)}%`, metric: m.key, score })}
                      />
                      <div className="w-1/2 bg-slate-300" style={{ height: `${p * 100}%` }} title={`${Math.round(p * 100)}%`} />
                    </div>
                    <span className="text-[10px] text-slate-500">{score}</span>
                  </div>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
