import { describe, expect, it } from "vitest";
import { annotatorStats, type AnnotatorColumns, goldAccuracySeries, median } from "./annotators";

const H = 3_600_000;
// units 0–2 are one response, 3–4 another, 5 a third; unit 4 is gold (reference 2, tolerance 0), unit 5
// gold (reference 3, tolerance 1). Each rating: [unit, score, hour, task, activeMs]
const A = [
  [0, 4, 0, 10, 3000],
  [1, 4, 0, 10, 3000],
  [2, 4, 0, 10, 3000],
  [3, 2, 0, 11, 1000],
  [4, 2, 0, 11, 1000],
  [5, 5, 2, 12, 600],
];
const B = [
  [0, 2, 1, 20, 6000],
  [1, 4, 1, 20, 6000],
  [2, 3, 1, 20, 6000],
  [5, 3, 1, 21, NaN],
  [4, 3, 1, NaN, NaN],
];
const C = [
  [0, 3, 5, NaN, NaN],
  [3, 4, 5, NaN, NaN],
];

function columns(): AnnotatorColumns {
  const all = [...A, ...B, ...C];
  return {
    annotators: ["a@x", "b@x", "c@x"],
    start: Int32Array.from([0, A.length, A.length + B.length, all.length]),
    unit: Int32Array.from(all.map((r) => r[0])),
    score: Float64Array.from(all.map((r) => r[1])),
    createdMs: Float64Array.from(all.map((r) => r[2] * H + 60_000)),
    task: Float64Array.from(all.map((r) => r[3])),
    activeMs: Float64Array.from(all.map((r) => r[4])),
    unitCount: 6,
    unitResponse: Int32Array.from([0, 0, 0, 1, 1, 2]),
    goldReference: Float64Array.from([NaN, NaN, NaN, NaN, 2, 3]),
    goldTolerance: Float64Array.from([1, 1, 1, 1, 0, 1]),
  };
}

describe("annotatorStats (product.md §9), against values worked out by hand", () => {
  const [a, b, c] = annotatorStats(columns());
  it("gold: accuracy within the tolerance, bias as the mean signed difference", () => {
    // A: unit 4 scored 2 (= reference, correct), unit 5 scored 5 (|5 − 3| = 2 > 1, wrong)
    expect([a.gold_n, a.gold_accuracy, a.gold_bias]).toEqual([2, 0.5, 1]);
    // B: unit 5 scored 3 (correct), unit 4 scored 3 (tolerance 0: wrong); bias (0 + 1) / 2
    expect([b.gold_n, b.gold_accuracy, b.gold_bias]).toEqual([2, 0.5, 0.5]);
    expect([c.gold_n, c.gold_accuracy, c.gold_bias]).toEqual([0, null, null]);
  });
  it("mean absolute difference from the mean of the OTHER annotators on shared units", () => {
    // A: |4 − 2.5| + |4 − 4| + |4 − 3| + |2 − 4| + |2 − 3| + |5 − 3| = 7.5 over 6
    expect(a.mae_vs_others).toBeCloseTo(1.25, 12);
    // B: 1.5 + 0 + 1 + 2 + 1 = 5.5 over 5
    expect(b.mae_vs_others).toBeCloseTo(1.1, 12);
    // C: |3 − 3| + |4 − 2| over 2
    expect(c.mae_vs_others).toBeCloseTo(1, 12);
  });
  it("straightlining: share of groups with ≥ 3 metrics rated whose scores are all equal", () => {
    expect([a.straightlining, b.straightlining, c.straightlining]).toEqual([1, 0, null]);
  });
  it("median active time per unit: a task's time shared by its units", () => {
    // A: 1000 ×3 (3000 / 3), 500 ×2 (1000 / 2), 600 → median of 500 500 600 1000 1000 1000 = 800
    expect([a.median_active_ms_per_unit, b.median_active_ms_per_unit, c.median_active_ms_per_unit]).toEqual([800, 2000, null]);
  });
  it("ratings per hour over the hours with activity", () => {
    expect([a.ratings_per_hour, b.ratings_per_hour, c.ratings_per_hour]).toEqual([3, 5, 2]);
    expect([a.ratings, b.ratings, c.ratings]).toEqual([6, 5, 2]);
  });
  it("an annotator without ratings has nulls, not zeros", () => {
    const cols = columns();
    cols.annotators.push("d@x");
    cols.start = Int32Array.from([...cols.start, cols.score.length]);
    expect(annotatorStats(cols)[3]).toEqual({
      annotator: "d@x",
      ratings: 0,
      gold_n: 0,
      gold_accuracy: null,
      gold_bias: null,
      mae_vs_others: null,
      straightlining: null,
      median_active_ms_per_unit: null,
      ratings_per_hour: null,
    });
  });
  it("the keys are exactly those of the contract, in its order", () => {
    expect(Object.keys(a)).toEqual([
      "annotator",
      "ratings",
      "gold_n",
      "gold_accuracy",
      "gold_bias",
      "mae_vs_others",
      "straightlining",
      "median_active_ms_per_unit",
      "ratings_per_hour",
    ]);
  });
});

