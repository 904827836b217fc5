import { describe, expect, it } from "vitest";
import { itWithFixtures, readFixture } from "../../../test/charactereval-fixture";
import { fromPlain, getEntry, JsonParseError, parseOrderedJson, stringifyOrdered, toPlain, type OrderedValue } from "./ordered";

const keys = (v: OrderedValue) => (v.type === "object" ? v.entries.map(([k]) => k) : []);

function parseError(text: string, options?: Parameters<typeof parseOrderedJson>[1]): JsonParseError {
  try {
    parseOrderedJson(text, options);
  } catch (e) {
    if (e instanceof JsonParseError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe("parseOrderedJson", () => {
  it("keeps key order, including integer-like keys that plain objects move first", () => {
    const v = parseOrderedJson('{"b": 1, "2": 2, "a": {"10": 0, "9": 1, "x": 2}, "1": [true, false, null]}');
    expect(keys(v)).toEqual(["b", "2", "a", "1"]);
    expect(keys(getEntry(v, "a")!)).toEqual(["10", "9", "x"]);
    expect(Object.keys(JSON.parse('{"b":1,"2":2}'))).toEqual(["2", "b"]); // why this module exists
  });

  it("keeps the source text of numbers", () => {
    const v = parseOrderedJson("[1.0, 12345678901234567890123, -0, 1e400, 1E-5, 0.1, -12.50e+3]");
    expect(v.type === "array" && v.items.map((x) => (x.type === "number" ? x.raw : null))).toEqual([
      "1.0",
      "12345678901234567890123",
      "-0",
      "1e400",
      "1E-5",
      "0.1",
      "-12.50e+3",
    ]);
  });

  it("decodes every escape, keeps lone surrogates and joins escaped pairs", () => {
    const v = parseOrderedJson(String.raw`"a\"b\\c\/d\b\f\n\r\t\u00e9\ud800x\ud83d\ude00\uDBFF"`);
    expect(v).toEqual({ type: "string", value: 'a"b\\c/d\b\f\n\r\t\u00e9\ud800x😀\udbff' });
  });

  it("parses scalars, empty containers and whitespace, and ignores a leading BOM", () => {
    expect(parseOrderedJson(" \t\r\n true \n")).toEqual({ type: "bool", value: true });
    expect(parseOrderedJson("null")).toEqual({ type: "null" });
    expect(parseOrderedJson("\ufeff{ }")).toEqual({ type: "object", entries: [] });
    expect(parseOrderedJson("[ ]")).toEqual({ type: "array", items: [] });
    expect(parseOrderedJson('"中文😀"')).toEqual({ type: "string", value: "中文😀" });
  });

  it("gives a repeated key its first position and last value, like json.load; or rejects it", () => {
    const v = parseOrderedJson('{"a": 1, "b": 2, "a": 3}');
    expect(stringifyOrdered(v)).toBe('{"a":3,"b":2}');
    const e = parseError('{"a": 1,\n "a": 3}', { duplicateKeys: "error" });
    expect(e.message).toBe('Duplicate key "a" at line 2, column 2');
  });

  it.each([
    ["", "Unexpected end of JSON input at line 1, column 1"],
    ['{\n  "a": 1,\n  "b": }', "Unexpected character '}' at line 3, column 8"],
    ["[1, 2,]", "Unexpected character ']' at line 1, column 7"],
    ['{"a": 1,}', "Unexpected character '}' at line 1, column 9"],
    ["{'a': 1}", "Unexpected character ''' at line 1, column 2"],
    ["[NaN]", "Unexpected character 'N' at line 1, column 2"],
    ["[Infinity]", "Unexpected character 'I' at line 1, column 2"],
    ["01", "Unexpected character '1' at line 1, column 2"],
    ["[1.]", "Invalid number at line 1, column 4"],
    ["-", "Invalid number at line 1, column 2"],
    ["[1e]", "Invalid number at line 1, column 4"],
    ['"a\tb"', "Control character U+0009 in string at line 1, column 3"],
    ['"a\nb"', "Control character U+000a in string at line 1, column 3"],
    ['"\\x41"', "Invalid escape in string at line 1, column 2"],
    ['"\\u12G4"', "Invalid \\u escape at line 1, column 2"],
    ['["abc', "Unterminated string at line 1, column 6"],
    ["{} {}", "Unexpected character '{' at line 1, column 4"],
    ["tru", "Unexpected character 't' at line 1, column 1"],
    ["[true false]", "Unexpected character 'f' at line 1, column 7"],
    ['{"a" 1}', "Unexpected character '1' at line 1, column 6"],
    ["{1: 2}", "Unexpected character '1' at line 1, column 2"],
    ["\u0001", "Unexpected character U+0001 at line 1, column 1"],
  ])("rejects %j", (text, message) => {
    expect(parseError(text).message).toBe(message);
  });

  it("reports line and column as fields", () => {
    const e = parseError('[\n1,\n2,\n"x" "y"]');
    expect([e.line, e.column, e.offset, e.reason]).toEqual([4, 5, 12, "Unexpected character '\"'"]);
  });

  it("limits nesting depth with a clear error", () => {
    expect(() => parseOrderedJson("[".repeat(64) + "]".repeat(64))).not.toThrow();
    expect(parseError("[".repeat(65) + "]".repeat(65)).message).toBe("Nesting deeper than 64 levels at line 1, column 65");
    expect(parseError('{"a":'.repeat(4) + "1" + "}".repeat(4), { maxDepth: 3 }).reason).toBe("Nesting deeper than 3 levels");
    // a hostile file cannot blow the stack
    expect(parseError("[".repeat(200_000)).reason).toBe("Nesting deeper than 64 levels");
  });
});

describe("stringifyOrdered / toPlain / fromPlain", () => {
  it("writes compact JSON in source order with numbers as written", () => {
    const text = '{ "z": [1.0, 1e400, 12345678901234567890], "2": {"k": "v\\n\\"q\\""}, "a": null, "b": false }';
    expect(stringifyOrdered(parseOrderedJson(text))).toBe(
      '{"z":[1.0,1e400,12345678901234567890],"2":{"k":"v\\n\\"q\\""},"a":null,"b":false}',
    );
  });

  itWithFixtures("round-trips the real dialogues file exactly like JSON.parse/JSON.stringify", () => {
    const text = readFixture("test_data.jsonl");
    const v = parseOrderedJson(text);
    expect(v.type === "array" && v.items.length).toBe(4564);
    expect(stringifyOrdered(v)).toBe(JSON.stringify(JSON.parse(text)));
  });

  itWithFixtures("parses all 78 real profiles and keeps their key order", () => {
    const v = parseOrderedJson(readFixture("character_profiles.json"));
    expect(keys(v)).toHaveLength(78);
    expect(keys(getEntry(v, "老默")!).slice(0, 4)).toEqual(["姓名", "性别", "物种", "年龄"]);
    expect(parseOrderedJson(stringifyOrdered(v))).toEqual(v);
  });

  it("converts to and from plain values", () => {
    const v = parseOrderedJson('{"b": [1, 2.5, "x", true, null], "2": {}}');
    expect(toPlain(v)).toEqual({ 2: {}, b: [1, 2.5, "x", true, null] });
    expect(fromPlain({ b: [1, 2.5, "x", true, null], c: {} })).toEqual(parseOrderedJson('{"b": [1, 2.5, "x", true, null], "c": {}}'));
    expect(() => fromPlain(Number.NaN)).toThrow(TypeError);
    expect(toPlain(parseOrderedJson('{"__proto__": 1}'))).toHaveProperty("__proto__", 1);
    expect(getEntry(parseOrderedJson("[]"), "a")).toBeUndefined();
  });
});
