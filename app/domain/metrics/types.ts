export type AnchorText = { en: string; zh: string };

// A metric as a project uses it. Built-in sets and custom JSON sets both produce this shape.
export type MetricDefinition = {
  /** metric_en, e.g. "Communication_skills"; unique within a set */
  key: string;
  /** metric_zh, e.g. "交流技巧" */
  nameZh: string;
  /** display name in English (key with underscores as spaces when not given) */
  nameEn: string;
  /** dimension key, e.g. "conversational_ability" */
  dimension: string;
  definitionEn: string;
  definitionZh: string;
  /** integer scale, inclusive; min < max */
  scaleMin: number;
  scaleMax: number;
  higherIsBetter: boolean;
  /** what a response at scaleMin / scaleMax looks like (English and Chinese) */
  anchorLowEn: string;
  anchorLowZh: string;
  anchorHighEn: string;
  anchorHighZh: string;
  /** anchors per scale point (product.md §10); absent for the built-in sets, which have low/high only */
  anchors?: Record<string, AnchorText>;
};

export type DimensionDefinition = { key: string; nameEn: string; nameZh: string };

export type MetricSetDefinition = {
  key: string;
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  dimensions: DimensionDefinition[];
  metrics: MetricDefinition[];
};
