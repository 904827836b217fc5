// A problem of an import is an i18n key with its parameters (docs/decisions/012), not a sentence: the
// page shows it in its language, the CLI and the API print the English text made from the same key.
// A parameter may itself be a problem (a kind such as "an array", a "record 3"), translated first.
import type imports from "~/i18n/features/imports";

type Texts = (typeof imports)["en"];
export type ImportMessageKey =
  | `imports.problem.${ProblemName}`
  | `imports.kind.${keyof Texts["kind"] & string}`
  | `imports.where.${keyof Texts["where"] & string}`
  | "imports.problemAt";
export type ProblemParam = string | number | Problem;
export type Problem = { key: ImportMessageKey; params?: Record<string, ProblemParam> };

/** One flat message, as app/lib/forms/message.ts's `translate(t, …)` and `inEnglish(…)` take it. */
export type Translate = (msg: { key: ImportMessageKey; params?: Record<string, string | number> }) => string;

export type ProblemName = keyof Texts["problem"] & string;

/** `problem("cellCount", { expected: 3, found: 2 })`: the key imports.problem.cellCount with its parameters. */
export function problem(name: ProblemName, params?: Record<string, ProblemParam>): Problem {
  const key = `imports.problem.${name}` as const;
  return params ? { key, params } : { key };
}

/** Zod carries an issue's message as a string: the problem as JSON. */
export const zodMessage = (p: Problem): string => JSON.stringify(p);

/** The text of a problem, its nested problems translated first. */
export function problemText(tr: Translate, p: Problem): string {
  if (!p.params) return tr({ key: p.key });
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.params)) params[k] = typeof v === "object" ? problemText(tr, v) : v;
  return tr({ key: p.key, params });
}

/** Where a problem is, as an ImportError has it or as it arrives in JSON (nulls for absent parts). */
export type ProblemLocation = { file: string; line?: number | null; record?: number | null; key?: string | null; field?: string | null };

const groupDigits = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** "a.jsonl: record 1,234 (line 5), field "role"", in the translator's language. */
export function locationText(tr: Translate, loc: ProblemLocation): string {
  const file = loc.file;
  const line = loc.line !== undefined && loc.line !== null ? groupDigits(loc.line) : undefined;
  let where: string;
  if (loc.record !== undefined && loc.record !== null) {
    const record = groupDigits(loc.record);
    where = line
      ? tr({ key: "imports.where.recordLine", params: { file, record, line } })
      : tr({ key: "imports.where.record", params: { file, record } });
  } else if (loc.key !== undefined && loc.key !== null) {
    const key = JSON.stringify(loc.key);
    where = line
      ? tr({ key: "imports.where.entryLine", params: { file, key, line } })
      : tr({ key: "imports.where.entry", params: { file, key } });
  } else where = line ? tr({ key: "imports.where.line", params: { file, line } }) : tr({ key: "imports.where.file", params: { file } });
  if (loc.field !== undefined && loc.field !== null && loc.field !== "")
    where = tr({ key: "imports.where.field", params: { where, field: JSON.stringify(loc.field) } });
  return where;
}

/** A located problem as one line: "where: problem". */
export function locatedProblemText(tr: Translate, loc: ProblemLocation, p: Problem): string {
  return tr({ key: "imports.problemAt", params: { where: locationText(tr, loc), problem: problemText(tr, p) } });
}
