import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson";

describe("wilsonInterval", () => {
  it("matches Newcombe (1998), Table I, method 3 (score interval without continuity correction)", () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [successes, n, lo, hi] of cases) {
      const [l, h] = wilsonInterval(successes, n)!;
      expect(Math.abs(l - lo)).toBeLessThan(5e-5);
      expect(Math.abs(h - hi)).toBeLessThan(5e-5);
    }
  });

  it("stays inside [0, 1], is null for n = 0 and rejects impossible counts", () => {
    expect(wilsonInterval(5, 5)![1]).toBe(1);
    expect(wilsonInterval(0, 5)![0]).toBe(0);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 5)).toThrow(RangeError);
  });
});
