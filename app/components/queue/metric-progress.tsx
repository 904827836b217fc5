// The queue page's progress per metric: units done / in progress / open for each metric the project uses,
// by its localised name, with the late ratings and the units they pushed past k.
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui";

type Progress = { key: string; units: number; done: number; in_progress: number; open: number };
type Overflow = { metrics: { key: string; name_en: string; name_zh: string; late: number; over_k: number }[]; late: number; overK: number };

export function MetricProgressCard({ progress, overflow, k }: { progress: Progress[]; overflow: Overflow; k: number }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh";
  const byKey = new Map(progress.map((p) => [p.key, p]));
  return (
    <Card title={t("queue.perMetric")}>
      <p className="mb-2 text-xs text-slate-500">{t("queue.perMetricHint", { k })}</p>
      <p className="mb-3 text-sm" data-testid="overflow-summary">
        <span className={overflow.late > 0 ? "font-medium text-amber-800" : "text-slate-600"}>
          {t("queue.lateRatings", { count: overflow.late })}
        </span>
        {" · "}
        <span className={overflow.overK > 0 ? "font-medium text-amber-800" : "text-slate-600"}>
          {t("queue.overK", { count: overflow.overK, k })}
        </span>
        {(overflow.late > 0 || overflow.overK > 0) && <span className="block text-xs text-slate-500">{t("queue.lateHint")}</span>}
      </p>
      <ul className="space-y-1.5" data-testid="metric-progress">
        {overflow.metrics.map((m) => {
          const p = byKey.get(m.key) ?? { units: 0, done: 0, in_progress: 0, open: 0 };
          const name = zh ? m.name_zh : m.name_en;
          return (
            <li key={m.key} className="grid grid-cols-[10rem_1fr_auto] items-center gap-3 text-xs" data-metric={m.key}>
              <span title={m.key}>{name}</span>
              <div
                className="flex h-3 overflow-hidden rounded bg-slate-100"
                title={t("queue.metricCounts", { done: p.done, progress: p.in_progress, open: p.open })}
              >
                <div className="bg-green-500" style={{ width: `${(100 * p.done) / Math.max(1, p.units)}%` }} />
                <div className="bg-amber-400" style={{ width: `${(100 * p.in_progress) / Math.max(1, p.units)}%` }} />
              </div>
              <span className="tabular-nums text-slate-600">
                {t("queue.metricCounts", { done: p.done, progress: p.in_progress, open: p.open })}
                {(m.late > 0 || m.over_k > 0) && (
                  <span className="ml-1 text-amber-800" data-testid={`overflow-${m.key}`}>
                    {t("queue.metricOverflow", { late: m.late, over: m.over_k })}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
