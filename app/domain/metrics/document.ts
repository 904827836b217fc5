// The metric-set document of product.md §10: the one JSON shape that the CLI reads and writes, the
// browser editor edits and the database stores. Built-in sets convert to it (documentOf), so a built-in
// set is a valid template; a project's metrics are made from it (definitionOf).
import { z } from "zod";
import { formatIssuePath, METRIC_KEY_RE, MetricSetValidationError, SET_KEY_RE } from "./schema";
import type { AnchorText, MetricDefinition, MetricSetDefinition } from "./types";

/** A scale has 2 to 11 integer points. */
export const MIN_POINTS = 2;
export const MAX_POINTS = 11;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const named = (max: number) => text(max).refine((s) => s.trim() !== "", "must not be empty");
const anchorSchema = z.object({ en: text(2000), zh: text(2000) }).strict();

const metricDocSchema = z
  .object({
    key: z.string().regex(METRIC_KEY_RE, "must start with a letter and contain only letters, digits and _ (at most 64 characters)"),
    name_en: named(200),
    name_zh: named(200),
    dimension: named(100),
    dimension_en: text(200).optional(),
    dimension_zh: text(200).optional(),
    min: z.number().int("must be an integer").min(-1000, "must be ≥ -1000").max(1000, "must be ≤ 1000"),
    max: z.number().int("must be an integer").min(-1000, "must be ≥ -1000").max(1000, "must be ≤ 1000"),
    higher_is_better: z.boolean().optional().default(true),
    definition_en: named(4000),
    definition_zh: named(4000),
    anchors: z.record(z.string(), anchorSchema).optional().default({}),
  })
  .strict();

export const metricSetDocumentSchema = z
  .object({
    key: z.string().regex(SET_KEY_RE, "must be letters, digits, _ or - (at most 64 characters)"),
    name_en: named(200),
    name_zh: named(200),
    metrics: z.array(metricDocSchema).min(1, "must contain at least one metric").max(200, "at most 200 metrics"),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    const seen = new Map<string, number>();
    doc.metrics.forEach((m, i) => {
      const prev = seen.get(m.key.toLowerCase());
      if (prev !== undefined) issue(["metrics", i, "key"], `duplicate metric key "${m.key}" (already used by metrics[${prev}])`);
      else seen.set(m.key.toLowerCase(), i);
      const points = m.max - m.min + 1;
      if (m.min >= m.max) issue(["metrics", i, "max"], `must be greater than min (got min ${m.min}, max ${m.max})`);
      else if (points > MAX_POINTS)
        issue(["metrics", i, "max"], `the scale must have ${MIN_POINTS} to ${MAX_POINTS} points (got ${points})`);
      for (const point of Object.keys(m.anchors)) {
        const n = Number(point);
        if (!/^-?\d+$/.test(point) || n < m.min || n > m.max) {
          issue(["metrics", i, "anchors", point], `anchors are only for the scale's points ${m.min}–${m.max}`);
        }
      }
    });
  });

export type MetricSetDocument = z.input<typeof metricSetDocumentSchema>;
/** A document after validation: optional fields filled with their defaults. */
export type ValidMetricSetDocument = z.output<typeof metricSetDocumentSchema>;
export type MetricDocument = ValidMetricSetDocument["metrics"][number];

const errorMap: z.ZodErrorMap = (issue, ctx) => {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === "undefined") return { message: "is required" };
    return { message: `expected ${issue.expected}, got ${issue.received}` };
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys)
    return { message: `unknown field(s): ${issue.keys.map((k) => `"${k}"`).join(", ")}` };
  return { message: ctx.defaultError };
};

/** The problems of a document, each naming its field ("metrics[2].max: …"); empty when it is valid. */
export function metricSetDocumentIssues(value: unknown) {
  const r = metricSetDocumentSchema.safeParse(value, { errorMap });
  return r.success ? [] : r.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
}

/**
 * Validates a metric-set document (parsed JSON or JSON text) and returns it in canonical form: the
 * contract's fields in the contract's order, anchors in scale order. Throws MetricSetValidationError.
 */
export function parseMetricSetDocument(json: unknown): ValidMetricSetDocument {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new MetricSetValidationError([{ path: "(root)", message: `not valid JSON: ${(e as Error).message}` }]);
    }
  }
  const r = metricSetDocumentSchema.safeParse(value, { errorMap });
  if (!r.success) throw new MetricSetValidationError(r.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })));
  return canonical(r.data);
}

function canonical(d: ValidMetricSetDocument): ValidMetricSetDocument {
  return {
    key: d.key,
    name_en: d.name_en,
    name_zh: d.name_zh,
    metrics: d.metrics.map((m) => ({
      key: m.key,
      name_en: m.name_en,
      name_zh: m.name_zh,
      dimension: m.dimension,
      ...(m.dimension_en !== undefined ? { dimension_en: m.dimension_en } : {}),
      ...(m.dimension_zh !== undefined ? { dimension_zh: m.dimension_zh } : {}),
      min: m.min,
      max: m.max,
      higher_is_better: m.higher_is_better,
      definition_en: m.definition_en,
      definition_zh: m.definition_zh,
      anchors: Object.fromEntries(
        Object.entries(m.anchors)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([p, a]) => [p, { en: a.en, zh: a.zh }]),
      ),
    })),
  };
}

