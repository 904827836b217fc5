import { describe, expect, it } from "vitest";
import { correlationSummary } from "./correlation";
import { humanCeiling } from "./human-ceiling";
import { createRng, shuffleInPlace } from "../random";

function simulatedUnits(count: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const truth = 1 + rng() * 4;
    const raters = 1 + Math.floor(rng() * 4);
    return Array.from({ length: raters }, () => Math.min(5, Math.max(1, Math.round(truth + (rng() - 0.5) * 2))));
  });
}

describe("humanCeiling", () => {
  it("correlates the means of two seeded random halves of each unit with ≥ 2 ratings", () => {
    const units = simulatedUnits(300, 3);
    const snapshot = JSON.stringify(units);
    const got = humanCeiling(units, 17);
    expect(JSON.stringify(units)).toBe(snapshot); // input untouched

    const rng = createRng(17);
    const x: number[] = [];
    const y: number[] = [];
    for (const unit of units) {
      if (unit.length < 2) continue;
      const s = shuffleInPlace([...unit], rng);
      const h = Math.floor(s.length / 2);
      x.push(s.slice(0, h).reduce((a, b) => a + b, 0) / h);
      y.push(s.slice(h).reduce((a, b) => a + b, 0) / (s.length - h));
    }
    expect(got).toEqual(correlationSummary(x, y));
    expect(got.n).toBe(units.filter((u) => u.length >= 2).length);
    expect(got.pearson!).toBeGreaterThan(0.5);
  });

  it("is reproducible for a seed", () => {
    const units = simulatedUnits(100, 8);
    expect(humanCeiling(units, 5)).toEqual(humanCeiling(units, 5));
  });

  it("gives nulls without enough units", () => {
    const empty = humanCeiling([], 1);
    expect(empty.n).toBe(0);
    expect(empty.pearson).toBeNull();
    expect(humanCeiling([[3], [4, 4]], 1).pearson).toBeNull();
  });
});
