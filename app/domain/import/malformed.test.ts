// The malformed-file corpus (test/fixtures/malformed): every file's error location, asserted exactly.
import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generated } from "../../../test/fixtures/malformed/make";
import { parseCharacterEvalBundle } from "./charactereval";
import type { ImportError } from "./errors";
import { parseJudgeScores } from "./judge";
import { parseRatings } from "./ratings";
import { readRecords } from "./records";

const DIR = fileURLToPath(new URL("../../../test/fixtures/malformed/", import.meta.url));
const src = (name: string) => createReadStream(DIR + name, { highWaterMark: 64 });
const KNOWN = [
  { key: "Accuracy", nameZh: "知识准确率" },
  { key: "Fluency", nameZh: "对话流利度" },
  { key: "Empathy", nameZh: "共情度" },
];

type Files = { dialogues?: string; profiles?: string; metrics?: string | null; responses?: string | null };

/** The ok-* companions plus the file under test; `null` leaves a file out. */
async function bundle(files: Files) {
  const f = {
    dialogues: "ok-dialogues.jsonl",
    profiles: "ok-profiles.json",
    metrics: "ok-id2metric.jsonl",
    responses: "ok-generation.jsonl",
    ...files,
  };
  return parseCharacterEvalBundle({
    dialogues: src(f.dialogues),
    profiles: src(f.profiles),
    metrics: f.metrics ? src(f.metrics) : undefined,
    responses: f.responses ? [{ model: "m1", chunks: src(f.responses), file: f.responses }] : [],
    knownMetricKeys: KNOWN,
    fileNames: { dialogues: f.dialogues, profiles: f.profiles, metrics: f.metrics ?? undefined },
  });
}

const where = (e: ImportError) => ({ file: e.file, line: e.line, record: e.record, key: e.key, field: e.field });

type Case = {
  file: string;
  run: () => Promise<ImportError[]>;
  at: { line?: number; record?: number; key?: string; field?: string };
  problem: RegExp;
};

const asDialogues = (file: string) => async () => (await bundle({ dialogues: file, metrics: null, responses: null })).errors;
const asProfiles = (file: string) => async () => (await bundle({ profiles: file })).errors;
const asMetrics = (file: string) => async () => (await bundle({ metrics: file })).errors;
const asResponses = (file: string) => async () => (await bundle({ responses: file })).errors;
const asRatings = (file: string) => async () => (await parseRatings(src(file), { file })).errors;

