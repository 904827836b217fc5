import { describe, expect, it } from "vitest";
import { correlationSummary, pearson, spearman } from "./correlation";
import { kendallTauB } from "./kendall";
import { expectClose, reference } from "./reference/reference";

const KEYS = ["n", "pearson", "pearson_p", "pearson_ci95", "spearman", "spearman_p", "kendall_tau_b", "kendall_p"];

describe("correlationSummary against scipy (pearsonr, spearmanr, kendalltau b asymptotic)", () => {
  it("covers many cases", () => {
    expect(reference.correlations.length).toBeGreaterThanOrEqual(30);
    expect(Math.max(...reference.correlations.map((c) => c.x.length))).toBe(2000);
  });

  for (const c of reference.correlations) {
    it(c.name, () => {
      const got = correlationSummary(c.x, c.y);
      const want = c.expected;
      expect(Object.keys(got)).toEqual(KEYS);
      expect(got.n).toBe(want.n);
      for (const key of ["pearson", "pearson_p", "spearman", "spearman_p", "kendall_tau_b", "kendall_p"] as const) {
        expectClose(got[key], want[key], key);
      }
      if (want.pearson_ci95 === null) expect(got.pearson_ci95).toBeNull();
      else {
        expect(got.pearson_ci95).not.toBeNull();
        expectClose(got.pearson_ci95![0], want.pearson_ci95[0], "ci lo");
        expectClose(got.pearson_ci95![1], want.pearson_ci95[1], "ci hi");
      }
    });
  }

  it("tiny p-values agree relatively where they are representable", () => {
    const c = reference.correlations.find((r) => r.name === "real, strong n=50")!;
    const got = correlationSummary(c.x, c.y);
    for (const key of ["pearson_p", "spearman_p", "kendall_p"] as const) {
      const want = c.expected[key]!;
      expect(want).toBeLessThan(1e-20);
      expect(Math.abs(got[key]! - want) / want, key).toBeLessThan(1e-6);
    }
  });
});

describe("edge cases", () => {
  it("constant input and n < 2 give nulls, never NaN", () => {
    for (const [x, y] of [
      [
        [1, 1, 1, 1],
        [1, 2, 3, 4],
      ],
      [
        [1, 2, 3],
        [5, 5, 5],
      ],
      [[], []],
      [[1], [2]],
    ]) {
      const s = correlationSummary(x, y);
      expect(s.n).toBe(x.length);
      expect(s.pearson).toBeNull();
      expect(s.spearman).toBeNull();
      expect(s.kendall_tau_b).toBeNull();
      expect(s.pearson_p).toBeNull();
      expect(s.pearson_ci95).toBeNull();
      expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
    }
  });

  it("n = 2: coefficients ±1, p-values and CI null", () => {
    expect(correlationSummary([1, 2], [5, 3])).toEqual({
      n: 2,
      pearson: -1,
      pearson_p: null,
      pearson_ci95: null,
      spearman: -1,
      spearman_p: null,
      kendall_tau_b: -1,
      kendall_p: null,
    });
  });

  it("n = 3: p defined, CI null", () => {
    const s = correlationSummary([1, 2, 3], [1, 3, 2]);
    expect(s.pearson_p).not.toBeNull();
    expect(s.pearson_ci95).toBeNull();
  });

  it("|r| = 1 gives p = 0 and a CI of [r, r] without NaN", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const up = pearson(x, [2, 4, 6, 8, 10, 12]);
    expect(up.r).toBe(1);
    expect(up.p).toBe(0);
    expect(up.ci95).toEqual([1, 1]);
    const down = pearson(x, [4, 3, 2, 1, 0, -1]);
    expect(down.r).toBe(-1);
    expect(down.ci95).toEqual([-1, -1]);
    expect(spearman(x, [1, 4, 9, 16, 25, 36])).toEqual({ r: 1, p: 0 });
  });

  it("rejects different lengths and non-finite values", () => {
    expect(() => correlationSummary([1, 2], [1])).toThrow(RangeError);
    expect(() => correlationSummary([1, NaN, 3], [1, 2, 3])).toThrow(RangeError);
    expect(() => correlationSummary([1, 2, 3], [1, Infinity, 3])).toThrow(RangeError);
  });
});

describe("correlationSummary's shared sorts", () => {
  it("gives exactly what pearson, spearman and kendallTauB give apart, on tied data", () => {
    const x = Float64Array.from({ length: 2000 }, (_, i) => 1 + ((i * 7) % 5));
    const y = Float64Array.from({ length: 2000 }, (_, i) => ((i * 13) % 11) / 3 + x[i] / 2);
    const p = pearson(x, y);
    const s = spearman(x, y);
    const k = kendallTauB(x, y);
    expect(correlationSummary(x, y)).toEqual({
      n: 2000,
      pearson: p.r,
      pearson_p: p.p,
      pearson_ci95: p.ci95,
      spearman: s.r,
      spearman_p: s.p,
      kendall_tau_b: k.tau,
      kendall_p: k.p,
    });
  });
});
