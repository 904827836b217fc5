// What an export is asked for: the kind and its filters, validated once for the CLI, the API and the
// Export page. Pure (no I/O), so the page's form can share the lists. Unknown names are a 400 naming
// the field (allow-listed filters; see docs/security.md "ORM filter leak").
import type { ConsensusMethod, SplitBy } from "~/domain/export";
import { badRequest } from "~/lib/errors";

export const EXPORT_KINDS = ["charrm", "generation-trans", "pairs", "annotations"] as const;
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
  seed: string | undefined;
  minMargin: number;
  format: AnnotationFormat;
};

/** Which filters each kind takes; anything else is refused, so a typo never silently exports everything. */
export const KIND_FILTERS: Record<ExportKind, readonly string[]> = {
  charrm: ["metric", "model", "min-ratings", "adjudicated-only", "exclude-gold", "consensus", "split-by", "seed"],
  "generation-trans": ["model", "metric"],
  pairs: ["metric", "model", "min-ratings", "adjudicated-only", "exclude-gold", "consensus", "split-by", "seed", "min-margin"],
  annotations: ["format", "metric", "model", "min-ratings", "adjudicated-only", "exclude-gold"],
};

export const BOOLEAN_FILTERS = ["adjudicated-only", "exclude-gold"] as const;

export function isExportKind(v: string): v is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(v);
}

export function parseExportKind(v: string | undefined): ExportKind {
  if (!v || !isExportKind(v)) throw badRequest(`Unknown export kind "${v ?? ""}": expected one of ${EXPORT_KINDS.join(", ")}`, "kind");
  return v;
}

/** Filter values by name: repeated values allowed (URLSearchParams, repeated CLI flags). */
export type FilterSource = { names(): Iterable<string>; all(name: string): string[] };

export function searchParamsSource(params: URLSearchParams): FilterSource {
  return { names: () => new Set(params.keys()), all: (n) => params.getAll(n) };
}

const list = (values: string[]) => values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);

function one(src: FilterSource, name: string): string | undefined {
  const v = src.all(name);
  if (v.length > 1) throw badRequest(`${name} given more than once`, name);
  return v[0]?.trim();
}

function wholeNumber(src: FilterSource, name: string, fallback: number, min: number, max: number): number {
  const v = one(src, name);
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw badRequest(`${name} must be a whole number from ${min} to ${max}`, name);
  return n;
}

/** Consensus scores are means, so a margin may be fractional (0.5); it must be above 0. */
function margin(src: FilterSource): number {
  const v = one(src, "min-margin");
  if (v === undefined || v === "") return 1;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0) || n > 1000) throw badRequest("min-margin must be a number above 0", "min-margin");
  return n;
}

function bool(src: FilterSource, name: string): boolean {
  const v = one(src, name);
  if (v === undefined) return false;
  if (["", "1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw badRequest(`${name} must be true or false`, name);
}

function choice<T extends string>(src: FilterSource, name: string, allowed: readonly T[], fallback: T): T {
  const v = one(src, name);
  if (v === undefined || v === "") return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw badRequest(`${name} must be one of ${allowed.join(", ")}`, name);
  return v as T;
}

/** Validates the filters of one kind. Metric keys and model names are checked against the project later. */
export function parseExportOptions(kind: ExportKind, src: FilterSource): ExportOptions {
  const allowed = KIND_FILTERS[kind];
  for (const name of src.names()) {
    if (!allowed.includes(name)) throw badRequest(`Unknown filter "${name}" for ${kind}: allowed are ${allowed.join(", ")}`, name);
  }
  const seed = one(src, "seed");
  if (seed !== undefined && (seed === "" || seed.length > 100)) throw badRequest("seed must be 1 to 100 characters", "seed");
  const options: ExportOptions = {
    kind,
    metrics: list(src.all("metric")),
    models: list(src.all("model")),
    minRatings: wholeNumber(src, "min-ratings", 0, 0, 1000),
    adjudicatedOnly: bool(src, "adjudicated-only"),
    excludeGold: bool(src, "exclude-gold"),
    consensus: choice(src, "consensus", ["mean", "median"] as const, "mean"),
    splitBy: choice(src, "split-by", ["dialogue", "character"] as const, "dialogue"),
    seed,
    minMargin: margin(src),
    format: choice(src, "format", ["csv", "jsonl"] as const, "csv"),
  };
  if (kind === "generation-trans" && options.models.length !== 1) {
    throw badRequest("generation-trans needs exactly one model", "model");
  }
  return options;
}

/** What a download is called and typed: fixed per kind and format, built from the project slug only. */
export function exportFile(slug: string, options: Pick<ExportOptions, "kind" | "format">) {
  if (options.kind === "annotations" && options.format === "csv") {
    return { filename: `${slug}-annotations.csv`, contentType: "text/csv; charset=utf-8" };
  }
  if (options.kind === "generation-trans") {
    return { filename: `${slug}-generation-trans.json`, contentType: "application/json; charset=utf-8" };
  }
  return { filename: `${slug}-${options.kind}.jsonl`, contentType: "application/x-ndjson; charset=utf-8" };
}
