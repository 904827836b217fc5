import { describe, expect, it } from "vitest";
import { parseOrderedJson } from "../json/ordered";
import { AnnotatorTally, buildAnnotatorPairs, type RatedGroup } from "./annotator-pairs";

const group = (responses: RatedGroup["responses"], higherIsBetter = true): RatedGroup => ({
  dialogueId: "d",
  role: "r",
  profile: parseOrderedJson("{}"),
  context: "",
  metricEn: "M",
  higherIsBetter,
  split: "train",
  responses,
});
const r = (model: string, score: number, ratings: [string, number][]) => ({
  model,
  text: model,
  score,
  ratings: ratings.map(([annotator, s]) => ({ annotator, score: s })),
});

describe("per-annotator pairs", () => {
  it("pairs only what one annotator scored, and says how each pair stands against the consensus", () => {
    const g = group([
      r("x", 4, [
        ["u1", 5],
        ["u2", 3],
      ]),
      r("y", 2, [["u1", 1]]),
      r("z", 4, [["u2", 5]]),
    ]);
    const out = buildAnnotatorPairs(g).map(({ pair, agreement }) => [
      pair.annotator,
      pair.model_chosen,
      pair.model_rejected,
      pair.margin,
      agreement,
    ]);
    expect(out).toEqual([
      ["u1", "x", "y", 4, "agrees"],
      ["u2", "z", "x", 2, "consensus-tie"],
    ]);
    expect(buildAnnotatorPairs(g, { minMargin: 3 }).map((p) => p.pair.annotator)).toEqual(["u1"]);
  });

  it("chooses the lower score on a lower-is-better metric, for the annotator and the consensus", () => {
    const g = group([r("x", 2, [["u", 1]]), r("y", 3, [["u", 3]])], false);
    expect(buildAnnotatorPairs(g).map(({ pair, agreement }) => [pair.model_chosen, agreement])).toEqual([["x", "agrees"]]);
  });

  it("profiles: ties in the consensus are left out of the agreement, no pair gives null", () => {
    const t = new AnnotatorTally();
    t.add("b", "agrees");
    t.add("b", "disagrees");
    t.add("b", "consensus-tie");
    t.add("b", "agrees");
    t.see("a");
    expect(t.profiles((id) => (id === "b" ? "G" : null))).toEqual([
      { annotator: "a", group: null, pairs: 0, compared: 0, agreeing: 0, agreement_with_majority: null },
      { annotator: "b", group: "G", pairs: 4, compared: 3, agreeing: 2, agreement_with_majority: 0.666667 },
    ]);
  });
});
