import { describe, expect, it } from "vitest";
import { bytesOf } from "~/domain/import";
import { choiceScore, parsePreferences, unitKey, winnerOf } from "./preferences";

const parse = (text: string, file: string) => parsePreferences(bytesOf(text, 7), { file });

describe("parsePreferences", () => {
  it("reads CSV and JSONL records, the winner relative to the file's own model order", async () => {
    const csv = [
      "dialogue_id,metric,model_a,model_b,winner,annotator",
      "1,Fluency,gpt,glm,glm,ann1",
      "1,Fluency,glm,gpt,Tie,ann2",
      "2,Empathy, gpt ,glm,gpt,ann1",
    ].join("\n");
    const r = await parse(csv, "p.csv");
    expect(r.ok).toBe(true);
    expect(r.rows.map((x) => [x.dialogueId, x.metric, x.modelA, x.modelB, x.winner, x.annotator, x.line])).toEqual([
      ["1", "Fluency", "gpt", "glm", "b", "ann1", 2],
      ["1", "Fluency", "glm", "gpt", "tie", "ann2", 3],
      ["2", "Empathy", "gpt", "glm", "a", "ann1", 4],
    ]);
    const jsonl = '{"dialogue_id": 7, "metric": "Fluency", "model_a": "x", "model_b": "y", "winner": "y", "annotator": "张三"}\n';
    const j = await parse(jsonl, "p.jsonl");
    expect(j.rows).toMatchObject([{ dialogueId: "7", modelA: "x", modelB: "y", winner: "b", annotator: "张三", record: 1, line: 1 }]);
  });

  it("names the line and field of every bad record and returns no rows", async () => {
    const jsonl = [
      '{"dialogue_id": 1, "metric": "Fluency", "model_a": "x", "model_b": "y", "winner": "x", "annotator": "a"}',
      '{"dialogue_id": 1, "metric": "Fluency", "model_a": "x", "model_b": "x", "winner": "x", "annotator": "a"}',
      '{"dialogue_id": 1, "metric": "Fluency", "model_a": "x", "model_b": "y", "winner": "z", "annotator": "a"}',
      '{"dialogue_id": 1, "metric": "Fluency", "model_a": "y", "model_b": "x", "winner": "tie", "annotator": "a"}',
      '{"dialogue_id": 1, "metric": "Fluency", "model_a": "x", "model_b": "y", "annotator": "a"}',
    ].join("\n");
    const r = await parse(jsonl, "bad.jsonl");
    expect(r.ok).toBe(false);
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([
      'bad.jsonl: record 2 (line 2), field "model_b": model_a and model_b are the same model ("x")',
      'bad.jsonl: record 3 (line 3), field "winner": winner must be model_a ("x"), model_b ("y") or "tie", found "z"',
      // the same pair the other way round is the same comparison
      'bad.jsonl: record 4 (line 4), field "annotator": annotator "a" already compared "y" and "x" on dialogue "1", metric "Fluency" (record 1)',
      'bad.jsonl: record 5 (line 5), field "winner": is required',
    ]);
    expect(r.errors[0].i18n.key).toBe("pairwiseData.problem.sameModel");
  });

  it("lets two annotators choose on one unit", async () => {
    const csv = "dialogue_id,metric,model_a,model_b,winner,annotator\n1,F,x,y,x,a\n1,F,y,x,x,b\n";
    expect((await parse(csv, "p.csv")).rows).toHaveLength(2);
  });
});

describe("choices in the comparison's order", () => {
  it("maps a file winner to 1 (a), 2 (tie) or 3 (b), flipping when the file's order is the other way round", () => {
    expect([choiceScore("a", false), choiceScore("b", false), choiceScore("tie", false)]).toEqual([1, 3, 2]);
    expect([choiceScore("a", true), choiceScore("b", true), choiceScore("tie", true)]).toEqual([3, 1, 2]);
  });

  it("prefers a model's exact name over the word tie", () => {
    expect(winnerOf("tie", "tie", "y")).toBe("a");
    expect(winnerOf("TIE", "x", "y")).toBe("tie");
    expect(winnerOf("X", "x", "y")).toBeNull();
  });

  it("keys a unit by its unordered pair", () => {
    const k = { dialogueId: "1", metric: "F" };
    expect(unitKey({ ...k, modelA: "x", modelB: "y" })).toBe(unitKey({ ...k, modelA: "y", modelB: "x" }));
    expect(unitKey({ ...k, modelA: "x", modelB: "y" })).not.toBe(unitKey({ ...k, modelA: "x", modelB: "z" }));
  });
});
