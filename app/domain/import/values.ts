// Checks on parsed JSON values that every imported record gets, whatever its kind.
import { type Problem, problem } from "./problems";

export const BANNED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

type Kind = "null" | "array" | "object" | "integer" | "number" | "boolean" | "string";
/** A kind of value for messages ("a number", "an array", "null", …), translated where it is shown. */
export function kind(k: Kind | (string & {})): Problem {
  const known: readonly string[] = ["null", "array", "object", "integer", "number", "boolean", "string"];
  return known.includes(k) ? { key: `imports.kind.${k as Kind}` } : { key: "imports.kind.other", params: { type: k } };
}

/** The kind of a value, for error messages. */
export function describe(v: unknown): Problem {
  if (v === null) return kind("null");
  if (Array.isArray(v)) return kind("array");
  if (typeof v === "object") return kind("object");
  if (typeof v === "number") return kind(Number.isInteger(v) ? "integer" : "number");
  if (typeof v === "boolean") return kind("boolean");
  if (typeof v === "string") return kind("string");
  return kind(typeof v);
}

/** Field path as shown in errors: profile.外貌[2].颜色 */
export function pathText(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

const joinPath = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** Path of a key that could reach Object.prototype ("__proto__", "constructor", "prototype"), if any. */
export function findBannedKey(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === "object" && v[i] !== null) stack.push([v[i], joinPath(path, i)]);
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      for (const k of keys) if (BANNED_KEYS.has(k)) return joinPath(path, k);
      for (let i = keys.length - 1; i >= 0; i--) {
        const x = v[keys[i]];
        if (typeof x === "object" && x !== null) stack.push([x, joinPath(path, keys[i])]);
      }
    }
  }
  return null;
}

/**
 * The source text of a top-level member's value when it is a number, read from the record's raw JSON
 * (JSON.parse has already rounded it). Used only on the error path.
 */
export function memberNumberText(raw: string, key: string): string | null {
  let depth = 0;
  let inString = false;
  let start = -1;
  let lastString: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') {
        inString = false;
        if (depth === 1) lastString = raw.slice(start, i + 1);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      start = i;
      lastString = null;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === ":" && depth === 1 && lastString !== null) {
      if (JSON.parse(lastString) === key) return /^\s*(-?[0-9][0-9.eE+-]*)/.exec(raw.slice(i + 1))?.[1] ?? null;
      lastString = null;
    }
  }
  return null;
}

export type ValueProblem = { field?: string; problem: Problem };

/** Banned keys anywhere; integer ids beyond 2^53 (which JSON.parse would silently round). */
export function checkValue(value: unknown, raw: string, idFields: readonly string[]): ValueProblem | null {
  const banned = findBannedKey(value);
  if (banned !== null) {
    const key = [...BANNED_KEYS].find((k) => banned.endsWith(k))!;
    return { field: banned, problem: problem("keyBanned", { key: JSON.stringify(key) }) };
  }
  if (isPlainObject(value)) {
    for (const f of idFields) {
      const v = value[f];
      if (typeof v === "number" && Number.isFinite(v) && Math.abs(v) > Number.MAX_SAFE_INTEGER) {
        const text = memberNumberText(raw, f) ?? String(v);
        return { field: f, problem: problem("idBeyond", { field: f, value: text }) };
      }
    }
  }
  return null;
}
