import { describe, expect, it } from "vitest";
import { kendallTauB } from "./kendall";
import { createRng } from "../random";

/** O(n²) τ-b by definition. */
function naiveTauB(x: number[], y: number[]): number {
  let s = 0;
  let tx = 0;
  let ty = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      s += dx * dy;
      if (dx !== 0) tx++;
      if (dy !== 0) ty++;
    }
  }
  return s / Math.sqrt(tx * ty);
}

describe("kendallTauB", () => {
  it("matches the O(n²) definition with ties in x, y and joint ties", () => {
    const rng = createRng(5);
    for (const [n, levels] of [
      [5, 3],
      [40, 5],
      [300, 5],
      [300, 2],
      [500, 1000],
    ]) {
      const x = Array.from({ length: n }, () => Math.floor(rng() * levels));
      const y = x.map((v) => (rng() < 0.5 ? v : Math.floor(rng() * levels)));
      expect(kendallTauB(x, y).tau).toBeCloseTo(naiveTauB(x, y), 12);
    }
  });

  it("perfect agreement and reversal", () => {
    expect(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40]).tau).toBe(1);
    expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1]).tau).toBe(-1);
    expect(kendallTauB([1, 1, 2, 2], [3, 3, 5, 5]).tau).toBe(1);
  });

  it("is null for constant input and n < 2; p null for n = 2", () => {
    expect(kendallTauB([2, 2, 2], [1, 2, 3])).toEqual({ tau: null, p: null });
    expect(kendallTauB([1], [1])).toEqual({ tau: null, p: null });
    expect(kendallTauB([1, 2], [2, 1])).toEqual({ tau: -1, p: null });
  });

  it("runs in O(n log n): n = 200,000 in well under a second", () => {
    const rng = createRng(42);
    const n = 200_000;
    const x = Array.from({ length: n }, () => 1 + Math.floor(rng() * 5));
    const y = x.map((v) => v + rng() * 3);
    const t0 = performance.now();
    const result = kendallTauB(x, y);
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(1000);
    expect(result.tau).toBeGreaterThan(0.3);
    expect(result.p).toBe(0); // z ≈ 200: far below the smallest double
  });
});
