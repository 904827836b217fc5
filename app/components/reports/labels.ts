// Localised names of metrics and dimensions for report pages (the reports themselves carry keys).
import { useTranslation } from "react-i18next";

export type Labels = { metrics: Record<string, { en: string; zh: string }>; dimensions: Record<string, { en: string; zh: string }> };

export function useLabels(labels: Labels) {
  const { i18n, t } = useTranslation();
  const zh = i18n.language === "zh";
  const pick = (l: { en: string; zh: string } | undefined, key: string) => (l ? (zh ? l.zh : l.en) : key);
  return {
    metric: (key: string) => (key === "overall" ? t("reports.common.overall") : pick(labels.metrics[key], key)),
    dimension: (key: string) => pick(labels.dimensions[key], key),
  };
}
