// One zod schema per record kind, with messages that name what was expected and what was found. Each kind
// has a JSON variant and a CSV variant (CSV cells are strings: numbers are coerced, blank cells are absent).
import { z } from "zod";
import { type ErrorList, type ErrorLocation, ImportError } from "./errors";
import { type Problem, problem, type ProblemParam, zodMessage } from "./problems";
import { describe, isPlainObject, kind, pathText } from "./values";

type Ctx = z.RefinementCtx;
// PostgreSQL text cannot hold U+0000; refuse it here rather than fail half-way through a write
const NUL = problem("nul");
const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function fail(ctx: Ctx, why: Problem): never {
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: zodMessage(why) });
  return z.NEVER;
}

/** What was found, for messages: a short quoted string or a kind ("an object"). */
export function shown(v: unknown): ProblemParam {
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return describe(v);
  return v.length > 40 ? `${JSON.stringify(v.slice(0, 40))}…` : JSON.stringify(v);
}

/** CSV: a blank cell means "absent". */
const blankToUndefined = (csv: boolean, v: unknown) => (csv && typeof v === "string" && v.trim() === "" ? undefined : v);

/** An external id: a safe integer (stored as its decimal text) or a non-empty string (trimmed). */
export const idField = z.any().transform((v: unknown, ctx): string => {
  if (v === undefined) return fail(ctx, problem("required"));
  if (typeof v === "number") {
    if (Number.isSafeInteger(v)) return String(v);
    return fail(ctx, problem("idNumber", { value: String(v) }));
  }
  if (typeof v === "string") {
    if (v.includes("\u0000")) return fail(ctx, NUL);
    return v.trim() !== "" ? v.trim() : fail(ctx, problem("notEmpty"));
  }
  return fail(ctx, problem("idType", { found: describe(v) }));
});

/** The id of a record that failed validation, when it can still be read (so references to it are not reported). */
export function idOf(value: unknown, key: string): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const id = idField.safeParse(value[key]);
  return id.success ? id.data : undefined;
}

export const text = (opts: { empty?: boolean; nullable?: boolean; optional?: boolean; csv?: boolean } = {}) =>
  z.any().transform((raw: unknown, ctx): string | null | undefined => {
    const v = opts.optional ? blankToUndefined(!!opts.csv, raw) : raw;
    if (v === undefined) return opts.optional ? undefined : fail(ctx, problem("required"));
    if (v === null && opts.nullable) return null;
    if (typeof v !== "string") return fail(ctx, problem(opts.nullable ? "expectedStringOrNull" : "expectedString", { found: describe(v) }));
    if (!opts.empty && v.trim() === "") return fail(ctx, problem("notEmpty"));
    if (v.includes("\u0000")) return fail(ctx, NUL);
    return v;
  });

const str = (csv = false) => text({ csv }) as z.ZodType<string, z.ZodTypeDef, unknown>;
const optStr = (csv = false) => text({ csv, optional: true, empty: true }) as z.ZodType<string | undefined, z.ZodTypeDef, unknown>;

export const numberField = (opts: { integer?: boolean; min?: number; optional?: boolean; csv?: boolean }) =>
  z.any().transform((raw: unknown, ctx): number | undefined => {
    const expected = opts.integer ? "expectedInteger" : "expectedNumber";
    let v = blankToUndefined(!!opts.csv, raw);
    if (v === null && opts.optional) v = undefined;
    if (v === undefined) return opts.optional ? undefined : fail(ctx, problem("required"));
    if (opts.csv && typeof v === "string") {
      if (!NUMBER_TEXT.test(v.trim())) return fail(ctx, problem(expected, { found: shown(v) }));
      v = Number(v.trim());
    }
    if (typeof v !== "number" || !Number.isFinite(v)) return fail(ctx, problem(expected, { found: shown(v) }));
    if (opts.integer && !Number.isSafeInteger(v)) return fail(ctx, problem(expected, { found: String(v) }));
    if (opts.min !== undefined && v < opts.min) return fail(ctx, problem("atLeast", { min: opts.min, found: String(v) }));
    return v;
  });

// ---- CharacterEval files ----

export const ceDialogueSchema = z.object({
  id: idField,
  role: str(),
  novel_name: text({ empty: true }) as z.ZodType<string, z.ZodTypeDef, unknown>,
  context: str(),
});

/** A profile: a non-empty map whose values are strings, lists or maps (recursively), in any mix. */
export const profileSchema = z.any().superRefine((v: unknown, ctx) => {
  if (!isPlainObject(v)) return void fail(ctx, problem("profileNotMap", { found: describe(v) }));
  if (Object.keys(v).length === 0) return void fail(ctx, problem("profileEmpty"));
  const stack: Array<[unknown, Array<string | number>]> = Object.entries(v).map(([k, x]) => [x, [k]]);
  for (let i = 0; i < stack.length; i++) {
    const [x, path] = stack[i];
    if (typeof x === "string") continue;
    if (Array.isArray(x)) x.forEach((y, j) => stack.push([y, [...path, j]]));
    else if (isPlainObject(x)) for (const [k, y] of Object.entries(x)) stack.push([y, [...path, k]]);
    else ctx.addIssue({ code: "custom", path, message: zodMessage(problem("profileValue", { found: describe(x) })) });
  }
});

