import { describe, expect, it } from "vitest";
import type { ReportData } from "./data";
import { computeLeaderboard, lowerIsBetterScopes, rankModels } from "./leaderboard";

describe("leaderboard direction", () => {
  it("ranks a lower-is-better metric ascending, and a dimension or overall only when all their metrics are", () => {
    const metrics = [
      { key: "Warmth", dimension: "Persona", higherIsBetter: true },
      { key: "Toxicity", dimension: "Safety", higherIsBetter: false },
      { key: "Insults", dimension: "Safety", higherIsBetter: false },
    ];
    expect(lowerIsBetterScopes(metrics)).toEqual(["dimension:Safety", "metric:Toxicity", "metric:Insults"]);
    expect(lowerIsBetterScopes(metrics.slice(1))).toEqual(["overall", "dimension:Safety", "metric:Toxicity", "metric:Insults"]);
    expect(lowerIsBetterScopes(metrics.slice(0, 1))).toEqual([]);
    expect(rankModels([0.5, 2, null, 1], false)).toEqual([1, 3, null, 2]);
  });

  it("turns a lower-is-better metric over inside a descending dimension or overall (min + max − s)", () => {
    // model a: Warmth 3 of 1–3, Toxicity 0 of 0–4 (best on both); model b: Warmth 1, Toxicity 4 (worst on both)
    const d: ReportData = {
      metrics: [
        { key: "Warmth", dimension: "Mix", scaleMin: 1, scaleMax: 3, higherIsBetter: true },
        { key: "Toxicity", dimension: "Mix", scaleMin: 0, scaleMax: 4, higherIsBetter: false },
      ],
      models: ["a", "b"],
      annotators: ["x"],
      judges: [],
      unitCount: 4,
      unitMetric: Int32Array.from([0, 1, 0, 1]),
      unitModel: Int32Array.from([0, 0, 1, 1]),
      adjudicated: Float64Array.from([NaN, NaN, NaN, NaN]),
      start: Int32Array.from([0, 1, 2, 3, 4]),
      score: Float64Array.from([3, 0, 1, 4]),
      annotator: Int32Array.from([0, 0, 0, 0]),
      judgeScore: [],
    };
    const r = computeLeaderboard("p", d);
    const [a, b] = r.models;
    // a: (3 + (0 + 4 − 0)) / 2 = 3.5; b: (1 + (0 + 4 − 4)) / 2 = 0.5
    expect([a.overall.human.mean, b.overall.human.mean]).toEqual([3.5, 0.5]);
    expect([a.overall.human.rank, b.overall.human.rank]).toEqual([1, 2]);
    expect([a.dimensions[0].human.mean, b.dimensions[0].human.mean]).toEqual([3.5, 0.5]);
    // the metric itself keeps its raw scores and ranks ascending
    const tox = (m: typeof a) => m.metrics.find((x) => x.metric === "Toxicity")!.human;
    expect([tox(a).mean, tox(b).mean, tox(a).rank, tox(b).rank]).toEqual([0, 4, 1, 2]);
  });
});
