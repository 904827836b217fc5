import { describe, expect, it } from "vitest";
import { agreementSummary, pairAgreement } from "./agreement";
import { fleissKappa } from "./fleiss";
import { krippendorffAlpha } from "./krippendorff";
import { publishedUnits } from "./reference/krippendorff-2011";

/** Brute force over all pairs, for comparison. */
function naivePairs(units: number[][]) {
  let pairs = 0;
  let equal = 0;
  let within = 0;
  for (const u of units) {
    for (let i = 0; i < u.length; i++) {
      for (let j = i + 1; j < u.length; j++) {
        pairs++;
        if (u[i] === u[j]) equal++;
        if (Math.abs(u[i] - u[j]) <= 1) within++;
      }
    }
  }
  return pairs === 0 ? { exact_agreement: null, within_one: null } : { exact_agreement: equal / pairs, within_one: within / pairs };
}

describe("pairAgreement", () => {
  it("counts every rater pair within pairable units", () => {
    // pairs: (1,1) equal; (1,2),(1,4),(2,4): 1 within; total 4 pairs, 1 equal, 2 within one
    expect(pairAgreement([[1, 1], [1, 2, 4], [5]])).toEqual({ exact_agreement: 1 / 4, within_one: 2 / 4 });
  });

  it("matches brute force on random and real-valued units", () => {
    let s = 11;
    const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const units = Array.from({ length: 400 }, () =>
      Array.from({ length: Math.floor(next() * 7) }, () => (next() < 0.5 ? 1 + Math.floor(next() * 5) : next() * 5)),
    );
    const got = pairAgreement(units);
    const want = naivePairs(units);
    expect(got.exact_agreement).toBeCloseTo(want.exact_agreement!, 14);
    expect(got.within_one).toBeCloseTo(want.within_one!, 14);
    expect(pairAgreement(publishedUnits)).toEqual(naivePairs(publishedUnits));
  });

  it("is null without any pair", () => {
    expect(pairAgreement([])).toEqual({ exact_agreement: null, within_one: null });
    expect(pairAgreement([[3], []])).toEqual({ exact_agreement: null, within_one: null });
  });
});

describe("agreementSummary", () => {
  it("has exactly the keys of shape A", () => {
    const summary = agreementSummary([[1, 2], [3, 3], [4]], [1, 2, 3, 4, 5]);
    expect(Object.keys(summary)).toEqual([
      "units",
      "ratings",
      "alpha_interval",
      "alpha_ordinal",
      "fleiss_kappa",
      "exact_agreement",
      "within_one",
    ]);
  });

  it("summarises the published example over pairable units", () => {
    const summary = agreementSummary(publishedUnits, [1, 2, 3, 4, 5]);
    expect(summary.units).toBe(11);
    expect(summary.ratings).toBe(40);
    expect(summary.alpha_interval).toBe(krippendorffAlpha(publishedUnits, "interval"));
    expect(summary.alpha_ordinal).toBe(krippendorffAlpha(publishedUnits, "ordinal"));
    expect(summary.fleiss_kappa).toBeNull(); // units have 2, 3 and 4 ratings
    expect(summary.exact_agreement).toBe(naivePairs(publishedUnits).exact_agreement);
  });

  it("gives Fleiss' κ when every pairable unit has the same number of ratings", () => {
    const units = [[1, 2], [3, 3], [5, 4], [2, 2], [1]];
    const summary = agreementSummary(units, [1, 2, 3, 4, 5]);
    expect(summary.units).toBe(4);
    expect(summary.ratings).toBe(8);
    expect(summary.fleiss_kappa).toBe(fleissKappa(units.slice(0, 4), [1, 2, 3, 4, 5]));
  });

  it("is all null (counts 0) for empty input and null α for constant scores", () => {
    expect(agreementSummary([], [1, 2, 3])).toEqual({
      units: 0,
      ratings: 0,
      alpha_interval: null,
      alpha_ordinal: null,
      fleiss_kappa: null,
      exact_agreement: null,
      within_one: null,
    });
    const constant = agreementSummary(
      [
        [3, 3],
        [3, 3],
      ],
      [1, 2, 3],
    );
    expect(constant.alpha_interval).toBeNull();
    expect(constant.alpha_ordinal).toBeNull();
    expect(constant.fleiss_kappa).toBeNull();
    expect(constant.exact_agreement).toBe(1);
    expect(JSON.stringify(constant)).not.toMatch(/NaN|Infinity/);
  });
});
