import { describe, expect, it } from "vitest";
import { bradleyTerry, ranksOf } from "./bradley-terry";
import { OUTCOME, outcomeMatrix, weightedWins, type Comparisons } from "./outcomes";
import { comparisonsOf, syntheticComparisons } from "./testing/generate";
import { newtonStrengths } from "./testing/newton";

const { a: A, tie: T, b: B } = OUTCOME;
const sigma = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * max_i |Σ_j n_ij σ(θ_i − θ_j) − W_i| (the weights including the virtual ties), divided by W_i when
 * `relative`: the MM step is θ_i += log(W_i / Σ_j n_ij σ(θ_i − θ_j)), so stopping at a 1e-10 step leaves
 * a gap of about 1e-10 · W_i, which grows with the data.
 */
function stationarityGap(comparisons: Comparisons, m: number, theta: Float64Array, relative = false): number {
  const w = weightedWins(outcomeMatrix(comparisons, m));
  let gap = 0;
  for (let i = 0; i < m; i++) {
    let expected = 0;
    let observed = 0;
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      expected += (w[i * m + j] + w[j * m + i]) * sigma(theta[i] - theta[j]);
      observed += w[i * m + j];
    }
    gap = Math.max(gap, Math.abs(expected - observed) / (relative ? observed : 1));
  }
  return gap;
}

