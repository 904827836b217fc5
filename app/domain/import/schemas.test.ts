import { describe, expect, it } from "vitest";
import { ErrorList } from "./errors";
import {
  ceDialogueSchema,
  csvSchemas,
  evaluationSchema,
  generationSchema,
  id2metricEntrySchema,
  jsonSchemas,
  profileSchema,
  validate,
} from "./schemas";

const loc = { file: "f", record: 7, line: 70 };

function problems(schema: Parameters<typeof validate>[0], value: unknown): string[] {
  const errors = new ErrorList();
  validate(schema, value, loc, errors);
  return errors.errors.map((e) => (e.field ? `${e.field}: ${e.problem}` : e.problem));
}

describe("schemas", () => {
  it("CharacterEval dialogue: ids become text, unknown keys are ignored", () => {
    const d = { id: 5320, role: "佟湘玉", novel_name: "武林外传", context: "甲：好。", extra: 1 };
    expect(validate(ceDialogueSchema, d, loc)).toEqual({ id: "5320", role: "佟湘玉", novel_name: "武林外传", context: "甲：好。" });
    expect(validate(ceDialogueSchema, { ...d, id: " a-1 " }, loc)?.id).toBe("a-1");
    expect(problems(ceDialogueSchema, { id: 1.5, role: "", context: 3 })).toEqual([
      "id: expected an integer id or a string id, found the number 1.5",
      "role: must not be empty",
      "novel_name: is required",
      "context: expected a string, found an integer",
    ]);
    expect(problems(ceDialogueSchema, { id: "  ", role: "r", novel_name: null, context: "c" })).toEqual([
      "id: must not be empty",
      "novel_name: expected a string, found null",
    ]);
  });

  it("refuses NUL characters in text and ids", () => {
    expect(problems(ceDialogueSchema, { id: "a\u0000", role: "r", novel_name: "", context: "x\u0000y" })).toEqual([
      "id: contains a NUL character (\\u0000), which cannot be stored",
      "context: contains a NUL character (\\u0000), which cannot be stored",
    ]);
  });

  it("profile: strings, lists and maps only, not empty", () => {
    expect(problems(profileSchema, { 姓名: "x", 关系: ["a", { b: ["c"] }], 外貌: {} })).toEqual([]);
    expect(problems(profileSchema, {})).toEqual(["the profile is empty"]);
    expect(problems(profileSchema, ["x"])).toEqual(["expected a map of profile fields, found an array"]);
    expect(problems(profileSchema, { 关系: ["a", { b: [true] }], 年龄: null })).toEqual([
      "年龄: expected a string, a list or a map, found null",
      "关系[1].b[0]: expected a string, a list or a map, found a boolean",
    ]);
  });

  it("id2metric entry: non-empty list of distinct [metric_en, metric_zh] pairs", () => {
    expect(validate(id2metricEntrySchema, [["Accuracy", "知识准确率"]], loc)).toEqual([["Accuracy", "知识准确率"]]);
    expect(problems(id2metricEntrySchema, [])).toEqual(["the list of metrics is empty"]);
    expect(problems(id2metricEntrySchema, { a: 1 })).toEqual(["expected a list of [metric_en, metric_zh] pairs, found an object"]);
    expect(problems(id2metricEntrySchema, [["Accuracy"], ["Fluency", ""], "x"])).toEqual([
      "[0]: expected a pair [metric_en, metric_zh]",
      "[1][1]: must not be empty",
      "[2]: expected a pair [metric_en, metric_zh], found a string",
    ]);
    expect(
      problems(id2metricEntrySchema, [
        ["A", "甲"],
        ["B", "乙"],
        ["A", "丙"],
      ]),
    ).toEqual(['[2][0]: metric "A" is listed twice (also at [0])']);
  });

  it("generation record: model_output is a string or null", () => {
    expect(validate(generationSchema, { id: 1, model_output: null }, loc)).toEqual({ id: "1", model_output: null });
    expect(problems(generationSchema, { id: 1 })).toEqual(["model_output: is required"]);
    expect(problems(generationSchema, { id: 1, model_output: ["x"], role: 3 })).toEqual([
      "model_output: expected a string or null, found an array",
      "role: expected a string, found an integer",
    ]);
  });

  it("evaluation record: the score sits under the key named by metric_en", () => {
    const r = { id: 12, metric_en: "Accuracy", metric_zh: "知识准确率", Accuracy: 3.5, model_output: "x" };
    expect(validate(evaluationSchema, r, loc)).toEqual({ id: "12", metric: "Accuracy", metricZh: "知识准确率", score: 3.5 });
    expect(problems(evaluationSchema, { ...r, Accuracy: "3" })).toEqual(['Accuracy: expected a number, found "3"']);
    expect(problems(evaluationSchema, { id: 1, metric_en: "toString" })).toEqual([
      'toString: the score is missing (a number under the key "toString")',
    ]);
  });

  it("CSV variants coerce numbers and treat blank cells as absent", () => {
    const row = { dialogue_id: "5320", model: "m", metric: "Accuracy", annotator: "ann", score: " 4 ", comment: "", active_ms: "" };
    expect(validate(csvSchemas.rating, row, loc)).toEqual({
      dialogue_id: "5320",
      model: "m",
      metric: "Accuracy",
      annotator: "ann",
      score: 4,
    });
    expect(problems(csvSchemas.rating, { ...row, score: "4.5", active_ms: "-1" })).toEqual([
      "score: expected an integer, found 4.5",
      "active_ms: must be at least 0, found -1",
    ]);
    expect(problems(csvSchemas.rating, { ...row, score: "" })).toEqual(["score: is required"]);
    expect(problems(jsonSchemas.rating, { ...row, score: "4" })).toEqual([
      'score: expected an integer, found "4"',
      'active_ms: expected an integer, found ""',
    ]);
    expect(validate(csvSchemas.judge, { dialogue_id: "1", model: "m", metric: "x", score: "-2.5e-1" }, loc)?.score).toBe(-0.25);
    expect(problems(jsonSchemas.judge, { dialogue_id: 1, model: "m", metric: "x", score: Number.NaN })).toEqual([
      "score: expected a number, found NaN",
    ]);
  });

  it("validate throws the first problem when no error list is given", () => {
    expect(() => validate(jsonSchemas.subset, { dialogue_id: 1 }, loc)).toThrow('f: record 7 (line 70), field "metric": is required');
  });
});
