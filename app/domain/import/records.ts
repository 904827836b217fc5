// Records of a JSON file, streamed: a JSON array (what CharacterEval names .jsonl) or true JSONL, told apart
// by the first non-whitespace character; and the entries of a top-level object map (profiles, id2metric).
import { type ByteSource, decodeUtf8 } from "./decode";
import { type ErrorList, type ErrorLocation, ImportError } from "./errors";
import { JsonScanner, type ScanItem } from "./json-scan";
import { type Problem, problem } from "./problems";
import { checkValue, describe, isPlainObject } from "./values";

export type JsonRecord = { index: number; line: number; value: unknown; raw: string };
/** `line` is the line of the key. */
export type JsonEntry = { key: string; index: number; line: number; value: unknown; raw: string };

export type ReadOptions = {
  file: string;
  /** recoverable problems of single records go here (and the record is skipped); without it they throw */
  errors?: ErrorList;
  /** nesting limit inside one record (default 64) */
  maxDepth?: number;
  /** size limit of one record's source text, in UTF-16 units (default 16 Mi) */
  maxRecordChars?: number;
  /** top-level fields whose integer values must be exact (default id, dialogue_id) */
  idFields?: readonly string[];
};

export const DEFAULT_MAX_DEPTH = 64;
const DEFAULT_MAX_CHARS = 16 * 1024 * 1024;

function report(opts: ReadOptions, loc: ErrorLocation, why: Problem): void {
  const error = new ImportError(loc, why);
  if (!opts.errors) throw error;
  opts.errors.add(error);
}

/** Splits off the first non-whitespace character while keeping the text stream intact. */
async function peek(text: AsyncGenerator<string>): Promise<{ first: string | null; rest: AsyncIterable<string> }> {
  const seen: string[] = [];
  let first: string | null = null;
  while (first === null) {
    const next = await text.next();
    if (next.done) break;
    seen.push(next.value);
    const at = next.value.search(/[^ \t\r\n]/);
    if (at !== -1) first = next.value[at];
  }
  async function* rest() {
    yield* seen;
    yield* text;
  }
  return { first, rest: rest() };
}

/** Parses one element's text and applies the checks every record gets; undefined when it was reported. */
function toValue(item: ScanItem, loc: ErrorLocation, opts: ReadOptions, jsonl: boolean): unknown | undefined {
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (item.tooDeepLine) {
    report(opts, loc, problem("tooDeep", { max: maxDepth, line: item.tooDeepLine }));
    return undefined;
  }
  if (item.raw === null) {
    report(opts, loc, problem("tooLarge", { max: opts.maxRecordChars ?? DEFAULT_MAX_CHARS }));
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(item.raw);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /at position (\d+)/.exec(msg);
    const before = pos ? item.raw.slice(0, Number(pos[1])) : "";
    const line = item.line + (before.match(/\n/g)?.length ?? 0);
    const why = msg.replace(/ in JSON at position \d+.*$/s, "").replace(/, .*is not valid JSON$/s, "");
    const prettyPrinted = jsonl && item.index === 1 && item.raw.trimStart().startsWith("{") && !item.raw.trimEnd().endsWith("}");
    // a pretty-printed object read as JSONL: every following line would fail too, so stop here
    if (prettyPrinted) throw new ImportError({ ...loc, line }, problem("invalidJsonl", { why }));
    report(opts, { ...loc, line }, problem("invalidJson", { why }));
    return undefined;
  }
  const bad = checkValue(value, item.raw, opts.idFields ?? ["id", "dialogue_id"]);
  if (bad) {
    report(opts, { ...loc, field: bad.field }, bad.problem);
    return undefined;
  }
  return value;
}