const cases: Case[] = [
  {
    file: "truncated-array.jsonl",
    run: asDialogues("truncated-array.jsonl"),
    at: { line: 8 },
    problem: /ends inside a string in record 3 \(which starts at line 4\)/,
  },
  {
    file: "id-object.jsonl",
    run: asDialogues("id-object.jsonl"),
    at: { record: 2, line: 3, field: "id" },
    problem: /^expected an integer id or a string id, found an object$/,
  },
  {
    file: "context-number.jsonl",
    run: asDialogues("context-number.jsonl"),
    at: { record: 2, line: 3, field: "context" },
    problem: /^expected a string, found an integer$/,
  },
  {
    file: "duplicate-ids.jsonl",
    run: asDialogues("duplicate-ids.jsonl"),
    at: { record: 3, line: 4, field: "id" },
    problem: /^duplicate id "1" \(first at record 1, line 2\)$/,
  },
  {
    file: "unknown-role.jsonl",
    run: asDialogues("unknown-role.jsonl"),
    at: { record: 2, line: 3, field: "role" },
    problem: /no profile for the role "吕秀才"/,
  },
  {
    file: "utf16le-bom.jsonl",
    run: asDialogues("utf16le-bom.jsonl"),
    at: {},
    problem: /^the encoding is not UTF-8 \(it starts with a UTF-16 LE byte-order mark\)/,
  },
  {
    file: "invalid-utf8.jsonl",
    run: asDialogues("invalid-utf8.jsonl"),
    at: { line: 3 },
    problem: /^the encoding is not UTF-8: invalid byte sequence at byte 181$/,
  },
  {
    file: "ragged.csv",
    run: asRatings("ragged.csv"),
    at: { record: 2, line: 3 },
    problem: /^expected 5 cells \(as in the header\), found 6$/,
  },
  {
    file: "unterminated-quote.csv",
    run: asRatings("unterminated-quote.csv"),
    at: { line: 3 },
    problem: /quoted cell opened at line 3 is never closed/,
  },
  { file: "empty.jsonl", run: asDialogues("empty.jsonl"), at: {}, problem: /^file is empty$/ },
  { file: "whitespace-only.jsonl", run: asDialogues("whitespace-only.jsonl"), at: {}, problem: /^file contains only whitespace$/ },
  {
    file: "proto-key.jsonl",
    run: asDialogues("proto-key.jsonl"),
    at: { record: 2, line: 2, field: "extra.ok[1].__proto__" },
    problem: /^the key "__proto__" is not allowed$/,
  },
  {
    file: "id-beyond-2-53.jsonl",
    run: asDialogues("id-beyond-2-53.jsonl"),
    at: { record: 2, line: 3, field: "id" },
    problem: /^id 9007199254740993 is beyond 2\^53; ids must be exact/,
  },
  {
    file: "deep-nesting.json",
    run: asDialogues("deep-nesting.json"),
    at: { record: 1, line: 2 },
    problem: /^nested deeper than 64 levels/,
  },
  {
    file: "top-level-scalar.json",
    run: asDialogues("top-level-scalar.json"),
    at: { record: 1, line: 1 },
    problem: /^expected a JSON object, found an integer \(the file must be a JSON array/,
  },
  {
    file: "jsonl-broken-line.jsonl",
    run: asDialogues("jsonl-broken-line.jsonl"),
    at: { record: 3, line: 4 },
    problem: /^invalid JSON: Expected ',' or '}' after property value/,
  },
  {
    file: "missing-comma.jsonl",
    run: asDialogues("missing-comma.jsonl"),
    at: { line: 3 },
    problem: /^expected ',' or "\]" after record 1, found "\{"$/,
  },
  {
    file: "mismatched-bracket.json",
    run: asDialogues("mismatched-bracket.json"),
    at: { line: 3 },
    problem: /^expected "\]" but found "\}" in record 2$/,
  },
  {
    file: "trailing-garbage.json",
    run: asDialogues("trailing-garbage.json"),
    at: { line: 4 },
    problem: /^unexpected "\]" after the end of the top-level array$/,
  },
  {
    file: "id2metric-unknown-metric.jsonl",
    run: asMetrics("id2metric-unknown-metric.jsonl"),
    at: { key: "2", line: 3, field: "[1][0]" },
    problem: /^unknown metric "Charm" \(this project's metrics: Accuracy, Fluency, Empathy\)$/,
  },
  {
    file: "id2metric-unknown-dialogue.jsonl",
    run: asMetrics("id2metric-unknown-dialogue.jsonl"),
    at: { key: "999", line: 4 },
    problem: /^no dialogue with id "999" in ok-dialogues.jsonl$/,
  },
  {
    file: "id2metric-zh-mismatch.jsonl",
    run: asMetrics("id2metric-zh-mismatch.jsonl"),
    at: { key: "1", line: 2, field: "[0][1]" },
    problem: /^metric_zh "知识曝光度" does not match "Accuracy", which is "知识准确率"/,
  },
  {
    file: "response-unknown-dialogue.jsonl",
    run: asResponses("response-unknown-dialogue.jsonl"),
    at: { record: 2, line: 3, field: "id" },
    problem: /^no dialogue with id "999"/,
  },
  {
    file: "response-output-type.jsonl",
    run: asResponses("response-output-type.jsonl"),
    at: { record: 3, line: 4, field: "model_output" },
    problem: /^expected a string or null, found an integer$/,
  },
  {
    file: "duplicate-profile-key.json",
    run: asProfiles("duplicate-profile-key.json"),
    at: { key: "佟湘玉", line: 4 },
    problem: /^duplicate key "佟湘玉" \(first at line 2\)$/,
  },
  {
    file: "profile-number-value.json",
    run: asProfiles("profile-number-value.json"),
    at: { key: "白展堂", line: 3, field: "经历.年龄" },
    problem: /^expected a string, a list or a map, found an integer$/,
  },
  {
    file: "ratings-score-type.csv",
    run: asRatings("ratings-score-type.csv"),
    at: { record: 3, line: 5, field: "score" },
    problem: /^expected an integer, found "four"$/,
  },
  {
    file: "csv-duplicate-header.csv",
    run: asRatings("csv-duplicate-header.csv"),
    at: { line: 1 },
    problem: /^header: duplicate column "score" \(columns 3 and 4\)$/,
  },
  {
    file: "ratings-active-ms.jsonl",
    run: asRatings("ratings-active-ms.jsonl"),
    at: { record: 2, line: 2, field: "active_ms" },
    problem: /^must be at least 0, found -5$/,
  },
  {
    file: "evaluation-missing-score.jsonl",
    run: async () =>
      (await parseJudgeScores(src("evaluation-missing-score.jsonl"), { file: "evaluation-missing-score.jsonl", model: "m1" })).errors,
    at: { record: 2, line: 3, field: "Fluency" },
    problem: /^the score is missing \(a number under the key "Fluency"\)$/,
  },
];

describe("malformed corpus", () => {
  it.each(cases)("$file", async ({ file, run, at, problem }) => {
    const errors = await run();
    expect(errors.map((e) => e.message)).toHaveLength(1);
    expect(where(errors[0])).toEqual({ file, ...at });
    expect(errors[0].problem).toMatch(problem);
  });

  it("holds at least 20 malformed files, each with a case", () => {
    const names = new Set(cases.map((c) => c.file));
    expect(names.size).toBeGreaterThanOrEqual(20);
  });

  it("accepts a UTF-8 byte-order mark", async () => {
    const plan = await bundle({ dialogues: "bom.jsonl", metrics: null, responses: null });
    expect(plan.errors).toEqual([]);
    expect(plan.dialogues.map((d) => d.externalId)).toEqual(["1", "2"]);
  });

  it("committed generated files match make.ts", () => {
    for (const [name, bytes] of Object.entries(generated())) {
      expect(Buffer.compare(readFileSync(DIR + name), Buffer.from(bytes)), name).toBe(0);
    }
  });

  it("a bad record at the end of a 5,000-record file (generated, streamed)", async () => {
    async function* big() {
      yield new TextEncoder().encode("[\n");
      for (let i = 1; i <= 5000; i++) {
        const context = i === 5000 ? "12" : '"甲：你好。\\n乙：（点头）好。"';
        const rec = `  {\n    "id": ${i},\n    "role": "佟湘玉",\n    "novel_name": "武林外传",\n    "context": ${context}\n  }`;
        yield new TextEncoder().encode(rec + (i < 5000 ? ",\n" : "\n"));
      }
      yield new TextEncoder().encode("]\n");
    }
    const plan = await parseCharacterEvalBundle({
      dialogues: big(),
      profiles: src("ok-profiles.json"),
      knownMetricKeys: KNOWN,
      fileNames: { dialogues: "big.jsonl" },
    });
    expect(plan.errors).toHaveLength(1);
    expect(where(plan.errors[0])).toEqual({ file: "big.jsonl", record: 5000, line: 2 + 6 * 4999, field: "context" });
    expect(plan.errors[0].message).toBe('big.jsonl: record 5,000 (line 29,996), field "context": expected a string, found an integer');
    expect(plan.ok).toBe(false);
    expect(plan.dialogues).toEqual([]);
  });

  it("reads a 10,000-deep record without overflowing and keeps the next record", async () => {
    const ids: number[] = [];
    const errors: string[] = [];
    const { ErrorList } = await import("./errors");
    const list = new ErrorList();
    for await (const r of readRecords(src("deep-nesting.json"), { file: "deep-nesting.json", errors: list })) ids.push(r.index);
    errors.push(...list.errors.map((e) => e.message));
    expect(ids).toEqual([2]);
    expect(errors).toEqual(["deep-nesting.json: record 1 (line 2): nested deeper than 64 levels (from line 2)"]);
  });
});
