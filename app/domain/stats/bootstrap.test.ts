import { describe, expect, it } from "vitest";
import { bootstrapAlphaCI, quantileSorted } from "./bootstrap";
import { krippendorffAlpha } from "./krippendorff";
import { createRng } from "../random";
import { publishedUnits } from "./reference/krippendorff-2011";

function simulatedUnits(count: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const truth = 1 + Math.floor(rng() * 5);
    return Array.from({ length: 2 + Math.floor(rng() * 2) }, () => (rng() < 0.7 ? truth : 1 + Math.floor(rng() * 5)));
  });
}

describe("bootstrapAlphaCI", () => {
  it("brackets α and is reproducible for a seed", () => {
    const units = simulatedUnits(400, 1);
    const alpha = krippendorffAlpha(units, "interval")!;
    const ci = bootstrapAlphaCI(units, "interval", { seed: 99, iterations: 500 })!;
    expect(ci[0]).toBeLessThan(alpha);
    expect(ci[1]).toBeGreaterThan(alpha);
    expect(ci[1] - ci[0]).toBeLessThan(0.3);
    expect(bootstrapAlphaCI(units, "interval", { seed: 99, iterations: 500 })).toEqual(ci);
    expect(bootstrapAlphaCI(units, "interval", { seed: 100, iterations: 500 })).not.toEqual(ci);
  });

  it("works at every level on the published example (default 1000 iterations)", () => {
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      const ci = bootstrapAlphaCI(publishedUnits, level, { seed: 7 })!;
      expect(ci[0]).toBeLessThanOrEqual(ci[1]);
      expect(ci[1]).toBeLessThanOrEqual(1);
    }
  });

  it("is null where α is undefined", () => {
    expect(bootstrapAlphaCI([], "interval", { seed: 1 })).toBeNull();
    expect(bootstrapAlphaCI([[2], [3]], "interval", { seed: 1 })).toBeNull();
    expect(
      bootstrapAlphaCI(
        [
          [2, 2],
          [2, 2],
        ],
        "interval",
        { seed: 1 },
      ),
    ).toBeNull();
    expect(() => bootstrapAlphaCI([[1, 2]], "interval", { seed: 1, iterations: 0 })).toThrow(RangeError);
  });

  it("skips resamples in which α is undefined", () => {
    // Resamples drawing only the constant unit have no expected disagreement.
    const ci = bootstrapAlphaCI(
      [
        [1, 1],
        [1, 2],
      ],
      "interval",
      { seed: 3, iterations: 200 },
    );
    expect(ci).not.toBeNull();
  });

  it("quantileSorted interpolates linearly like numpy", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.025)).toBeCloseTo(1.1, 15);
    expect(quantileSorted([7], 0.975)).toBe(7);
  });

  it("stays fast on 100,000 units", () => {
    const units = simulatedUnits(100_000, 4);
    const t0 = performance.now();
    bootstrapAlphaCI(units, "ordinal", { seed: 1, iterations: 200 });
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
