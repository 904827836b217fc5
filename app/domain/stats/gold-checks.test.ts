import { describe, expect, it } from "vitest";
import { formatPauseReason, goldVerdict, parsePauseReason } from "./gold-checks";

const round = { qualificationUnits: 4, qualificationMinAccuracy: 0.75, pauseBelowAccuracy: null };
const pause = { qualificationUnits: 0, qualificationMinAccuracy: 0.8, pauseBelowAccuracy: 0.6 };

describe("goldVerdict", () => {
  it("the round runs until N gold ratings, then passes at ≥ the minimum or pauses", () => {
    expect(goldVerdict({ goldN: 3, correct: 3, goldOpen: 5 }, round, true)).toEqual({ kind: "none" });
    expect(goldVerdict({ goldN: 4, correct: 3, goldOpen: 5 }, round, true)).toEqual({ kind: "qualified", accuracy: 0.75 });
    expect(goldVerdict({ goldN: 4, correct: 2, goldOpen: 5 }, round, true)).toEqual({
      kind: "pause",
      reason: { code: "qualification", accuracy: 0.5, threshold: 0.75 },
    });
  });
  it("the round ends early when no gold is left; with no gold rated there is nothing to fail", () => {
    expect(goldVerdict({ goldN: 2, correct: 1, goldOpen: 0 }, round, true)).toMatchObject({ kind: "pause" });
    expect(goldVerdict({ goldN: 0, correct: 0, goldOpen: 0 }, round, true)).toEqual({ kind: "qualified", accuracy: 1 });
  });
  it("after the round nothing is judged again by it", () => {
    expect(goldVerdict({ goldN: 4, correct: 0, goldOpen: 5 }, round, false)).toEqual({ kind: "none" });
  });
  it("the automatic pause waits for enough gold, then pauses strictly below the threshold", () => {
    expect(goldVerdict({ goldN: 4, correct: 0, goldOpen: 5 }, pause, false)).toEqual({ kind: "none" });
    expect(goldVerdict({ goldN: 5, correct: 3, goldOpen: 5 }, pause, false)).toEqual({ kind: "none" });
    expect(goldVerdict({ goldN: 5, correct: 2, goldOpen: 5 }, pause, false)).toEqual({
      kind: "pause",
      reason: { code: "gold_accuracy", accuracy: 0.4, threshold: 0.6 },
    });
    expect(goldVerdict({ goldN: 50, correct: 0, goldOpen: 0 }, { ...pause, pauseBelowAccuracy: null }, false)).toEqual({ kind: "none" });
  });
  it("the stored reason reads back; anything else (a manager's note) is not a reason code", () => {
    const r = { code: "gold_accuracy" as const, accuracy: 0.4, threshold: 0.6 };
    expect(parsePauseReason(formatPauseReason(r))).toEqual(r);
    expect(parsePauseReason("on holiday")).toBeNull();
  });
});
