import { z, type ZodIssue } from "zod";
import { DEFAULT_SPLIT_RATIOS, parseSplitRatios, type SplitRatios } from "~/domain/export/split";
import {
  BOOLEAN_FILTERS,
  EXPORT_KINDS,
  goldLeftOutByDefault,
  isExportKind,
  KIND_FILTERS,
  type ExportKind,
  type ExportOptions,
} from "~/domain/export/options";
import { keyedError, type AppError } from "~/lib/errors";
import { issueMessage, m } from "../message";

// The filters of an export, checked by one schema for the Export page (Conform, in the browser), the
// HTTP API and the CLI. Every value arrives as a list of strings (URLSearchParams.getAll, repeated CLI
// flags, Conform's arrays), so one rule covers "given twice" everywhere. Each refusal is a keyed
// message naming the field; the API and the CLI print its English text (docs/api.md's table).

/** Filter values by name, as the API's query and the CLI's flags give them. */
export type FilterValues = Record<string, string[] | undefined>;

/** Filter values by name: repeated values allowed (URLSearchParams, repeated CLI flags). */
export type FilterSource = { names(): Iterable<string>; all(name: string): string[] };

export function searchParamsSource(params: URLSearchParams): FilterSource {
  return { names: () => new Set(params.keys()), all: (n) => params.getAll(n) };
}

export const valuesOf = (src: FilterSource): FilterValues => Object.fromEntries([...src.names()].map((n) => [n, src.all(n)]));

const list = (values: string[]) =>
  values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

const TRUE = ["", "1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];

/** Reads the values and records each refusal as an issue on its field, in the order the API has always
 *  checked them (the first is the API's and the CLI's error). */
function readOptions(kind: ExportKind, raw: FilterValues, ctx: z.RefinementCtx): ExportOptions {
  const refuse = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  const allowed = KIND_FILTERS[kind];
  for (const [name, v] of Object.entries(raw)) {
    if (v !== undefined && !allowed.includes(name)) {
      refuse(name, m("exports.errors.unknownFilter", { name, kind, allowed: allowed.join(", ") }));
    }
  }
  const one = (name: string): string | undefined => {
    const v = raw[name] ?? [];
    if (v.length > 1) refuse(name, m("exports.errors.repeated", { name }));
    return v[0]?.trim();
  };
  const whole = (name: string, fallback: number, min: number, max: number) => {
    const v = one(name);
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (/^\d+$/.test(v) && n >= min && n <= max) return n;
    refuse(name, m("exports.errors.wholeNumber", { name, min, max }));
    return fallback;
  };
  const bool = (name: string, fallback = false) => {
    const v = one(name);
    if (v === undefined) return fallback;
    if (TRUE.includes(v)) return true;
    if (FALSE.includes(v)) return false;
    refuse(name, m("exports.errors.boolean", { name }));
    return fallback;
  };
  const choice = <T extends string>(name: string, options: readonly T[], fallback: T): T => {
    const v = one(name);
    if (v === undefined || v === "") return fallback;
    if ((options as readonly string[]).includes(v)) return v as T;
    refuse(name, m("exports.errors.choice", { name, allowed: options.join(", ") }));
    return fallback;
  };
  // Consensus scores are means, so a margin may be fractional (0.5); it must be above 0.
  const margin = () => {
    const v = one("min-margin");
    if (v === undefined || v === "") return 1;
    const n = Number(v);
    if (/^\d+(\.\d+)?$/.test(v) && n > 0 && n <= 1000) return n;
    refuse("min-margin", m("exports.errors.margin"));
    return 1;
  };
  // "80/10/10" (or 0.8,0.1,0.1); the shares need not add up to 100, they are relative.
  const ratios = (): SplitRatios => {
    const v = one("split");
    if (v === undefined || v === "") return DEFAULT_SPLIT_RATIOS;
    try {
      return parseSplitRatios(v);
    } catch {
      refuse("split", m("errors.splitRatios"));
      return DEFAULT_SPLIT_RATIOS;
    }
  };
  // product.md §9: gold stays out of training data unless asked for (`include-gold`, or `exclude-gold=false`)
  const gold = () => {
    if (!bool("include-gold")) return bool("exclude-gold", goldLeftOutByDefault(kind));
    if (bool("exclude-gold")) refuse("include-gold", m("exports.errors.goldBoth"));
    return false;
  };

  const seed = one("seed");
  if (seed !== undefined && (seed === "" || seed.length > 100)) refuse("seed", m("exports.errors.seed"));
  const options: ExportOptions = {
    kind,
    metrics: list(raw.metric ?? []),
    models: list(raw.model ?? []),
    minRatings: whole("min-ratings", 0, 0, 1000),
    adjudicatedOnly: bool("adjudicated-only"),
    excludeGold: gold(),
    consensus: choice("consensus", ["mean", "median"] as const, "mean"),
    splitBy: choice("split-by", ["dialogue", "character"] as const, "dialogue"),
    splitRatios: ratios(),
    seed,
    minMargin: margin(),
    format: choice("format", ["csv", "jsonl"] as const, "csv"),
    perAnnotator: kind === "pairs-annotators" || bool("per-annotator"),
  };
  if (kind === "generation-trans" && options.models.length !== 1) refuse("model", m("exports.errors.oneModel"));
  return options;
}

const values = z.array(z.string()).optional();
const schemas = new Map<ExportKind, z.ZodType<ExportOptions, z.ZodTypeDef, FilterValues>>();

/** The schema of one kind's filters: the kind's own filter names as lists (so Conform hands over arrays),
 *  any other name kept to be refused. */
export function exportOptionsSchema(kind: ExportKind) {
  let schema = schemas.get(kind);
  if (!schema) {
    const shape = Object.fromEntries(KIND_FILTERS[kind].map((n) => [n, values]));
    schema = z
      .object(shape)
      .catchall(values)
      .transform((raw, ctx) => readOptions(kind, raw, ctx));
    schemas.set(kind, schema);
  }
  return schema;
}

const refusal = (issue: ZodIssue): AppError => {
  const msg = issueMessage(issue);
  return keyedError(400, msg.key, msg.params, String(issue.path[0] ?? ""));
};

export function parseExportKind(v: string | undefined): ExportKind {
  if (!v || !isExportKind(v))
    throw keyedError(400, "exports.errors.unknownKind", { kind: v ?? "", allowed: EXPORT_KINDS.join(", ") }, "kind");
  return v;
}

/** Validates the filters of one kind (AppError 400 with the first refusal, keyed, naming the field).
 *  Metric keys and model names are checked against the project later. */
export function parseExportOptions(kind: ExportKind, src: FilterSource): ExportOptions {
  const r = exportOptionsSchema(kind).safeParse(valuesOf(src));
  if (!r.success) throw refusal(r.error.issues[0]);
  return r.data;
}

/** The CLI's flags of a kind as filter values: a boolean flag present is "1". */
export function flagSource(has: (name: string) => boolean, all: (name: string) => string[], names: readonly string[]): FilterSource {
  const isBool = (n: string) => (BOOLEAN_FILTERS as readonly string[]).includes(n);
  return {
    names: () => names.filter(has),
    all: (n) => (isBool(n) ? (has(n) ? ["1"] : []) : all(n)),
  };
}
