// Pairwise agreement and the agreement summary (shape "A" of product.md §5).
import { fleissKappa } from "./fleiss";
import { krippendorffAlpha } from "./krippendorff";
import { assertFiniteUnits, pairableUnits } from "./units";

export type PairAgreement = { exact_agreement: number | null; within_one: number | null };

export type AgreementSummary = {
  units: number;
  ratings: number;
  alpha_interval: number | null;
  alpha_ordinal: number | null;
  fleiss_kappa: number | null;
  exact_agreement: number | null;
  within_one: number | null;
};

/**
 * Over all rater pairs within pairable units: the share of pairs with equal scores and the share with
 * |difference| ≤ 1. Every pair counts once (units with more ratings weigh more). Null when no pair.
 * Cost: O(m log m) per unit.
 */
export function pairAgreement(units: number[][]): PairAgreement {
  assertFiniteUnits(units);
  let pairs = 0;
  let equal = 0;
  let withinOne = 0;
  for (const unit of pairableUnits(units)) {
    const sorted = Float64Array.from(unit).sort();
    const m = sorted.length;
    pairs += (m * (m - 1)) / 2;
    let runStart = 0;
    let windowEnd = 0;
    for (let i = 0; i < m; i++) {
      if (sorted[i] !== sorted[runStart]) runStart = i;
      equal += i - runStart; // earlier values equal to sorted[i]
      if (windowEnd < i + 1) windowEnd = i + 1;
      while (windowEnd < m && sorted[windowEnd] - sorted[i] <= 1) windowEnd++;
      withinOne += windowEnd - i - 1; // later values within 1 of sorted[i]
    }
  }
  if (pairs === 0) return { exact_agreement: null, within_one: null };
  return { exact_agreement: equal / pairs, within_one: withinOne / pairs };
}

/** Agreement over the pairable units of one metric (or pooled): the JSON shape "A" of product.md §5. */
export function agreementSummary(units: number[][], categories: number[]): AgreementSummary {
  const pairable = pairableUnits(units);
  const pairs = pairAgreement(pairable);
  return {
    units: pairable.length,
    ratings: pairable.reduce((sum, unit) => sum + unit.length, 0),
    alpha_interval: krippendorffAlpha(pairable, "interval"),
    alpha_ordinal: krippendorffAlpha(pairable, "ordinal"),
    fleiss_kappa: fleissKappa(pairable, categories),
    exact_agreement: pairs.exact_agreement,
    within_one: pairs.within_one,
  };
}