/** A metric's anchors per scale point: its own map, or the low/high texts of a built-in metric. */
export function anchorsOf(m: MetricDefinition): Record<string, AnchorText> {
  if (m.anchors) return m.anchors;
  const out: Record<string, AnchorText> = {};
  if (m.anchorLowEn || m.anchorLowZh) out[m.scaleMin] = { en: m.anchorLowEn, zh: m.anchorLowZh };
  if (m.anchorHighEn || m.anchorHighZh) out[m.scaleMax] = { en: m.anchorHighEn, zh: m.anchorHighZh };
  return out;
}

/** A set (built-in or stored) as a §10 document. */
export function documentOf(set: MetricSetDefinition): ValidMetricSetDocument {
  const dims = new Map(set.dimensions.map((d) => [d.key, d]));
  return canonical({
    key: set.key,
    name_en: set.nameEn,
    name_zh: set.nameZh,
    metrics: set.metrics.map((m) => {
      const dim = dims.get(m.dimension);
      const named = dim && (dim.nameEn !== m.dimension || dim.nameZh !== m.dimension);
      return {
        key: m.key,
        name_en: m.nameEn,
        name_zh: m.nameZh,
        dimension: m.dimension,
        ...(named ? { dimension_en: dim.nameEn, dimension_zh: dim.nameZh } : {}),
        min: m.scaleMin,
        max: m.scaleMax,
        higher_is_better: m.higherIsBetter,
        definition_en: m.definitionEn,
        definition_zh: m.definitionZh,
        anchors: anchorsOf(m),
      };
    }),
  });
}

/** The metrics of a document as a project copies them; anchor_low/high are the anchors at min and max. */
export function definitionOf(doc: ValidMetricSetDocument): MetricSetDefinition {
  const dimensions = new Map<string, { key: string; nameEn: string; nameZh: string }>();
  for (const m of doc.metrics) {
    if (!dimensions.has(m.dimension)) {
      dimensions.set(m.dimension, {
        key: m.dimension,
        nameEn: m.dimension_en || m.dimension,
        nameZh: m.dimension_zh || m.dimension_en || m.dimension,
      });
    }
  }
  return {
    key: doc.key,
    nameEn: doc.name_en,
    nameZh: doc.name_zh,
    descriptionEn: "",
    descriptionZh: "",
    dimensions: [...dimensions.values()],
    metrics: doc.metrics.map((m) => ({
      key: m.key,
      nameEn: m.name_en,
      nameZh: m.name_zh,
      dimension: m.dimension,
      definitionEn: m.definition_en,
      definitionZh: m.definition_zh,
      scaleMin: m.min,
      scaleMax: m.max,
      higherIsBetter: m.higher_is_better,
      anchorLowEn: m.anchors[m.min]?.en ?? "",
      anchorLowZh: m.anchors[m.min]?.zh ?? "",
      anchorHighEn: m.anchors[m.max]?.en ?? "",
      anchorHighZh: m.anchors[m.max]?.zh ?? "",
      anchors: m.anchors,
    })),
  };
}

/** What a change from `before` to `after` touches that ratings depend on: keys, scales and directions. */
export function structuralChanges(before: ValidMetricSetDocument, after: ValidMetricSetDocument): string[] {
  const out: string[] = [];
  const old = new Map(before.metrics.map((m) => [m.key, m]));
  const now = new Map(after.metrics.map((m) => [m.key, m]));
  for (const k of old.keys()) if (!now.has(k)) out.push(`metric "${k}" removed or renamed`);
  for (const [k, m] of now) {
    const o = old.get(k);
    if (!o) out.push(`metric "${k}" added`);
    else if (o.min !== m.min || o.max !== m.max) out.push(`scale of "${k}" changed from ${o.min}–${o.max} to ${m.min}–${m.max}`);
    else if (o.higher_is_better !== m.higher_is_better) out.push(`direction of "${k}" changed`);
  }
  return out;
}

/** A project's anchors per point from its metrics row: the anchors JSON, or for a copy made before that
 *  column existed (it holds "{}"), the low/high texts at min and max. */
export function storedAnchors(row: {
  anchors: string;
  scaleMin: number;
  scaleMax: number;
  anchorLowEn: string;
  anchorLowZh: string;
  anchorHighEn: string;
  anchorHighZh: string;
}): Record<string, AnchorText> {
  let parsed: Record<string, AnchorText> = {};
  try {
    parsed = JSON.parse(row.anchors) ?? {};
  } catch {
    // a hand-edited row: fall back to the columns below
  }
  if (Object.keys(parsed).length) return parsed;
  const out: Record<string, AnchorText> = {};
  if (row.anchorLowEn || row.anchorLowZh) out[row.scaleMin] = { en: row.anchorLowEn, zh: row.anchorLowZh };
  if (row.anchorHighEn || row.anchorHighZh) out[row.scaleMax] = { en: row.anchorHighEn, zh: row.anchorHighZh };
  return out;
}
