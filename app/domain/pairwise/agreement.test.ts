import { describe, expect, it } from "vitest";
import { pairwiseAgreement, positionalBias, type Choice, type Side } from "./agreement";
import { wilsonInterval } from "./wilson";

describe("pairwiseAgreement", () => {
  it("computes κ and the majority share by hand for two judgments per unit", () => {
    // P_i = 1, 0, 1, 1 → P̄ = 3/4; a 3, tie 2, b 3 of 8 → P_e = 22/64; κ = (3/4 − 11/32)/(21/32) = 13/21
    const result = pairwiseAgreement([
      ["a", "a"],
      ["a", "b"],
      ["tie", "tie"],
      ["b", "b"],
    ]);
    expect(result.units).toBe(4);
    expect(result.judgments).toBe(8);
    expect(result.fleiss_kappa).toBeCloseTo(13 / 21, 14);
    expect(result.majority_share).toBe(3 / 4);
  });

  it("computes them for three judgments per unit and ignores single judgments", () => {
    // P_i = 1/3, 0, 1 → P̄ = 4/9; a 3, tie 1, b 5 of 9 → P_e = 35/81; κ = (36/81 − 35/81)/(46/81) = 1/46
    const result = pairwiseAgreement([["a", "a", "b"], ["a", "tie", "b"], ["b", "b", "b"], ["a"], []]);
    expect(result.units).toBe(3);
    expect(result.judgments).toBe(9);
    expect(result.fleiss_kappa).toBeCloseTo(1 / 46, 14);
    expect(result.majority_share).toBe(2 / 3);
  });

  it("needs more than half for a majority and leaves κ null when units differ in size", () => {
    const result = pairwiseAgreement([
      ["a", "a"],
      ["a", "a", "b"],
      ["a", "a", "b", "b"],
      ["tie", "a", "tie", "tie"],
    ]);
    expect(result.fleiss_kappa).toBeNull();
    expect(result.majority_share).toBe(3 / 4);
  });

  it("is null without a unit of two judgments and rejects unknown choices", () => {
    expect(pairwiseAgreement([["a"]])).toEqual({ units: 0, judgments: 0, fleiss_kappa: null, majority_share: null });
    expect(() => pairwiseAgreement([["a", "left" as Choice]])).toThrow(/choice/);
  });
});

describe("positionalBias", () => {
  it("gives the share of left among non-tie choices with its Wilson interval, and the tie share", () => {
    const sides: Side[] = ["left", "left", "right", "left", "tie", "left", "right", "left", "right", "left"];
    const bias = positionalBias(sides);
    expect(bias).toMatchObject({ judgments: 10, left: 6, right: 3, ties: 1 });
    expect(bias.left_share).toBe(6 / 9);
    expect(bias.tie_share).toBe(0.1);
    expect(bias.left_ci95).toEqual(wilsonInterval(6, 9));
    expect(bias.left_ci95![0]).toBeLessThan(0.5); // 6 of 9 is no evidence of a bias
  });

  it("is null where it has nothing to count, and rejects unknown sides", () => {
    expect(positionalBias(["tie"])).toMatchObject({ left_share: null, left_ci95: null, tie_share: 1 });
    expect(positionalBias([])).toMatchObject({ judgments: 0, left_share: null, tie_share: null });
    expect(() => positionalBias(["a" as Side])).toThrow(/side/);
  });
});
