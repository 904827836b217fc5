// Productivity on the queue page (issue 20): throughput, time per unit and the estimated completion.
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui";
import type { Productivity } from "~/domain/stats/productivity";

export function ProductivityCard({ p }: { p: Productivity }) {
  const { t, i18n } = useTranslation();
  const eta =
    p.remaining === 0
      ? t("quality.productivity.done")
      : p.etaMs === null
        ? t("quality.productivity.etaNone")
        : new Date(p.etaMs).toLocaleString(i18n.language === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
  const items: [string, string][] = [
    [t("quality.productivity.perHour"), p.ratingsPerHour.toFixed(1)],
    [
      t("quality.productivity.timePerUnit"),
      p.medianMsPerUnit === null ? "—" : t("quality.seconds", { value: (p.medianMsPerUnit / 1000).toFixed(1) }),
    ],
    [t("quality.productivity.remaining"), String(p.remaining)],
    [t("quality.productivity.eta"), eta],
  ];
  return (
    <Card title={t("quality.productivity.title")}>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="productivity">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
