import { describe, expect, it } from "vitest";
import { bytesOf } from "./decode";
import { ErrorList, ImportError } from "./errors";
import { type JsonEntry, type JsonRecord, readObjectEntries, readRecords, type ReadOptions } from "./records";

async function records(text: string, chunk = 4096, opts: Partial<ReadOptions> = {}) {
  const errors = new ErrorList();
  const out: JsonRecord[] = [];
  for await (const r of readRecords(bytesOf(text, chunk), { file: "f", errors, ...opts })) out.push(r);
  return { out, errors: errors.errors.map((e) => e.message) };
}

async function entries(text: string, chunk = 4096, opts: Partial<ReadOptions> = {}) {
  const errors = new ErrorList();
  const out: JsonEntry[] = [];
  for await (const e of readObjectEntries(bytesOf(text, chunk), { file: "f", errors, ...opts })) out.push(e);
  return { out, errors: errors.errors.map((e) => e.message) };
}

async function fatal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ImportError) return e.message;
    throw e;
  }
  return "no error";
}

const tricky = `[
  {"a": "quote \\" and backslash \\\\", "b": "[{ brackets }]", "c": "\\u4f60"},
  {"nested": {"x": [1, 2, {"y": [[], {}]}]}, "n": -1.5e3, "t": true, "z": null},

  {"s": "，：（）😀", "e": ""}
]`;