async function* arrayRecords(text: AsyncIterable<string>, opts: ReadOptions): AsyncGenerator<JsonRecord> {
  const scanner = new JsonScanner("array", {
    file: opts.file,
    maxDepth: opts.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxChars: opts.maxRecordChars ?? DEFAULT_MAX_CHARS,
  });
  const out: ScanItem[] = [];
  const drain = function* () {
    for (const item of out) {
      const loc = { file: opts.file, record: item.index, line: item.line };
      const value = toValue(item, loc, opts, false);
      if (value === undefined) continue;
      if (!isPlainObject(value)) report(opts, loc, problem("notObject", { found: describe(value) }));
      else yield { index: item.index, line: item.line, value, raw: item.raw! };
    }
    out.length = 0;
  };
  for await (const chunk of text) {
    scanner.push(chunk, out);
    yield* drain();
  }
  scanner.finish(out);
  yield* drain();
}

/** Nesting depth of one JSON text, without recursion; stops counting once past `max`. */
function depthExceeds(raw: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

async function* lineRecords(text: AsyncIterable<string>, opts: ReadOptions): AsyncGenerator<JsonRecord> {
  const maxChars = opts.maxRecordChars ?? DEFAULT_MAX_CHARS;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  let carry = "";
  let tooLarge = false;
  let lineNo = 0;
  let index = 0;
  const one = (raw: string): JsonRecord | null => {
    lineNo++;
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    if (!tooLarge && !/[^ \t\r\n]/.test(raw)) return null;
    index++;
    const item: ScanItem = { index, line: lineNo, raw: tooLarge ? null : raw.trim() };
    if (!tooLarge && depthExceeds(raw, maxDepth)) item.tooDeepLine = lineNo;
    tooLarge = false;
    const loc = { file: opts.file, record: index, line: lineNo };
    const value = toValue(item, loc, opts, true);
    if (value === undefined) return null;
    if (!isPlainObject(value)) {
      report(opts, loc, problem(index === 1 ? "notObjectFirst" : "notObject", { found: describe(value) }));
      return null;
    }
    return { index, line: lineNo, value, raw: item.raw! };
  };
  for await (const chunk of text) {
    let start = 0;
    let nl = chunk.indexOf("\n");
    while (nl !== -1) {
      const rec = one(carry + chunk.slice(start, nl));
      carry = "";
      if (rec) yield rec;
      start = nl + 1;
      nl = chunk.indexOf("\n", start);
    }
    if (!tooLarge) carry += chunk.slice(start);
    if (carry.length > maxChars) {
      tooLarge = true;
      carry = "";
    }
  }
  if (carry || tooLarge) {
    const rec = one(carry);
    if (rec) yield rec;
  }
}

/** Every record of a JSON-array or JSONL file, in order. Structural problems throw ImportError. */
export async function* readRecords(source: ByteSource, opts: ReadOptions): AsyncGenerator<JsonRecord> {
  const { first, rest } = await peek(decodeUtf8(source, opts));
  if (first === null) throw new ImportError({ file: opts.file }, problem("onlyWhitespace"));
  yield* first === "[" ? arrayRecords(rest, opts) : lineRecords(rest, opts);
}

/** Every top-level entry of a JSON object file, in order, with the exact source text of its value. */
export async function* readObjectEntries(source: ByteSource, opts: ReadOptions): AsyncGenerator<JsonEntry> {
  const scanner = new JsonScanner("object", {
    file: opts.file,
    maxDepth: opts.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxChars: opts.maxRecordChars ?? DEFAULT_MAX_CHARS,
  });
  const seen = new Map<string, number>();
  const out: ScanItem[] = [];
  const drain = function* () {
    for (const item of out) {
      const key = item.key!;
      const loc = { file: opts.file, key, line: item.keyLine };
      const first = seen.get(key);
      if (first !== undefined) {
        report(opts, loc, problem("duplicateKey", { key: JSON.stringify(key), line: first }));
        continue;
      }
      seen.set(key, item.keyLine!);
      if (key === "__proto__" || key === "constructor" || key === "prototype") {
        report(opts, loc, problem("keyBanned", { key: JSON.stringify(key) }));
        continue;
      }
      const value = toValue(item, loc, opts, false);
      if (value !== undefined) yield { key, index: item.index, line: item.keyLine!, value, raw: item.raw! };
    }
    out.length = 0;
  };
  for await (const chunk of decodeUtf8(source, opts)) {
    scanner.push(chunk, out);
    yield* drain();
  }
  scanner.finish(out);
  yield* drain();
}