const PAIR = zodMessage(problem("metricPair"));
const metricPair = z.array(str(), { invalid_type_error: PAIR }).length(2, PAIR);

export const id2metricEntrySchema = z
  .array(metricPair, { invalid_type_error: zodMessage(problem("metricPairs")) })
  .min(1, zodMessage(problem("metricsEmpty")))
  .superRefine((pairs, ctx) => {
    const seen = new Map<string, number>();
    pairs.forEach(([en], i) => {
      const first = seen.get(en);
      if (first !== undefined)
        ctx.addIssue({ code: "custom", path: [i, 0], message: zodMessage(problem("metricTwice", { metric: shown(en), first })) });
      else seen.set(en, i);
    });
  });

export const generationSchema = z.object({
  id: idField,
  model_output: text({ nullable: true, empty: true }) as z.ZodType<string | null, z.ZodTypeDef, unknown>,
  role: optStr(),
  novel_name: optStr(),
  context: optStr(),
});

/** A record of CharacterEval's evaluation.jsonl: the judge's score sits under the key named by metric_en. */
export const evaluationSchema = z
  .object({ id: idField, metric_en: str(), metric_zh: optStr() })
  .passthrough()
  .transform((r, ctx) => {
    const score = Object.hasOwn(r, r.metric_en) ? (r as Record<string, unknown>)[r.metric_en] : undefined;
    if (typeof score !== "number" || !Number.isFinite(score)) {
      ctx.addIssue({
        code: "custom",
        path: [r.metric_en],
        message: zodMessage(
          score === undefined ? problem("scoreMissing", { key: shown(r.metric_en) }) : problem("expectedNumber", { found: shown(score) }),
        ),
      });
      return z.NEVER;
    }
    return { id: r.id, metric: r.metric_en, metricZh: r.metric_zh, score };
  });

// ---- generic files (JSON or CSV) ----

export const genericSchemas = (csv: boolean) => ({
  dialogue: z.object({ id: idField, role: str(csv), context: str(csv), novel_name: optStr(csv) }),
  response: z.object({
    dialogue_id: idField,
    model: str(csv),
    text: text({ nullable: true, csv }) as z.ZodType<string | null, z.ZodTypeDef, unknown>,
  }),
  subset: z.object({ dialogue_id: idField, metric: str(csv) }),
  rating: z.object({
    dialogue_id: idField,
    model: str(csv),
    metric: str(csv),
    annotator: str(csv),
    score: numberField({ integer: true, csv }) as z.ZodType<number, z.ZodTypeDef, unknown>,
    // null is what an annotations JSONL export writes for "no comment" / "no time": it must re-import
    comment: text({ csv, optional: true, empty: true, nullable: true }) as z.ZodType<string | null | undefined, z.ZodTypeDef, unknown>,
    active_ms: numberField({ integer: true, min: 0, optional: true, csv }),
  }),
  judge: z.object({
    dialogue_id: idField,
    model: str(csv),
    metric: str(csv),
    score: numberField({ csv }) as z.ZodType<number, z.ZodTypeDef, unknown>,
  }),
});

export const jsonSchemas = genericSchemas(false);
export const csvSchemas = genericSchemas(true);

/** The problem a schema wrote into an issue's message; zod's own English text as it is otherwise. */
function issueProblem(message: string): Problem {
  if (message.startsWith("{")) {
    try {
      const parsed = JSON.parse(message) as Problem;
      if (typeof parsed.key === "string") return parsed;
    } catch {}
  }
  return problem("text", { text: message });
}

/** zod issues → ImportErrors at the record's location, one per field. */
export function issuesToErrors(error: z.ZodError, loc: ErrorLocation): ImportError[] {
  return error.issues.map((issue) => {
    const field = pathText(issue.path);
    let why = issueProblem(issue.message);
    if (issue.code === "invalid_type") {
      why =
        issue.received === "undefined"
          ? problem("required")
          : problem("foundInstead", { expected: why, found: kind(issue.received === "float" ? "number" : issue.received) });
    }
    return new ImportError(field ? { ...loc, field } : loc, why);
  });
}

/** Validates one record; on failure reports every field problem (or throws the first) and returns null. */
export function validate<T extends z.ZodTypeAny>(schema: T, value: unknown, loc: ErrorLocation, errors?: ErrorList): z.output<T> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const found = issuesToErrors(result.error, loc);
  if (!errors) throw found[0];
  for (const e of found) errors.add(e);
  return null;
}
