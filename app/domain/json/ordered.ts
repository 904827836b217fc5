// Order-preserving JSON. Plain JS objects put integer-like keys first ("2" before "a"), and numbers lose
// their source text (1.0 becomes 1, big ints round). Character profiles must keep key order exactly and
// Python's str() of them must be reproducible, so profiles travel as OrderedValue.

import { DEFAULT_MAX_DEPTH, Parser } from "./ordered-parser";

export type OrderedValue =
  | { type: "object"; entries: [string, OrderedValue][] }
  | { type: "array"; items: OrderedValue[] }
  | { type: "string"; value: string }
  /** raw = the number's source text, e.g. "1.0", "12345678901234567890", "1e400" */
  | { type: "number"; raw: string }
  | { type: "bool"; value: boolean }
  | { type: "null" };

export type ParseOrderedOptions = {
  /** deepest allowed nesting of arrays/objects (default 64) */
  maxDepth?: number;
  /**
   * "last" (default) mirrors Python's json.load and JSON.parse: the key keeps its first position and
   * takes the last value. "error" rejects a repeated key.
   */
  duplicateKeys?: "last" | "error";
};

export { DEFAULT_MAX_DEPTH, JsonParseError } from "./ordered-parser";

/** Strict JSON (RFC 8259) → OrderedValue. A leading BOM is ignored. Errors are JsonParseError. */
export function parseOrderedJson(text: string, options: ParseOrderedOptions = {}): OrderedValue {
  const p = new Parser(text, options.maxDepth ?? DEFAULT_MAX_DEPTH, options.duplicateKeys === "error");
  if (text.charCodeAt(0) === 0xfeff) p.pos = 1;
  const v = p.value(0);
  p.skipWs();
  if (p.pos < text.length) p.unexpected();
  return v;
}

/** Compact JSON with keys in their original order and numbers in their source form. */
export function stringifyOrdered(v: OrderedValue): string {
  switch (v.type) {
    case "object":
      return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${stringifyOrdered(x)}`).join(",")}}`;
    case "array":
      return `[${v.items.map(stringifyOrdered).join(",")}]`;
    case "string":
      return JSON.stringify(v.value);
    case "number":
      return v.raw;
    case "bool":
      return v.value ? "true" : "false";
    case "null":
      return "null";
  }
}

export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

/** For display only: objects become plain objects (integer-like keys move first), numbers become JS numbers. */
export function toPlain(v: OrderedValue): PlainJson {
  switch (v.type) {
    case "object":
      return Object.fromEntries(v.entries.map(([k, x]) => [k, toPlain(x)]));
    case "array":
      return v.items.map(toPlain);
    case "string":
      return v.value;
    case "number":
      return Number(v.raw);
    case "bool":
      return v.value;
    case "null":
      return null;
  }
}

/** Plain JSON-able value → OrderedValue (JS order; a JS number has no ".0", so 1.0 becomes int 1). */
export function fromPlain(x: unknown): OrderedValue {
  if (x === null) return { type: "null" };
  if (typeof x === "boolean") return { type: "bool", value: x };
  if (typeof x === "string") return { type: "string", value: x };
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new TypeError(`Cannot represent ${x} in JSON`);
    return { type: "number", raw: JSON.stringify(x) };
  }
  if (typeof x === "bigint") return { type: "number", raw: x.toString() };
  if (Array.isArray(x)) return { type: "array", items: x.map(fromPlain) };
  if (typeof x === "object") {
    return { type: "object", entries: Object.entries(x).map(([k, y]) => [k, fromPlain(y)]) };
  }
  throw new TypeError(`Cannot represent a ${typeof x} in JSON`);
}

/** The value of `key` in an object, or undefined. */
export function getEntry(v: OrderedValue, key: string): OrderedValue | undefined {
  if (v.type !== "object") return undefined;
  return v.entries.find(([k]) => k === key)?.[1];
}
