import { describe, expect, it } from "vitest";
import { getEntry, parseOrderedJson, type OrderedValue } from "../json/ordered";
import { formatCharRmRecord, type CharRmUnit } from "./charrm";
import { charRmLineFormatter, jsonStringBody } from "./charrm-line";
import { itWithFixtures, readFixture } from "../../../test/charactereval-fixture";

// Text that JSON.stringify and Python's repr() both treat specially: quotes, backslashes, controls,
// line/paragraph separators, lone surrogates of either half, pairs, CJK, full-width punctuation.
const PIECES = [
  "a",
  "'",
  '"',
  "\\",
  "\n",
  "\r",
  "\t",
  "\x00",
  "\x1f",
  "\x7f",
  "\u2028",
  "\u2029",
  "\ud800",
  "\udfff",
  "😀",
  "𠀀",
  "佟湘玉",
  "：",
  "（笑）",
  " ",
  "\u00a0",
  "\u200b",
  "<Context>",
  "é",
];

function rng(seed: number) {
  return () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

function text(r: () => number, max: number): string {
  let s = "";
  for (let n = Math.floor(r() * max); n > 0; n--) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

function units(r: () => number, profiles: OrderedValue[], n: number): CharRmUnit[] {
  const out: CharRmUnit[] = [];
  let context = "";
  let id: string | number = 0;
  for (let i = 0; i < n; i++) {
    // several units per dialogue, as the export sends them
    if (i % 3 === 0) ((context = text(r, 40)), (id = [String(i), `00${i}`, i, `d-${text(r, 3)}`][i % 4]));
    const ratings = Array.from({ length: Math.floor(r() * 4) }, () => 1 + Math.floor(r() * 5));
    out.push({
      id,
      model: text(r, 5),
      role: text(r, 4),
      novelName: text(r, 6),
      profile: profiles[Math.floor(r() * profiles.length)],
      context,
      modelOutput: text(r, 30),
      metricEn: text(r, 3),
      metricZh: text(r, 3),
      scaleMin: 1,
      scaleMax: [3, 5, 10][i % 3],
      ratings,
      adjudicated: i % 7 === 0 ? 1 + (i % 5) : null,
      split: (["train", "dev", "test"] as const)[i % 3],
      consensusMethod: i % 2 ? "mean" : "median",
    });
  }
  return out;
}

describe("charRmLineFormatter", () => {
  it("writes what JSON.stringify(charRmRecord) writes, over awkward text and shared profiles", () => {
    const r = rng(7);
    const profiles = [
      parseOrderedJson(JSON.stringify({ 姓名: text(r, 8), 经历: text(r, 80), 关系: { [text(r, 4)]: [text(r, 5), 1.5, null, true] } })),
      parseOrderedJson('"只是一段文字\\ud800"'),
      parseOrderedJson('{"2": 1e400, "a": [-0, 12345678901234567890, 1.0], "\\u2028": "\\udc00x"}'),
    ];
    const format = charRmLineFormatter();
    let written = 0;
    for (const u of units(r, profiles, 3000)) {
      const line = format(u);
      expect(line).toBe(formatCharRmRecord(u));
      if (line !== null) written++;
    }
    expect(written).toBeGreaterThan(2000);
  });

  itWithFixtures("matches the reference on every CharacterEval profile", () => {
    const profiles = parseOrderedJson(readFixture("character_profiles.json"));
    const dialogues = JSON.parse(readFixture("test_data.jsonl")) as { id: number; role: string; novel_name: string; context: string }[];
    const format = charRmLineFormatter();
    dialogues.slice(0, 400).forEach((d, i) => {
      const u: CharRmUnit = {
        id: String(d.id),
        model: "m",
        role: d.role,
        novelName: d.novel_name,
        profile: getEntry(profiles, d.role)!,
        context: d.context,
        modelOutput: `（笑）${d.role}：好的"\\`,
        metricEn: "Fluency",
        metricZh: "对话流利度",
        scaleMin: 1,
        scaleMax: 5,
        ratings: [1 + (i % 5), 3],
        adjudicated: null,
        split: "dev",
      };
      expect(format(u), String(d.id)).toBe(formatCharRmRecord(u));
    });
  });

  it("escapes a string's inside as JSON.stringify does", () => {
    for (const s of PIECES) expect(`"${jsonStringBody(s)}"`).toBe(JSON.stringify(s));
  });
});
