// A project's guidelines for annotators: per dimension, each metric's definition, direction and the
// anchor for every scale point that has one. The Metrics tab and the workspace's G overlay show it.
import { useTranslation } from "react-i18next";

export type GuidelineMetric = {
  key: string;
  nameEn: string;
  nameZh: string;
  dimension: string;
  dimensionNameEn: string;
  dimensionNameZh: string;
  definitionEn: string;
  definitionZh: string;
  scaleMin: number;
  scaleMax: number;
  higherIsBetter: boolean;
  anchors: Record<string, { en: string; zh: string }>;
};

/** Red at the worse end of the scale, green at the better end, neutral between. */
function tone(m: GuidelineMetric, point: number) {
  const worst = m.higherIsBetter ? m.scaleMin : m.scaleMax;
  const best = m.higherIsBetter ? m.scaleMax : m.scaleMin;
  return point === worst ? "bg-red-50 text-red-900" : point === best ? "bg-green-50 text-green-900" : "bg-slate-50 text-slate-800";
}

export function Guidelines({ metrics, compact = false }: { metrics: GuidelineMetric[]; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh";
  const dimensions = [...new Set(metrics.map((m) => m.dimension))];
  return (
    <div className="space-y-6" data-testid="guidelines">
      {dimensions.map((d) => {
        const ms = metrics.filter((m) => m.dimension === d);
        return (
          <section key={d}>
            <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
              {zh ? ms[0].dimensionNameZh : ms[0].dimensionNameEn}
            </h2>
            <div className={`grid gap-3 ${compact ? "" : "md:grid-cols-2"}`}>
              {ms.map((m) => {
                const anchors = m.anchors;
                const points = Array.from({ length: m.scaleMax - m.scaleMin + 1 }, (_, i) => m.scaleMin + i);
                return (
                  <article key={m.key} className="rounded-lg border border-slate-200 bg-white p-3" data-metric={m.key}>
                    <header className="flex flex-wrap items-baseline justify-between gap-2">
                      <h3 className="font-semibold">
                        {zh ? m.nameZh : m.nameEn} <span className="text-sm font-normal text-slate-500">{zh ? m.key : m.nameZh}</span>
                      </h3>
                      <span className="flex gap-1 text-xs">
                        <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">
                          {t("metrics.scale", { min: m.scaleMin, max: m.scaleMax })}
                        </span>
                        <span
                          className={`rounded px-1.5 py-0.5 ${m.higherIsBetter ? "bg-slate-100 text-slate-700" : "bg-amber-100 text-amber-900"}`}
                          data-testid="direction"
                        >
                          {m.higherIsBetter ? t("metricSets.directionHigher") : t("metricSets.directionLower")}
                        </span>
                      </span>
                    </header>
                    <p className="mt-1.5 text-sm text-slate-700">{zh ? m.definitionZh : m.definitionEn}</p>
                    <dl className="mt-2 grid gap-1 text-xs">
                      {points
                        .filter((p) => anchors[p])
                        .map((p) => (
                          <div key={p} className={`grid grid-cols-[1.5rem_1fr] gap-1 rounded p-1.5 ${tone(m, p)}`}>
                            <dt className="font-semibold tabular-nums">{p}</dt>
                            <dd>{(zh ? anchors[p].zh : anchors[p].en) || (zh ? anchors[p].en : anchors[p].zh)}</dd>
                          </div>
                        ))}
                    </dl>
                  </article>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
