import { describe, expect, it } from "vitest";
import { parseScore } from "./score-parser";

const scored: [string, number][] = [
  ["4", 4],
  [" 5\n", 5],
  ["３", 3],
  ["4.", 4],
  ["4分", 4],
  ["4 分。", 4],
  ["4/5", 4],
  ["4 / 5", 4],
  ["**4**", 4],
  ["评分：4", 4],
  ["评分:4分", 4],
  ["评分：４", 4],
  ["得分为3分。", 3],
  ["最终评分：2", 2],
  ["分数是 5", 5],
  ["Score: 4/5", 4],
  ["score: 4", 4],
  ["Rating: 2 out of 5", 2],
  ["Final score: 1", 1],
  ['{"score": 4}', 4],
  ['{"score":"3"}', 3],
  ['{"评分": 5, "理由": "流畅自然"}', 5],
  ['```json\n{"score": 2, "reason": "The reply ignores the question."}\n```', 2],
  ['Here is my verdict: {"score": 4, "reason": "in character"}', 4],
  ["<think>The reply is fluent but 2 lines are repetitive. Maybe 3 or 4.</think>\n4", 4],
  ["4\n\nThe reply reads naturally and keeps the character's tone.", 4],
  ["The reply is fluent and stays in character, though a little flat.\n\nScore: 4", 4],
  ["回复自然流畅，符合人物性格。\n评分：5", 5],
  ["该回复基本符合角色设定，但语气略显生硬，给出3分。", 3],
  ["I would rate it a 2 because the character forgets what was said.", 2],
  ["Score: 4\n\nExplanation: fluent, coherent. Score: 4", 4],
  ["评分结果：1（回复与上文无关）", 1],
];

const failed: [string, string][] = [
  ["", "empty"],
  ["   ", "empty"],
  ["The reply is good.", "no_score"],
  ["回复很好，非常符合人物。", "no_score"],
  ["I cannot evaluate this reply.", "no_score"],
  ["6", "out_of_range"],
  ["0", "out_of_range"],
  ["Score: 7/10", "out_of_range"],
  ["评分：-1", "out_of_range"],
  ["4.5", "not_integer"],
  ["Score: 3.5", "not_integer"],
  ['{"score": 4.5}', "not_integer"],
  ['{"score": null}', "no_score"],
  ['{"reason": "fine"}', "no_score"],
  ["Score: 3\nOn reflection, Score: 4", "ambiguous"],
  ["4\n\nActually the answer is 3\n3", "ambiguous"],
  ["评分：3 或者 评分：4", "ambiguous"],
  ["Score: 4/5 or 8/10", "ambiguous"],
];

describe("parseScore on a 1–5 scale", () => {
  it.each(scored)("reads %j as %i", (reply, score) => {
    expect(parseScore(reply, 1, 5)).toEqual({ ok: true, score });
  });
  it.each(failed)("refuses %j (%s)", (reply, reason) => {
    expect(parseScore(reply, 1, 5)).toEqual({ ok: false, reason });
  });
  it("refuses null and undefined replies", () => {
    expect(parseScore(null, 1, 5)).toEqual({ ok: false, reason: "empty" });
    expect(parseScore(undefined, 1, 5)).toEqual({ ok: false, reason: "empty" });
  });
});

describe("parseScore on other scales", () => {
  it("uses the metric's own range: 3 is valid on 1–3, 4 is not", () => {
    expect(parseScore("3", 1, 3)).toEqual({ ok: true, score: 3 });
    expect(parseScore("4", 1, 3)).toEqual({ ok: false, reason: "out_of_range" });
    expect(parseScore("Score: 2/2", 1, 2)).toEqual({ ok: true, score: 2 });
  });
  it("refuses a denominator that is not the scale's top (4/5 on a 1–3 metric)", () => {
    expect(parseScore("2/5", 1, 3)).toEqual({ ok: false, reason: "out_of_range" });
  });
  it("accepts negative scales written with a sign", () => {
    expect(parseScore("-2", -3, 3)).toEqual({ ok: true, score: -2 });
  });
});
