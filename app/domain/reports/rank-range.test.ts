// Leaderboard ranks that the 95% intervals can support: models whose intervals overlap share a range.
import { describe, expect, it } from "vitest";
import type { ReportData } from "./data";
import { computeLeaderboard, rankRanges } from "./leaderboard";

const est = (mean: number | null, ci95: [number, number] | null = null) => ({ mean, ci95 });

describe("rankRanges", () => {
  it("gives overlapping models one range and a model clear of them its own rank", () => {
    const scores = [est(4.1, [3.9, 4.3]), est(4.0, [3.8, 4.2]), est(3.0, [2.9, 3.1])];
    expect(rankRanges(scores, true)).toEqual([
      [1, 2],
      [1, 2],
      [3, 3],
    ]);
    // lower is better: the same intervals, the other way round
    expect(rankRanges(scores, false)).toEqual([
      [2, 3],
      [2, 3],
      [1, 1],
    ]);
  });

  it("follows a chain of overlaps: A overlaps B, B overlaps C, A is clear of C", () => {
    expect(rankRanges([est(4.2, [4.0, 4.4]), est(3.9, [3.7, 4.1]), est(3.6, [3.4, 3.8])], true)).toEqual([
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
  });

  it("tells a model without an interval apart from none, and leaves a model without a mean unranked", () => {
    expect(rankRanges([est(5), est(4.5, [4.4, 4.6]), est(1.2, [1.1, 1.3]), est(null)], true)).toEqual([[1, 3], [1, 2], [2, 3], null]);
    expect(rankRanges([], true)).toEqual([]);
  });

  it("does not separate intervals that only touch", () => {
    expect(rankRanges([est(2, [1.5, 2.5]), est(3, [2.5, 3.5])], true)).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });
});

describe("the leaderboard's rank_range", () => {
  it("comes from the t intervals of the models' unit scores (hand-computed)", () => {
    // a: 5 4 5 4 (mean 4.5, 95% CI 4.5 ± 3.182·0.2887 = [3.581, 5.419]); b: 1 2 1 2 ([0.581, 2.419]);
    // c: 4 3 4 3 ([2.581, 4.419]): c overlaps a, and is clear of b; a is clear of b.
    const scores = [5, 4, 5, 4, 1, 2, 1, 2, 4, 3, 4, 3];
    const d: ReportData = {
      metrics: [{ key: "Fluency", dimension: "conv", scaleMin: 1, scaleMax: 5, higherIsBetter: true }],
      models: ["a", "b", "c"],
      annotators: [],
      judges: [],
      unitCount: 12,
      unitMetric: new Int32Array(12),
      unitModel: Int32Array.from(scores.map((_, i) => Math.floor(i / 4))),
      adjudicated: Float64Array.from(scores),
      start: new Int32Array(13),
      score: new Float64Array(0),
      annotator: new Int32Array(0),
      judgeScore: [],
    };
    const r = computeLeaderboard("p", d);
    const human = r.models.map((m) => m.overall.human);
    expect(human.map((h) => h.ci95![0])).toEqual([expect.closeTo(3.5813, 3), expect.closeTo(0.5813, 3), expect.closeTo(2.5813, 3)]);
    expect(human.map((h) => h.rank)).toEqual([1, 3, 2]);
    expect(human.map((h) => h.rank_range)).toEqual([
      [1, 2],
      [3, 3],
      [1, 2],
    ]);
    expect(r.models[2].metrics[0].human.rank_range).toEqual([1, 2]);
  });
});
