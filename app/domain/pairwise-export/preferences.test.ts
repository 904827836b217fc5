import { describe, expect, it } from "vitest";
import { buildRoleSystemPrompt } from "../export/profile-text";
import { parseOrderedJson } from "../json/ordered";
import { annotatorRecords, type Choice, type ComparisonGroup, majorityOf, majorityRecord, votesOf } from "./preferences";

const profile = parseOrderedJson('{"姓名":"甲","性别":"男"}');
const group = (choices: Choice[]): ComparisonGroup => ({
  dialogueId: "42",
  role: "甲",
  novelName: "书",
  profile,
  context: "乙：你好\n甲：好啊\n乙：再见",
  metricEn: "Fluency",
  split: "dev",
  a: { model: "glm", text: "甲：我走了" },
  b: { model: "gpt", text: "（挥手）再见" },
  choices,
});
const ann = (annotator: string, score: number): Choice => ({ annotator, score });

const PROMPT = [
  { role: "system", content: buildRoleSystemPrompt("甲", profile, "书") },
  { role: "user", content: "乙：你好" },
  { role: "assistant", content: "好啊" },
  { role: "user", content: "乙：再见" },
];

describe("majority records", () => {
  it("writes the side with more than half of the choices as chosen, the character's name off its reply", () => {
    const r = majorityRecord(group([ann("x", 3), ann("y", 3), ann("z", 2)]));
    expect(r).toEqual({
      prompt: PROMPT,
      chosen: [{ role: "assistant", content: "（挥手）再见" }],
      rejected: [{ role: "assistant", content: "我走了" }],
      metric_en: "Fluency",
      dialogue_id: 42,
      model_chosen: "gpt",
      model_rejected: "glm",
      votes_chosen: 2,
      votes_rejected: 0,
      votes_tie: 1,
      split: "dev",
    });
    const fields = "prompt chosen rejected metric_en dialogue_id model_chosen model_rejected votes_chosen votes_rejected votes_tie split";
    expect(Object.keys(r!)).toEqual(fields.split(" "));
  });

  it("leaves out split votes always, and ties unless asked; a kept tie has a as chosen and tie: true", () => {
    expect(majorityRecord(group([ann("x", 1), ann("y", 3)]))).toBeNull();
    expect(majorityRecord(group([ann("x", 1), ann("y", 3), ann("z", 2)]), { ties: true })).toBeNull();
    expect(majorityRecord(group([]), { ties: true })).toBeNull();
    const tied = group([ann("x", 2), ann("y", 2), ann("z", 1)]);
    expect(majorityRecord(tied)).toBeNull();
    expect(majorityRecord(tied, { ties: true })).toMatchObject({
      model_chosen: "glm",
      model_rejected: "gpt",
      votes_chosen: 1,
      votes_rejected: 0,
      votes_tie: 2,
      tie: true,
    });
    // with ties kept every record says whether it is one
    expect(majorityRecord(group([ann("x", 1)]), { ties: true })).toMatchObject({ model_chosen: "glm", votes_chosen: 1, tie: false });
  });

  it("counts votes and finds a strict majority", () => {
    expect(votesOf([ann("x", 1), ann("y", 2), ann("z", 3), ann("w", 3)])).toEqual({ a: 1, tie: 1, b: 2 });
    expect(majorityOf({ a: 1, tie: 1, b: 2 })).toBeNull();
    expect(majorityOf({ a: 0, tie: 1, b: 2 })).toBe("b");
    expect(() => votesOf([ann("x", 4)])).toThrow(/1, 2 or 3/);
  });
});

describe("per-annotator records", () => {
  it("writes one record per choice, ordered by annotator, with the unit's votes; ties only when asked", () => {
    const g = group([ann("ann-b", 1), ann("ann-a", 3), ann("ann-c", 2)]);
    const rs = annotatorRecords(g).map((x) => x.record);
    expect(rs.map((r) => [r.annotator, r.model_chosen, r.model_rejected, r.votes_chosen, r.votes_rejected, r.votes_tie])).toEqual([
      ["ann-a", "gpt", "glm", 1, 1, 1],
      ["ann-b", "glm", "gpt", 1, 1, 1],
    ]);
    expect(Object.keys(rs[0]).slice(-2)).toEqual(["split", "annotator"]);
    expect(rs[0].prompt).toEqual(PROMPT);
    const withTies = annotatorRecords(g, { ties: true });
    // 1 a, 1 b, 1 tie: no majority to agree with
    expect(withTies.map(({ record: r, agreement }) => [r.annotator, r.tie, r.model_chosen, agreement])).toEqual([
      ["ann-a", false, "gpt", "consensus-tie"],
      ["ann-b", false, "glm", "consensus-tie"],
      ["ann-c", true, "glm", "consensus-tie"],
    ]);
  });

  it("says whether each choice sides with the unit's majority", () => {
    const g = group([ann("x", 3), ann("y", 3), ann("z", 1), ann("w", 2)]);
    // 2 of 4 is no strict majority
    expect(annotatorRecords(g, { ties: true }).map((x) => x.agreement)).toEqual([
      "consensus-tie",
      "consensus-tie",
      "consensus-tie",
      "consensus-tie",
    ]);
    const h = group([ann("x", 3), ann("y", 3), ann("z", 1), ann("w", 2), ann("v", 3)]);
    expect(annotatorRecords(h, { ties: true }).map((x) => [x.record.annotator, x.agreement])).toEqual([
      ["v", "agrees"],
      ["w", "disagrees"],
      ["x", "agrees"],
      ["y", "agrees"],
      ["z", "disagrees"],
    ]);
  });
});
