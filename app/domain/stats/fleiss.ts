// Fleiss' κ, as statsmodels.stats.inter_rater.fleiss_kappa(table, method="fleiss").
import { encodeUnits, type EncodedUnits } from "./krippendorff";

/**
 * Fleiss' κ over the pairable units (≥ 2 ratings; units with fewer are ignored, as everywhere in
 * agreement). `categories` are the scale points; a rating outside them is a RangeError.
 * Null when there is no pairable unit, when pairable units differ in their number of ratings, or when
 * chance agreement is 1 (every rating in one category).
 */
export function fleissKappa(units: number[][], categories: number[]): number | null {
  return fleissKappaOf(encodeUnits(units), categories);
}

/** fleissKappa of encoded (pairable) units. */
export function fleissKappaOf({ categories: observed, offsets, codes }: EncodedUnits, categories: number[]): number | null {
  const unitCount = offsets.length - 1;
  if (unitCount === 0) return null;
  const raters = offsets[1] - offsets[0];
  for (let u = 1; u < unitCount; u++) if (offsets[u + 1] - offsets[u] !== raters) return null;

  const index = new Map<number, number>();
  categories.forEach((c, i) => {
    if (!index.has(c)) index.set(c, i);
  });
  // each observed value's position among the categories (−1: not one of them)
  const slot = Int32Array.from(observed.values, (v) => index.get(v) ?? -1);
  const categoryTotals = new Float64Array(categories.length);
  const counts = new Float64Array(categories.length);
  let agreementSum = 0;
  for (let u = 0; u < unitCount; u++) {
    counts.fill(0);
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const c = slot[codes[e]];
      if (c < 0) throw new RangeError(`Fleiss' κ: rating ${observed.values[codes[e]]} is not one of the categories`);
      counts[c] += 1;
    }
    let squares = 0;
    for (let c = 0; c < counts.length; c++) {
      squares += counts[c] * counts[c];
      categoryTotals[c] += counts[c];
    }
    agreementSum += (squares - raters) / (raters * (raters - 1));
  }
  const total = unitCount * raters;
  const observedAgreement = agreementSum / unitCount;
  let chance = 0;
  for (let c = 0; c < categoryTotals.length; c++) {
    const p = categoryTotals[c] / total;
    chance += p * p;
  }
  const kappa = (observedAgreement - chance) / (1 - chance);
  return Number.isFinite(kappa) ? kappa : null;
}