describe("bradleyTerry", () => {
  it("matches the closed form for two models", () => {
    // W_0 = 3 wins + ½ tie + ½ virtual tie = 4, W_1 = ½ + ½ = 1: θ_0 − θ_1 = log(4/1), Σθ = 0
    const fit = bradleyTerry(
      comparisonsOf([
        [0, 1, A],
        [0, 1, A],
        [1, 0, B],
        [0, 1, T],
      ]),
      2,
    );
    expect(fit.theta[0]).toBeCloseTo(Math.log(2), 12);
    expect(fit.theta[1]).toBeCloseTo(-Math.log(2), 12);
    expect([...fit.wins]).toEqual([3, 0]);
    expect([...fit.losses]).toEqual([0, 3]);
    expect([...fit.ties]).toEqual([1, 1]);
    expect([...fit.rank]).toEqual([1, 2]);
    expect(fit.converged).toBe(true);
  });

  it("gives equal strengths to a balanced cycle (0 > 1 > 2 > 0, twice each)", () => {
    const rows: [number, number, number][] = [
      [0, 1, A],
      [1, 2, A],
      [2, 0, A],
    ];
    const fit = bradleyTerry(comparisonsOf([...rows, ...rows]), 3);
    for (const t of fit.theta) expect(Math.abs(t)).toBeLessThan(1e-12);
    expect([...fit.rank]).toEqual([1, 1, 1]);
  });

  it("matches a direct Newton solve on three models", () => {
    const comparisons = comparisonsOf([
      [0, 1, A],
      [0, 1, A],
      [0, 1, B],
      [1, 2, A],
      [1, 2, T],
      [0, 2, A],
      [2, 0, A],
    ]);
    const fit = bradleyTerry(comparisons, 3);
    const newton = newtonStrengths(weightedWins(outcomeMatrix(comparisons, 3)), 3);
    for (let i = 0; i < 3; i++) expect(Math.abs(fit.theta[i] - newton[i])).toBeLessThan(1e-9);
    expect([...fit.rank]).toEqual([1, 2, 3]);
  });

  it("meets the stationarity condition Σ_j n_ij σ(θ_i − θ_j) = W_i and Σθ = 0", () => {
    const small = syntheticComparisons({ comparisons: 400, models: 6, dialogues: 50, seed: 5 });
    expect(stationarityGap(small, 6, bradleyTerry(small, 6).theta)).toBeLessThan(1e-8);
    const data = syntheticComparisons({ comparisons: 3000, models: 8, dialogues: 50, seed: 7 });
    const fit = bradleyTerry(data, 8);
    expect(stationarityGap(data, 8, fit.theta, true)).toBeLessThan(1e-9);
    expect(Math.abs(fit.theta.reduce((s, t) => s + t, 0))).toBeLessThan(1e-12);
    const newton = newtonStrengths(weightedWins(outcomeMatrix(data, 8)), 8);
    for (let i = 0; i < 8; i++) expect(Math.abs(fit.theta[i] - newton[i])).toBeLessThan(1e-8);
  });

  it("does not depend on the order of comparisons or on which side is called a", () => {
    const data = syntheticComparisons({ comparisons: 500, models: 5, dialogues: 20, seed: 3 });
    const fit = bradleyTerry(data, 5);
    const order = [...data.a.keys()].reverse();
    const flipped: Comparisons = {
      a: Int32Array.from(order, (k) => data.b[k]),
      b: Int32Array.from(order, (k) => data.a[k]),
      outcome: Uint8Array.from(order, (k) => 2 - data.outcome[k]),
    };
    const other = bradleyTerry(flipped, 5);
    for (let i = 0; i < 5; i++) expect(Math.abs(other.theta[i] - fit.theta[i])).toBeLessThan(1e-10);
    expect(other.wins).toEqual(fit.wins);
    expect(other.rank).toEqual(fit.rank);
  });

  it("places a model without comparisons at 0 (only its virtual ties)", () => {
    // models 0 and 1 compared, model 2 never: by the 0 ↔ 1 symmetry of its equation, θ_2 = 0 exactly
    const fit = bradleyTerry(
      comparisonsOf([
        [0, 1, A],
        [0, 1, A],
        [0, 1, B],
      ]),
      3,
    );
    expect(Math.abs(fit.theta[2])).toBeLessThan(1e-10);
    expect(fit.theta[0]).toBeGreaterThan(0);
    expect([fit.wins[2], fit.losses[2], fit.ties[2]]).toEqual([0, 0, 0]);
    // with two never-compared models, they are equal and share a rank
    const four = bradleyTerry(
      comparisonsOf([
        [0, 1, A],
        [0, 1, A],
        [0, 1, B],
      ]),
      4,
    );
    expect(Math.abs(four.theta[2] - four.theta[3])).toBeLessThan(1e-10);
    expect(four.rank[2]).toBe(four.rank[3]);
  });

  it("gives θ = 0 and rank 1 to every model when every comparison is a tie", () => {
    const fit = bradleyTerry(
      comparisonsOf([
        [0, 1, T],
        [1, 2, T],
        [2, 3, T],
        [0, 3, T],
        [0, 2, T],
      ]),
      4,
    );
    for (const t of fit.theta) expect(Math.abs(t)).toBeLessThan(1e-12);
    expect([...fit.rank]).toEqual([1, 1, 1, 1]);
    expect([...fit.ties]).toEqual([3, 2, 3, 2]);
  });

  it("counts a tie as half a win for each side", () => {
    const wonAndLost = bradleyTerry(
      comparisonsOf([
        [0, 1, A],
        [0, 1, B],
        [0, 2, A],
      ]),
      3,
    );
    const twoTies = bradleyTerry(
      comparisonsOf([
        [0, 1, T],
        [0, 1, T],
        [0, 2, A],
      ]),
      3,
    );
    for (let i = 0; i < 3; i++) expect(Math.abs(wonAndLost.theta[i] - twoTies.theta[i])).toBeLessThan(1e-10);
  });

  it("handles no models, one model and no comparisons", () => {
    expect(bradleyTerry(comparisonsOf([]), 0).theta.length).toBe(0);
    expect([...bradleyTerry(comparisonsOf([]), 1).theta]).toEqual([0]);
    expect([...bradleyTerry(comparisonsOf([]), 3).theta]).toEqual([0, 0, 0]);
  });

  it("rejects bad indexes, self-comparisons, unknown outcomes and ragged columns", () => {
    expect(() => bradleyTerry(comparisonsOf([[0, 3, A]]), 3)).toThrow(RangeError);
    expect(() => bradleyTerry(comparisonsOf([[1, 1, A]]), 3)).toThrow(/itself/);
    expect(() => bradleyTerry(comparisonsOf([[0, 1, 3]]), 3)).toThrow(/outcome/);
    const ragged = { ...comparisonsOf([[0, 1, A]]), outcome: new Uint8Array(2) };
    expect(() => bradleyTerry(ragged, 3)).toThrow(/length/);
  });
});

describe("ranksOf", () => {
  it("shares a rank within 1e-9 and skips the ranks it shares", () => {
    expect([...ranksOf([0.5, 0.5 + 5e-10, -1, 2])]).toEqual([2, 2, 4, 1]);
  });
});
