// Pairwise agreement and the agreement summary (shape "A" of product.md §5).
import { alphaFromCoincidences, type AlphaLevel } from "./coincidence";
import { fleissKappaOf } from "./fleiss";
import { coincidencesOf, encodeUnits, type EncodedUnits } from "./krippendorff";

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
  return pairAgreementOf(encodeUnits(units));
}

/** pairAgreement of encoded (pairable) units. */
export function pairAgreementOf({ categories, offsets, codes }: EncodedUnits): PairAgreement {
  const values = categories.values;
  let pairs = 0;
  let equal = 0;
  let withinOne = 0;
  let sorted = new Int32Array(16);
  for (let u = 0; u + 1 < offsets.length; u++) {
    const from = offsets[u];
    const m = offsets[u + 1] - from;
    if (sorted.length < m) sorted = new Int32Array(2 * m);
    // the unit's codes in ascending order (insertion sort: a unit has a handful of ratings); codes
    // ascend with the values
    for (let i = 0; i < m; i++) {
      const c = codes[from + i];
      let j = i - 1;
      while (j >= 0 && sorted[j] > c) {
        sorted[j + 1] = sorted[j];
        j--;
      }
      sorted[j + 1] = c;
    }
    pairs += (m * (m - 1)) / 2;
    let runStart = 0;
    let windowEnd = 0;
    for (let i = 0; i < m; i++) {
      if (sorted[i] !== sorted[runStart]) runStart = i;
      equal += i - runStart; // earlier values equal to sorted[i]
      if (windowEnd < i + 1) windowEnd = i + 1;
      while (windowEnd < m && values[sorted[windowEnd]] - values[sorted[i]] <= 1) windowEnd++;
      withinOne += windowEnd - i - 1; // later values within 1 of sorted[i]
    }
  }
  if (pairs === 0) return { exact_agreement: null, within_one: null };
  return { exact_agreement: equal / pairs, within_one: withinOne / pairs };
}

/** Agreement over the pairable units of one metric (or pooled): the JSON shape "A" of product.md §5. */
export function agreementSummary(units: number[][], categories: number[]): AgreementSummary {
  return agreementOf(encodeUnits(units), categories);
}

/** agreementSummary of encoded (pairable) units: one coincidence matrix serves both levels of α. */
export function agreementOf(encoded: EncodedUnits, categories: number[]): AgreementSummary {
  const unitCount = encoded.offsets.length - 1;
  const pairs = pairAgreementOf(encoded);
  const matrix = unitCount > 0 ? coincidencesOf(encoded) : null;
  const alpha = (level: AlphaLevel) => (matrix ? alphaFromCoincidences(matrix, encoded.categories.values, level) : null);
  return {
    units: unitCount,
    ratings: encoded.codes.length,
    alpha_interval: alpha("interval"),
    alpha_ordinal: alpha("ordinal"),
    fleiss_kappa: fleissKappaOf(encoded, categories),
    exact_agreement: pairs.exact_agreement,
    within_one: pairs.within_one,
  };
}
