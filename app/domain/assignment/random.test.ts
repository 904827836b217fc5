import { describe, expect, it } from "vitest";
import { mulberry32, randomInt } from "./random";

describe("mulberry32", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it("matches the reference mulberry32 output for seed 1", () => {
    // reference values of the public-domain mulberry32 (a += 0x6D2B79F5 variant)
    const r = mulberry32(1);
    expect(r()).toBeCloseTo(0.6270739405881613, 15);
    expect(r()).toBeCloseTo(0.002735721180215478, 15);
  });

  it("stays in [0, 1) and spreads evenly", () => {
    const r = mulberry32(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[randomInt(r, 10)]++;
    }
    for (const b of buckets) expect(b).toBeGreaterThan(800);
  });
});
