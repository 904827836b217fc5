import { describe, expect, it } from "vitest";
import { parseOrderedJson } from "../json/ordered";
import { isPythonPrintable, pythonFloatRepr, pythonNumberRepr, pythonRepr, pythonStr, pythonStringRepr } from "./python-repr";
import { fixturePath, itWithFixtures, readFixture } from "../../../test/charactereval-fixture";
import { pythonMap, runPython } from "./testing/python-oracle";

// Each case is a JSON text; python3 gives str() and repr() of json.loads(text).
const AWKWARD: string[] = [
  String.raw`"it's"`,
  '"~ ascii !#$%&()*+,-./:;<=>?@[]^_`{|}"',
  String.raw`"say \"hi\""`,
  String.raw`"both ' and \""`,
  String.raw`"back\\slash \\' mixed"`,
  String.raw`"line\nbreak\r\ttab"`,
  String.raw`"\u0000\u0001\u001f\u007f\u0080\u009f\u00a0\u00ad"`,
  String.raw`"zero\u200bwidth\u200e\u2028\u2029\ufeff\u3000\u2003"`,
  String.raw`"private \ue000 \udb80\udc00"`,
  String.raw`"lone \ud800 and \udfff surrogates"`,
  String.raw`"emoji 😀 👩‍👩‍👧 𠀀 \ud83d\ude00"`,
  String.raw`"中文：（笑）“引号”‘单’『书』…—"`,
  String.raw`"\u0378 unassigned \uffff \ufffe \U"`.replace("\\U", ""),
  '"\u00e9\u0301 combining, ÿ, Ā, ﬁ"',
  '""',
  "''".replace(/'/g, '"'),
  '{"2": 1, "1": 2, "b": 3, "a": {"10": [], "9": {}}}',
  '{"": ""}',
  "[]",
  "{}",
  '[[[]], [{}], {"k": [1, [2, [3]]]}]',
  "[true, false, null]",
  "true",
  "null",
  "0",
  "-0",
  "123",
  "-45",
  "9007199254740993",
  "123456789012345678901234567890",
  "-98765432109876543210",
  "1.0",
  "-1.0",
  "1e16",
  "1E16",
  "1e15",
  "1.5e16",
  "1e-5",
  "1e-4",
  "0.0001",
  "0.00001234",
  "0.1",
  "0.30000000000000004",
  "1.7976931348623157e308",
  "1e400",
  "-1e400",
  "1e-400",
  "-0.0",
  "5e-324",
  "2.2250738585072014e-308",
  "123456789.123456789",
  "1234567890123456.0",
  "12345678901234567.0",
  "100.0",
  "1e2",
  "1.25e+2",
  "3.14159e0",
  "0e0",
  "-0.0e5",
  '{"姓名": "陈金默", "昵称": ["老默", "默哥"], "数据": {"年龄": 36, "身高": 1.8, "在世": false, "备注": null}}',
];

describe("pythonRepr / pythonStr against python3", () => {
  itWithFixtures("prints all 78 real character profiles exactly as Python's str(dict)", () => {
    const py = JSON.parse(
      runPython(
        "import json, sys\n" +
          "p = json.load(open(sys.argv[1], encoding='utf-8'))\n" +
          "sys.stdout.write(json.dumps([[k, str(v)] for k, v in p.items()]))",
        [fixturePath("character_profiles.json")],
      ),
    ) as [string, string][];
    const file = parseOrderedJson(readFixture("character_profiles.json"));
    if (file.type !== "object") throw new Error("profiles file is not an object");
    expect(file.entries.map(([k]) => k)).toEqual(py.map(([k]) => k));
    expect(py).toHaveLength(78);
    for (const [i, [role, profile]] of file.entries.entries()) {
      expect(pythonStr(profile), role).toBe(py[i][1]);
      expect(Buffer.from(pythonStr(profile), "utf8").equals(Buffer.from(py[i][1], "utf8"))).toBe(true);
    }
  });

  it("prints awkward values exactly as str() and repr()", () => {
    const py = pythonMap<[string, string][]>(AWKWARD, "out = [[str(json.loads(t)), repr(json.loads(t))] for t in data]");
    AWKWARD.forEach((text, i) => {
      const v = parseOrderedJson(text);
      expect([pythonStr(v), pythonRepr(v)], text).toEqual(py[i]);
    });
  });

  it("prints strings exactly as repr() for random code points of every kind", () => {
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pools = [
      [0, 0x7f],
      [0x80, 0x2fff],
      [0x3000, 0x9fff],
      [0xd800, 0xdfff],
      [0xe000, 0xffff],
      [0x10000, 0x3ffff],
      [0xe0000, 0xe01ff],
      [0xf0000, 0x10ffff],
    ];
    const unassignedInJs = /\p{Cn}/u;
    const strings: string[] = [];
    for (let n = 0; n < 400; n++) {
      let s = "";
      for (let k = 0; k < 12; k++) {
        const [lo, hi] = pools[Math.floor(rnd() * pools.length)];
        const ch = String.fromCodePoint(lo + Math.floor(rnd() * (hi - lo + 1)));
        if (!unassignedInJs.test(ch)) s += ch;
      }
      strings.push(s);
    }
    const py = pythonMap<[string, string][]>(
      strings,
      "import unicodedata\nout = [[repr(s), ''.join('1' if unicodedata.category(c) == 'Cn' else '0' for c in s)] for s in data]",
    );
    let compared = 0;
    strings.forEach((s, i) => {
      // Code points unassigned in Python's Unicode version may be assigned in the JS engine's newer one.
      if (py[i][1].includes("1")) return;
      compared++;
      expect(pythonStringRepr(s), JSON.stringify(s)).toBe(py[i][0]);
    });
    expect(compared).toBeGreaterThan(300);
  });

  it("agrees with str.isprintable on every code point, except ones unassigned in one of the Unicode versions", () => {
    const [pyNonPrintable, pyCn] = JSON.parse(
      runPython(
        "import json, sys, unicodedata\n" +
          "np = [c for c in range(0x110000) if not chr(c).isprintable()]\n" +
          "cn = [c for c in range(0x110000) if unicodedata.category(chr(c)) == 'Cn']\n" +
          "sys.stdout.write(json.dumps([np, cn]))",
      ),
    ) as [number[], number[]];
    const pySet = new Set(pyNonPrintable);
    const pyUnassigned = new Set(pyCn);
    const jsUnassigned = /\p{Cn}/u;
    const differ: number[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if (isPythonPrintable(cp) !== pySet.has(cp)) continue; // agree
      if (pyUnassigned.has(cp) || jsUnassigned.test(String.fromCodePoint(cp))) continue;
      differ.push(cp);
    }
    expect(differ.map((c) => c.toString(16))).toEqual([]);
    expect(pySet.size).toBeGreaterThan(900_000); // sanity: the oracle really ran over all code points
  });

  it("prints random doubles exactly as Python's float repr", () => {
    const view = new DataView(new ArrayBuffer(8));
    let seed = 99;
    const rnd32 = () => (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0);
    const raws: string[] = [];
    for (let n = 0; n < 3000; n++) {
      view.setUint32(0, rnd32());
      view.setUint32(4, rnd32());
      const x = view.getFloat64(0);
      if (!Number.isFinite(x)) continue;
      raws.push(x.toExponential(), x.toPrecision((n % 21) + 1));
    }
    for (let e = -330; e <= 310; e++) raws.push(`1e${e}`, `9.999999999999999e${e}`, `-4.5e${e}`);
    const py = pythonMap<string[]>(raws, "out = [repr(float(t)) for t in data]");
    raws.forEach((raw, i) => expect(pythonFloatRepr(Number(raw)), raw).toBe(py[i]));
  });
});

describe("pythonRepr by hand", () => {
  it("follows Python's quoting rule", () => {
    expect(pythonStringRepr("abc")).toBe("'abc'");
    expect(pythonStringRepr("it's")).toBe(`"it's"`);
    expect(pythonStringRepr(`say "hi"`)).toBe(`'say "hi"'`);
    expect(pythonStringRepr(`both ' and "`)).toBe(`'both \\' and "'`);
  });

  it("escapes control and invisible characters but keeps printable non-ASCII", () => {
    expect(pythonStringRepr("a\\b\n\r\t\x00\x7f")).toBe("'a\\\\b\\n\\r\\t\\x00\\x7f'");
    expect(pythonStringRepr("\u00a0\u200b\u3000\ud800")).toBe("'\\xa0\\u200b\\u3000\\ud800'");
    expect(pythonStringRepr("\u{e0001}\u{f0000}")).toBe("'\\U000e0001\\U000f0000'");
    expect(pythonStringRepr("中文😀𠀀é")).toBe("'中文😀𠀀é'");
    expect(isPythonPrintable(0x20)).toBe(true);
    expect(isPythonPrintable(0x1680)).toBe(false);
  });

  it("prints numbers as Python ints and floats", () => {
    expect(
      ["1.0", "1e16", "1e-5", "0.1", "1e400", "-1e400", "-0.0", "1.7976931348623157e308", "1e15", "0.0001"].map(pythonNumberRepr),
    ).toEqual(["1.0", "1e+16", "1e-05", "0.1", "inf", "-inf", "-0.0", "1.7976931348623157e+308", "1000000000000000.0", "0.0001"]);
    expect(pythonNumberRepr("123456789012345678901234567890")).toBe("123456789012345678901234567890");
    expect(pythonNumberRepr("-0")).toBe("0");
    expect(pythonFloatRepr(Number.NaN)).toBe("nan");
  });

  it("prints containers, keeping key order, and str() leaves a top-level string unquoted", () => {
    const v = parseOrderedJson('{"2": [1, "a", null], "1": {"x": true}, "k": []}');
    expect(pythonRepr(v)).toBe("{'2': [1, 'a', None], '1': {'x': True}, 'k': []}");
    expect(pythonStr({ type: "string", value: "it's" })).toBe("it's");
    expect(pythonRepr({ type: "string", value: "it's" })).toBe(`"it's"`);
  });
});