describe("readRecords: JSON array", () => {
  it.each([1, 2, 3, 7, 64, 4096])("splits the same way with %i-character chunks", async (chunk) => {
    const { out, errors } = await records(tricky, chunk);
    expect(errors).toEqual([]);
    expect(out.map((r) => r.value)).toEqual(JSON.parse(tricky));
    expect(out.map((r) => [r.index, r.line])).toEqual([
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
    for (const r of out) expect(tricky).toContain(r.raw);
  });

  it("reads an empty array", async () => {
    expect(await records("  [ ]  \n")).toEqual({ out: [], errors: [] });
  });

  it("reports a non-object element and keeps going", async () => {
    const { out, errors } = await records('[{"a": 1}, 5, "x", {"b": 2}]');
    expect(out.map((r) => r.index)).toEqual([1, 4]);
    expect(errors).toEqual([
      "f: record 2 (line 1): expected a JSON object, found an integer",
      "f: record 3 (line 1): expected a JSON object, found a string",
    ]);
  });

  it("reports a broken element at the line of the problem when JSON.parse gives a position", async () => {
    const { errors } = await records('[\n{"a": 1},\n{"a": 1,\n "b": 2\n "c": 3}\n]', 3);
    expect(errors).toEqual(["f: record 2 (line 5): invalid JSON: Expected ',' or '}' after property value"]);
  });

  it("reports a broken element at its first line otherwise, and keeps going", async () => {
    const { out, errors } = await records('[\n{"a": 1},\n{"a":\n tru},\n{"a": 3}\n]', 3);
    expect(out.map((r) => r.value)).toEqual([{ a: 1 }, { a: 3 }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe("f: record 2 (line 3): invalid JSON: Unexpected token '}'");
  });

  it("allows nesting up to the limit and refuses one level more", async () => {
    const deep = (n: number) => `[{"v": ${"[".repeat(n - 1)}${"]".repeat(n - 1)}}]`;
    expect((await records(deep(64))).errors).toEqual([]);
    expect((await records(deep(65))).errors).toEqual(["f: record 1 (line 1): nested deeper than 64 levels (from line 1)"]);
    expect((await records(deep(5), 4096, { maxDepth: 4 })).errors).toHaveLength(1);
  });

  it("drops a record larger than the limit, without holding it", async () => {
    const { out, errors } = await records(`[{"a": "${"x".repeat(100)}"}, {"b": 1}]`, 8, { maxRecordChars: 50 });
    expect(out.map((r) => r.index)).toEqual([2]);
    expect(errors).toEqual(["f: record 1 (line 1): larger than 50 characters"]);
  });

  it.each([
    ['[{"a": 1},]', "f: line 1: expected a value after ',', found \"]\" (trailing comma)"],
    ['[{"a": 1}', 'f: line 1: the file ends before the closing "]" of the top-level array: it is truncated'],
    ['[{"a": 1}, 12', 'f: line 1: the file ends before the closing "]" of the top-level array: it is truncated'],
    [
      '[\n{"a": [1, 2\n\n',
      "f: line 2: the file ends in record 1 (which starts at line 2): it is truncated, or a bracket or quote is missing",
    ],
    ["[,]", 'f: line 1: expected a value, found ","'],
  ])("refuses %j", async (text, message) => {
    expect(await fatal(() => records(text))).toBe(message);
  });

  it("refuses keys that reach Object.prototype, naming the field", async () => {
    const { errors } = await records('[{"a": {"constructor": 1}}, {"prototype": {}}, {"ok": [{"x": 1}]}]');
    expect(errors).toEqual([
      'f: record 1 (line 1), field "a.constructor": the key "constructor" is not allowed',
      'f: record 2 (line 1), field "prototype": the key "prototype" is not allowed',
    ]);
  });

  it("refuses integer ids beyond 2^53 from their source text, and accepts them as strings", async () => {
    const { out, errors } = await records(
      '[{"dialogue_id": -9007199254740993}, {"dialogue_id": 9007199254740991}, {"id": "9007199254740993"}, {"other": 9007199254740993}]',
    );
    expect(errors).toEqual([
      'f: record 1 (line 1), field "dialogue_id": dialogue_id -9007199254740993 is beyond 2^53; ids must be exact (write it as a string)',
    ]);
    expect(out.map((r) => r.index)).toEqual([2, 3, 4]);
  });

  it("throws the first record problem when no error list is given", async () => {
    const run = async () => {
      for await (const _ of readRecords(bytesOf('[{"__proto__": 1}]'), { file: "f" }));
    };
    expect(await fatal(run)).toBe('f: record 1 (line 1), field "__proto__": the key "__proto__" is not allowed');
  });
});

describe("readRecords: JSONL", () => {
  const jsonl = '{"a": 1}\r\n\r\n  {"a": "x\\ny"}  \n\n{"a": [3]}';

  it.each([1, 2, 5, 4096])("reads lines (CRLF, blank lines, no final newline) with %i-character chunks", async (chunk) => {
    const { out, errors } = await records(jsonl, chunk);
    expect(errors).toEqual([]);
    expect(out.map((r) => [r.index, r.line, r.value])).toEqual([
      [1, 1, { a: 1 }],
      [2, 3, { a: "x\ny" }],
      [3, 5, { a: [3] }],
    ]);
    expect(out[1].raw).toBe('{"a": "x\\ny"}');
  });

  it("hints at the format when the first line is only the start of a pretty-printed object", async () => {
    const message = await fatal(() => records('{\n  "a": 1,\n  "b": 2\n}\n'));
    expect(message).toMatch(/^f: record 1 \(line 1\): invalid JSON: .* \(JSONL needs one complete JSON object per line/);
  });

  it("checks depth per line", async () => {
    const { out, errors } = await records(`{"a": 1}\n{"a": ${"[".repeat(100)}${"]".repeat(100)}}\n{"a": 3}`);
    expect(out.map((r) => r.index)).toEqual([1, 3]);
    expect(errors).toEqual(["f: record 2 (line 2): nested deeper than 64 levels (from line 2)"]);
  });
});

describe("readObjectEntries", () => {
  const map = '{\n  "b": {"2": "two", "1": "one"},\n  "a": ["x", {"k": "v"}],\n  "c": "text",\n  "d": 12\n}\n';

  it.each([1, 3, 4096])("yields each entry with its exact source text (%i-character chunks)", async (chunk) => {
    const { out, errors } = await entries(map, chunk);
    expect(errors).toEqual([]);
    expect(out.map((e) => [e.key, e.index, e.line, e.raw])).toEqual([
      ["b", 1, 2, '{"2": "two", "1": "one"}'],
      ["a", 2, 3, '["x", {"k": "v"}]'],
      ["c", 3, 4, '"text"'],
      ["d", 4, 5, "12"],
    ]);
    // integer-like keys: a JS object would put "1" first, the raw text does not
    expect(Object.keys(out[0].value as object)).toEqual(["1", "2"]);
    expect(out[0].raw.indexOf('"2"')).toBeLessThan(out[0].raw.indexOf('"1"'));
  });

  it("decodes escaped keys", async () => {
    const { out } = await entries('{"\\u4f60\\"": 1}');
    expect(out[0].key).toBe('你"');
  });

  it("reports duplicate and forbidden top-level keys", async () => {
    const { out, errors } = await entries('{\n"a": 1,\n"__proto__": {},\n"a": 2\n}');
    expect(out.map((e) => e.value)).toEqual([1]);
    expect(errors).toEqual([
      'f: entry "__proto__" (line 3): the key "__proto__" is not allowed',
      'f: entry "a" (line 4): duplicate key "a" (first at line 2)',
    ]);
  });

  it.each([
    ["[1, 2]", 'f: line 1: expected a JSON object at the top level, found "["'],
    ['{"a" 1}', 'f: line 1: expected \':\' after the key "a", found "1"'],
    ['{"a": 1 "b": 2}', 'f: line 1: expected \',\' or "}" after entry 1, found "\\""'],
    ['{\n"a": {"b": 1}\n', 'f: line 2: the file ends before the closing "}" of the top-level object: it is truncated'],
    ["{1: 2}", 'f: line 1: expected a key in double quotes, found "1"'],
    [" \n ", "f: file contains only whitespace"],
  ])("refuses %j", async (text, message) => {
    expect(await fatal(() => entries(text))).toBe(message);
  });
});
