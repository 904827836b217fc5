import { describe, expect, it } from "vitest";
import { betweenGroupAlpha, betweenGroupAlphaCI, groupMeanUnits, type GroupRatings } from "./group-agreement";

/** Columnar ratings from per-unit lists of [annotator, score]. */
function columns(units: [number, number][][], annotatorGroup: number[], groupCount = 2): GroupRatings {
  const start = [0];
  const score: number[] = [];
  const annotator: number[] = [];
  for (const unit of units) {
    for (const [a, s] of unit) {
      annotator.push(a);
      score.push(s);
    }
    start.push(score.length);
  }
  return { start, score, annotator, annotatorGroup, groupCount };
}

// annotators 0 and 1 are group 0, 2 and 3 group 1, 4 has no group
const GROUPS = [0, 0, 1, 1, -1];

describe("groupMeanUnits", () => {
  it("averages each group's ratings on a unit and drops units missing a group", () => {
    const r = columns(
      [
        [
          [0, 1],
          [2, 2],
        ], // 1 vs 2
        [
          [0, 3],
          [1, 5],
          [3, 4],
        ], // group 0 averages (3+5)/2 = 4, vs 4
        [
          [0, 2],
          [1, 3],
        ], // group 1 missing: dropped
        [
          [2, 5],
          [4, 1],
        ], // the ungrouped annotator does not count: dropped
        [
          [1, 5],
          [3, 5],
          [4, 2],
        ], // 5 vs 5
      ],
      GROUPS,
    );
    expect(groupMeanUnits(r)).toEqual([
      [1, 2],
      [4, 4],
      [5, 5],
    ]);
    expect(groupMeanUnits(r, [1, 2, 4])).toEqual([
      [4, 4],
      [5, 5],
    ]);
  });

  it("keeps fractional means", () => {
    expect(
      groupMeanUnits(
        columns(
          [
            [
              [0, 3],
              [1, 4],
              [2, 1],
            ],
          ],
          GROUPS,
        ),
      ),
    ).toEqual([[3.5, 1]]);
  });
});

describe("betweenGroupAlpha", () => {
  // units (1,2), (4,4), (5,5): n = 6 values, D_o = 2·1²/6 = 1/3.
  // interval: Σ over ordered pairs of (v−v')² = 2·6·Σ(v−3.5)² = 162, D_e = 162/30 = 5.4 → α = 1 − 5/81 = 76/81.
  // ordinal (counts 1:1, 2:1, 4:2, 5:2): δ²(1,2)=1, δ²(1,4)=6.25, δ²(1,5)=20.25, δ²(2,4)=2.25, δ²(2,5)=12.25,
  // δ²(4,5)=4; D_e = 2·(1 + 12.5 + 40.5 + 4.5 + 24.5 + 16)/30 = 6.6 → α = 1 − (1/3)/6.6 = 94/99.
  const units = [
    [1, 2],
    [4, 4],
    [5, 5],
  ];

  it("matches hand-computed α at both levels", () => {
    const a = betweenGroupAlpha(units);
    expect(a.units).toBe(3);
    expect(a.alpha_interval).toBeCloseTo(76 / 81, 12);
    expect(a.alpha_ordinal).toBeCloseTo(94 / 99, 12);
  });

  it("is null when the expected disagreement is 0, or no unit has two groups", () => {
    expect(
      betweenGroupAlpha([
        [3, 3],
        [3, 3],
      ]),
    ).toEqual({ units: 2, alpha_interval: null, alpha_ordinal: null });
    expect(betweenGroupAlpha([])).toEqual({ units: 0, alpha_interval: null, alpha_ordinal: null });
    expect(betweenGroupAlphaCI([[3, 3]], { seed: 1 })).toEqual({ alpha_interval_ci95: null, alpha_ordinal_ci95: null });
  });

  it("has the interval [1, 1] when the groups always agree", () => {
    const agreeing = [
      [1, 1],
      [2, 2],
      [4, 4],
      [5, 5],
    ];
    expect(betweenGroupAlpha(agreeing).alpha_interval).toBe(1);
    // every resample with two distinct values has α = 1; those with one value are skipped
    expect(betweenGroupAlphaCI(agreeing, { seed: 3, iterations: 200 })).toEqual({
      alpha_interval_ci95: [1, 1],
      alpha_ordinal_ci95: [1, 1],
    });
  });

  it("brackets α with a seeded, reproducible bootstrap", () => {
    const many = Array.from({ length: 60 }, (_, i) => [1 + (i % 5), 1 + ((i + (i % 3 === 0 ? 1 : 0)) % 5)]);
    const a = betweenGroupAlpha(many);
    const ci = betweenGroupAlphaCI(many, { seed: 5, iterations: 300 });
    expect(ci.alpha_interval_ci95![0]).toBeLessThan(a.alpha_interval!);
    expect(ci.alpha_interval_ci95![1]).toBeGreaterThan(a.alpha_interval!);
    expect(ci.alpha_ordinal_ci95![0]).toBeLessThan(a.alpha_ordinal!);
    expect(betweenGroupAlphaCI(many, { seed: 5, iterations: 300 })).toEqual(ci);
  });
});
