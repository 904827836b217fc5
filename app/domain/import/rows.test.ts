// Ratings and judge-score files: per-record validation only.
import { describe, expect, it } from "vitest";
import { bytesOf } from "./decode";
import { parseJudgeScores } from "./judge";
import { parseRatings } from "./ratings";

describe("parseRatings", () => {
  it("reads CSV with optional comment and active_ms columns", async () => {
    const csv =
      'dialogue_id,model,metric,annotator,score,comment,active_ms\r\n5320,gpt-4,Accuracy,ann1,4,"好，很好",12000\r\n5320,gpt-4,Fluency,ann1,5,,\r\n';
    const parsed = await parseRatings(bytesOf(csv, 5), { file: "ratings.csv" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        dialogueId: "5320",
        model: "gpt-4",
        metric: "Accuracy",
        annotator: "ann1",
        score: 4,
        comment: "好，很好",
        activeMs: 12000,
        file: "ratings.csv",
        record: 1,
        line: 2,
      },
      {
        dialogueId: "5320",
        model: "gpt-4",
        metric: "Fluency",
        annotator: "ann1",
        score: 5,
        comment: null,
        activeMs: null,
        file: "ratings.csv",
        record: 2,
        line: 3,
      },
    ]);
  });

  it("reads JSONL the same way, and refuses a second rating of one unit by one annotator", async () => {
    const jsonl = [
      { dialogue_id: 5320, model: "m", metric: "Accuracy", annotator: "a", score: 3 },
      { dialogue_id: 5320, model: "m", metric: "Accuracy", annotator: "b", score: 4 },
      { dialogue_id: "5320", model: "m", metric: "Accuracy", annotator: "a", score: 5 },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const parsed = await parseRatings(bytesOf(jsonl), { file: "ratings.jsonl" });
    expect(parsed.ok).toBe(false);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'ratings.jsonl: record 3 (line 3), field "score": annotator "a" already rated dialogue "5320", model "m", metric "Accuracy" (record 1)',
    ]);
  });

  it("collects every bad row, not only the first", async () => {
    const csv = "dialogue_id,model,metric,annotator,score\n1,m,A,a,x\n2,m,A,a,3.5\n3,,A,a,2\n";
    const parsed = await parseRatings(bytesOf(csv), { file: "r.csv" });
    expect(parsed.errors.map((e) => [e.record, e.line, e.field, e.problem])).toEqual([
      [1, 2, "score", 'expected an integer, found "x"'],
      [2, 3, "score", "expected an integer, found 3.5"],
      [3, 4, "model", "must not be empty"],
    ]);
  });
});

describe("parseJudgeScores", () => {
  const evaluation = JSON.stringify(
    [
      { id: 5320, role: "r", model_output: "x", metric_en: "Accuracy", metric_zh: "知识准确率", Accuracy: 3.8125 },
      { id: 5320, role: "r", model_output: "x", metric_en: "Fluency", metric_zh: "对话流利度", Fluency: 4.25 },
    ],
    null,
    4,
  );

  it("reads CharacterEval's evaluation.jsonl with the model given by the caller", async () => {
    const parsed = await parseJudgeScores(bytesOf(evaluation), { file: "evaluation.jsonl", model: "gpt-4" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { dialogueId: "5320", model: "gpt-4", metric: "Accuracy", score: 3.8125, file: "evaluation.jsonl", record: 1, line: 2 },
      { dialogueId: "5320", model: "gpt-4", metric: "Fluency", score: 4.25, file: "evaluation.jsonl", record: 2, line: 10 },
    ]);
  });

  it("says once that evaluation.jsonl needs the model", async () => {
    const parsed = await parseJudgeScores(bytesOf(evaluation), { file: "evaluation.jsonl" });
    expect(parsed.errors.map((e) => e.message)).toEqual([
      "evaluation.jsonl: record 1 (line 2): a CharacterEval evaluation file does not name the model; give it (--model)",
    ]);
  });

  it("reads generic CSV rows and refuses duplicates", async () => {
    const csv = "dialogue_id,model,metric,score\n1,m,Accuracy,4.5\n1,m,Fluency,-1e0\n1,m,Accuracy,2\n2,m,Accuracy,high\n";
    const parsed = await parseJudgeScores(bytesOf(csv), { file: "judge.csv" });
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'judge.csv: record 3 (line 4), field "score": a second score for dialogue "1", model "m", metric "Accuracy" (first at record 1)',
      'judge.csv: record 4 (line 5), field "score": expected a number, found "high"',
    ]);
    const ok = await parseJudgeScores(bytesOf("dialogue_id,model,metric,score\n1,,Accuracy,4.5\n"), { file: "j.csv", model: "m2" });
    expect(ok.rows.map((r) => [r.model, r.score])).toEqual([["m2", 4.5]]);
  });
});
