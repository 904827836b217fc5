// What an export is asked for: the kind and its filters. Pure (no I/O), so the page's form shares the
// lists. Unknown names are a 400 naming the field (allow-listed filters; see docs/security.md "ORM
// filter leak").
import type { ConsensusMethod, SplitBy } from "./index";
import type { SplitRatios } from "./split";

/** `pairs-annotators` is the per-annotator profile that goes beside `pairs` with `per-annotator`. */
export const EXPORT_KINDS = ["charrm", "generation-trans", "pairs", "annotations", "pairs-annotators"] as const;
/** The kinds the Export page offers as choices (the profile is a second link beside per-annotator pairs). */
export const PAGE_KINDS = ["charrm", "generation-trans", "pairs", "annotations"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type AnnotationFormat = "csv" | "jsonl";

export type ExportOptions = {
  kind: ExportKind;
  /** metric keys; empty = all */
  metrics: string[];
  /** model names; empty = all (generation-trans: exactly one) */
  models: string[];
  minRatings: number;
  adjudicatedOnly: boolean;
  excludeGold: boolean;
  consensus: ConsensusMethod;
  splitBy: SplitBy;
  /** train/dev/test shares, e.g. 80/10/10; small projects may want 60/20/20 */
  splitRatios: SplitRatios;
  seed: string | undefined;
  minMargin: number;
  format: AnnotationFormat;
  /** pairs: each annotator's own pairs, with an opaque annotator id (docs/decisions/016) */
  perAnnotator: boolean;
};

const UNIT_FILTERS = [
  "metric",
  "model",
  "min-ratings",
  "adjudicated-only",
  "exclude-gold",
  "include-gold",
  "consensus",
  "split-by",
  "split",
  "seed",
];

/** Which filters each kind takes; anything else is refused, so a typo never silently exports everything. */
export const KIND_FILTERS: Record<ExportKind, readonly string[]> = {
  charrm: UNIT_FILTERS,
  "generation-trans": ["model", "metric"],
  pairs: [...UNIT_FILTERS, "min-margin", "per-annotator"],
  // the profile counts the pairs the same filters give (split and seed are accepted so one query serves both)
  "pairs-annotators": [...UNIT_FILTERS, "min-margin"],
  annotations: ["format", "metric", "model", "min-ratings", "adjudicated-only", "exclude-gold"],
};

export const BOOLEAN_FILTERS = ["adjudicated-only", "exclude-gold", "include-gold", "per-annotator"] as const;

/** product.md §9: gold ratings stay out of training data unless asked for (`include-gold`, or
 *  `exclude-gold=false`); the annotations export is the raw record and keeps them, flagged. */
export const goldLeftOutByDefault = (kind: ExportKind) => kind === "charrm" || kind === "pairs" || kind === "pairs-annotators";

export function isExportKind(v: string): v is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(v);
}

// Parsing and checking the filters is app/lib/forms/schemas/exports.ts: one zod schema for the page,
// the API and the CLI, its refusals keyed for both languages.

/** What a download is called and typed: fixed per kind and format, built from the project slug only. */
export function exportFile(slug: string, options: Pick<ExportOptions, "kind" | "format"> & { perAnnotator?: boolean }) {
  if (options.kind === "annotations" && options.format === "csv") {
    return { filename: `${slug}-annotations.csv`, contentType: "text/csv; charset=utf-8" };
  }
  if (options.kind === "generation-trans") {
    return { filename: `${slug}-generation-trans.json`, contentType: "application/json; charset=utf-8" };
  }
  if (options.kind === "pairs" && options.perAnnotator) {
    return { filename: `${slug}-pairs-per-annotator.jsonl`, contentType: "application/x-ndjson; charset=utf-8" };
  }
  return { filename: `${slug}-${options.kind}.jsonl`, contentType: "application/x-ndjson; charset=utf-8" };
}