describe("goldAccuracySeries and median", () => {
  it("gold outcomes in time order, in runs", () => {
    expect(goldAccuracySeries(columns(), 0)).toEqual([1, 0]);
    expect(goldAccuracySeries(columns(), 0, 1)).toEqual([0.5]);
    expect(goldAccuracySeries(columns(), 2)).toEqual([]);
  });
  it("median of odd and even counts", () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, null]);
  });
});

describe("annotatorStats at scale: the typed-array paths agree with the plain definitions", () => {
  // many annotators of 0–400 ratings, tasks of 1–4 units, active times with many ties, several hours
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 16807) % 2147483647) % n) as number;
  const per = Array.from({ length: 60 }, (_, a) => (a % 7 === 0 ? a % 3 : rnd(400)));
  const rows = per.flatMap((n, a) => {
    let task = 1000 * a;
    let left = 0;
    return Array.from({ length: n }, (_, i) => {
      if (left-- <= 0) ((task += 1 + rnd(3)), (left = rnd(4)));
      const untimed = rnd(10) === 0;
      return { unit: rnd(500), task: rnd(15) === 0 ? NaN : task, activeMs: untimed ? NaN : 1000 * rnd(6), createdMs: i * 600_000 * rnd(3) };
    });
  });
  const start = Int32Array.from([0, ...per.map((_, a) => per.slice(0, a + 1).reduce((x, y) => x + y, 0))]);
  const cols: AnnotatorColumns = {
    annotators: per.map((_, a) => `r${a}`),
    start,
    unit: Int32Array.from(rows, (r) => r.unit),
    score: Float64Array.from(rows, (_, i) => 1 + (i % 5)),
    createdMs: Float64Array.from(rows, (r) => r.createdMs),
    task: Float64Array.from(rows, (r) => r.task),
    activeMs: Float64Array.from(rows, (r) => r.activeMs),
    unitCount: 500,
    unitResponse: Int32Array.from({ length: 500 }, (_, u) => u >> 2),
    goldReference: new Float64Array(500).fill(NaN),
    goldTolerance: new Float64Array(500).fill(1),
  };
  it("median active time per unit and ratings per hour, annotator by annotator", () => {
    const stats = annotatorStats(cols);
    per.forEach((_, a) => {
      const mine = rows.slice(start[a], start[a + 1]);
      const perUnit = mine
        .filter((r) => !Number.isNaN(r.task) && !Number.isNaN(r.activeMs))
        .map((r) => r.activeMs / mine.filter((x) => x.task === r.task).length);
      const hours = new Set(mine.map((r) => Math.floor(r.createdMs / H))).size;
      expect(stats[a].median_active_ms_per_unit, `r${a}`).toBe(median(perUnit));
      expect(stats[a].ratings_per_hour, `r${a}`).toBe(hours ? mine.length / hours : null);
    });
    expect(stats.filter((s) => s.median_active_ms_per_unit !== null).length).toBeGreaterThan(40);
  });
});
