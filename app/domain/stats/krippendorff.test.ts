import { describe, expect, it } from "vitest";
import { categoriesOf, CoincidenceMatrix, squaredDistances } from "./coincidence";
import { krippendorffAlpha, type AlphaLevel } from "./krippendorff";
import { createRng } from "../random";
import { publishedAlpha, publishedUnits } from "./reference/krippendorff-2011";
import { expectClose, reference } from "./reference/reference";

const LEVELS: AlphaLevel[] = ["nominal", "ordinal", "interval", "ratio"];

describe("krippendorffAlpha", () => {
  it("reproduces the published 4 × 12 example (3 decimals) and its exact values", () => {
    const exact = {
      nominal: 0.743421052631579,
      ordinal: 0.8153875037548814,
      interval: 0.8491071428571428,
      ratio: 0.7974027747116121,
    };
    for (const level of LEVELS) {
      const alpha = krippendorffAlpha(publishedUnits, level)!;
      expect(alpha.toFixed(3), level).toBe(publishedAlpha[level].toFixed(3));
      expectClose(alpha, exact[level], level, 1e-14);
    }
    // Nominal by hand: n = 40 pairable values, Σ_{c≠k} o_ck = 8, n² − Σ n_c² = 1600 − 384 = 1216.
    expectClose(krippendorffAlpha(publishedUnits, "nominal"), 1 - (39 * 8) / 1216, "nominal by hand", 1e-15);
  });

  it("matches an independent pair-by-pair implementation on random data", () => {
    for (const c of reference.krippendorff) {
      for (const level of LEVELS) expectClose(krippendorffAlpha(c.units, level), c.expected[level], `${c.name} ${level}`, 1e-12);
    }
  });

  it("ignores units with one value and is null without pairable units", () => {
    expect(krippendorffAlpha([], "interval")).toBeNull();
    expect(krippendorffAlpha([[3], [4], []], "interval")).toBeNull();
    const base = [
      [1, 2],
      [3, 3],
      [2, 2, 1],
    ];
    expect(krippendorffAlpha([...base, [5], []], "ordinal")).toBe(krippendorffAlpha(base, "ordinal"));
  });

  it("is null when expected disagreement is 0 (constant scores)", () => {
    for (const level of LEVELS) expect(krippendorffAlpha([[4, 4], [4, 4, 4], [2]], level)).toBeNull();
  });

  it("handles a single unit", () => {
    // With one unit the observed coincidences are the expected ones: α = 0 whenever it is defined.
    expect(krippendorffAlpha([[1, 2]], "interval")).toBe(0);
    expect(krippendorffAlpha([[1, 1, 2]], "nominal")).toBeCloseTo(0, 15);
    expect(krippendorffAlpha([[1, 5, 2, 2]], "ordinal")).toBeCloseTo(0, 15);
    expect(krippendorffAlpha([[3, 3]], "interval")).toBeNull();
  });

  it("is 1 for perfect agreement with variation between units", () => {
    for (const level of LEVELS)
      expect(
        krippendorffAlpha(
          [
            [1, 1],
            [2, 2, 2],
            [5, 5],
          ],
          level,
        ),
      ).toBe(1);
  });

  it("rejects non-finite values and negative ratio values", () => {
    expect(() => krippendorffAlpha([[1, NaN]], "interval")).toThrow(RangeError);
    expect(() => krippendorffAlpha([[-1, 2]], "ratio")).toThrow(RangeError);
  });

  it("ordinal δ² uses coincidence marginals: (Σ_{g=c..k} n_g − (n_c + n_k)/2)²", () => {
    const marginals = [2, 5, 3];
    const delta = squaredDistances("ordinal", [1, 2, 3], marginals);
    expect(delta[0 * 3 + 1]).toBe((2 + 5 - (2 + 5) / 2) ** 2);
    expect(delta[0 * 3 + 2]).toBe((2 + 5 + 3 - (2 + 3) / 2) ** 2);
    expect(delta[2 * 3 + 0]).toBe(delta[0 * 3 + 2]);
    expect(delta[4]).toBe(0);
  });

  it("builds the coincidence matrix of the paper (row sums = marginals)", () => {
    const cats = categoriesOf(publishedUnits.filter((u) => u.length > 1).flat());
    const matrix = new CoincidenceMatrix(cats.values.length);
    for (const u of publishedUnits) matrix.addUnit(u.map((v) => cats.indexOf.get(v)!));
    expect(Array.from(matrix.marginals)).toEqual([9, 13, 10, 5, 3]); // n_1 … n_5 in the paper
    expect(matrix.total()).toBe(40);
    for (let c = 0; c < 5; c++) {
      let row = 0;
      for (let k = 0; k < 5; k++) row += matrix.o[c * 5 + k];
      expect(row).toBeCloseTo(matrix.marginals[c], 12);
    }
  });

  it("scales linearly: 1M values in well under a few seconds", () => {
    const rng = createRng(7);
    const units = Array.from({ length: 333_334 }, () => [0, 0, 0].map(() => 1 + Math.floor(rng() * 5)));
    const t0 = performance.now();
    const alpha = krippendorffAlpha(units, "ordinal");
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(alpha).not.toBeNull();
  });
});
