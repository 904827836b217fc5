// Validation of metric sets (custom JSON sets and, in tests, the built-in ones) with zod.
import { z } from "zod";
import type { MetricDefinition, MetricSetDefinition } from "./types";

/** Metric and dimension keys: a letter, then letters, digits or "_"; at most 64 characters. */
export const METRIC_KEY_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Set keys may also use "-" (e.g. "characterbench-mixed"). */
export const SET_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Largest allowed scaleMax − scaleMin. */
export const MAX_SCALE_SPAN = 10;

const keyMsg = "must start with a letter and contain only letters, digits and _ (at most 64 characters)";
const key = z.string().regex(METRIC_KEY_RE, keyMsg);
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optText = (max: number) => text(max).optional().default("");
const scalePoint = z.number().int("must be an integer").min(-1000, "must be ≥ -1000").max(1000, "must be ≤ 1000");

const dimensionSchema = z
  .object({
    key,
    nameEn: text(200).min(1, "must not be empty"),
    nameZh: text(200).optional(),
  })
  .strict()
  .transform((d) => ({ key: d.key, nameEn: d.nameEn, nameZh: d.nameZh || d.nameEn }));

const metricSchema = z
  .object({
    key,
    nameEn: text(200).optional(),
    nameZh: text(200).optional(),
    dimension: key,
    definitionEn: text(4000).min(1, "must not be empty"),
    definitionZh: optText(4000),
    scaleMin: scalePoint.optional().default(1),
    scaleMax: scalePoint.optional().default(5),
    higherIsBetter: z.boolean().optional().default(true),
    anchorLowEn: optText(2000),
    anchorLowZh: optText(2000),
    anchorHighEn: optText(2000),
    anchorHighZh: optText(2000),
  })
  .strict()
  .transform((m): MetricDefinition => {
    const nameEn = m.nameEn || m.key.replace(/_/g, " ");
    return {
      key: m.key,
      nameZh: m.nameZh || nameEn,
      nameEn,
      dimension: m.dimension,
      definitionEn: m.definitionEn,
      definitionZh: m.definitionZh,
      scaleMin: m.scaleMin,
      scaleMax: m.scaleMax,
      higherIsBetter: m.higherIsBetter,
      anchorLowEn: m.anchorLowEn,
      anchorLowZh: m.anchorLowZh,
      anchorHighEn: m.anchorHighEn,
      anchorHighZh: m.anchorHighZh,
    };
  });

/** Schema of a metric set: the shape of MetricSetDefinition, with optional fields defaulted. */
export const metricSetSchema = z
  .object({
    key: z.string().regex(SET_KEY_RE, "must be letters, digits, _ or - (at most 64 characters)"),
    nameEn: text(200).min(1, "must not be empty"),
    nameZh: text(200).optional(),
    descriptionEn: optText(4000),
    descriptionZh: optText(4000),
    dimensions: z.array(dimensionSchema).min(1, "must declare at least one dimension").max(100),
    metrics: z.array(metricSchema).min(1, "must contain at least one metric").max(200),
  })
  .strict()
  .superRefine((set, ctx) => {
    const dimSeen = new Map<string, number>();
    set.dimensions.forEach((d, i) => {
      const prev = dimSeen.get(d.key.toLowerCase());
      if (prev !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["dimensions", i, "key"],
          message: `duplicate dimension key "${d.key}" (already used by dimensions[${prev}])`,
        });
      } else dimSeen.set(d.key.toLowerCase(), i);
    });
    const declared = new Set(set.dimensions.map((d) => d.key));
    const seen = new Map<string, number>();
    set.metrics.forEach((m, i) => {
      const prev = seen.get(m.key.toLowerCase());
      if (prev !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["metrics", i, "key"],
          message: `duplicate metric key "${m.key}" (already used by metrics[${prev}])`,
        });
      } else seen.set(m.key.toLowerCase(), i);
      if (!declared.has(m.dimension)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["metrics", i, "dimension"],
          message: `dimension "${m.dimension}" is not declared in dimensions`,
        });
      }
      if (m.scaleMin >= m.scaleMax) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["metrics", i, "scaleMax"],
          message: `must be greater than scaleMin (got scaleMin ${m.scaleMin}, scaleMax ${m.scaleMax})`,
        });
      } else if (m.scaleMax - m.scaleMin > MAX_SCALE_SPAN) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["metrics", i, "scaleMax"],
          message: `scale span scaleMax − scaleMin must be at most ${MAX_SCALE_SPAN} (got ${m.scaleMax - m.scaleMin})`,
        });
      }
    });
  })
  .transform((s): MetricSetDefinition => ({
    key: s.key,
    nameEn: s.nameEn,
    nameZh: s.nameZh || s.nameEn,
    descriptionEn: s.descriptionEn,
    descriptionZh: s.descriptionZh,
    dimensions: s.dimensions,
    metrics: s.metrics,
  }));

export type MetricSetIssue = { path: string; message: string };

export class MetricSetValidationError extends Error {
  readonly issues: MetricSetIssue[];
  constructor(issues: MetricSetIssue[]) {
    const shown = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`);
    if (issues.length > 10) shown.push(`… and ${issues.length - 10} more`);
    super(`Invalid metric set: ${shown.join("; ")}`);
    this.name = "MetricSetValidationError";
    this.issues = issues;
  }
}

/** ["metrics", 3, "scaleMax"] → "metrics[3].scaleMax"; [] → "(root)". */
export function formatIssuePath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out || "(root)";
}

const errorMap: z.ZodErrorMap = (issue, ctx) => {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === "undefined") return { message: "is required" };
    return { message: `expected ${issue.expected}, got ${issue.received}` };
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return { message: `unknown field(s): ${issue.keys.map((k) => `"${k}"`).join(", ")}` };
  }
  return { message: ctx.defaultError };
};

/**
 * Validates a custom metric set (parsed JSON, or a JSON string) and returns it as a
 * MetricSetDefinition with defaults filled in. Throws MetricSetValidationError whose message
 * and `issues` name each offending field path, e.g. "metrics[2].scaleMax: must be greater than scaleMin".
 */
export function parseCustomMetricSet(json: unknown): MetricSetDefinition {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new MetricSetValidationError([{ path: "(root)", message: `not valid JSON: ${(e as Error).message}` }]);
    }
  }
  const result = metricSetSchema.safeParse(value, { errorMap });
  if (result.success) return result.data;
  throw new MetricSetValidationError(result.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })));
}
