// Fleiss' κ, as statsmodels.stats.inter_rater.fleiss_kappa(table, method="fleiss").
import { assertFiniteUnits, pairableUnits } from "./units";

/**
 * Fleiss' κ over the pairable units (≥ 2 ratings; units with fewer are ignored, as everywhere in
 * agreement). `categories` are the scale points; a rating outside them is a RangeError.
 * Null when there is no pairable unit, when pairable units differ in their number of ratings, or when
 * chance agreement is 1 (every rating in one category).
 */
export function fleissKappa(units: number[][], categories: number[]): number | null {
  assertFiniteUnits(units);
  const pairable = pairableUnits(units);
  if (pairable.length === 0) return null;
  const raters = pairable[0].length;
  if (pairable.some((unit) => unit.length !== raters)) return null;

  const index = new Map<number, number>();
  categories.forEach((c, i) => {
    if (!index.has(c)) index.set(c, i);
  });
  const categoryTotals = new Float64Array(categories.length);
  const counts = new Float64Array(categories.length);
  let agreementSum = 0;
  for (const unit of pairable) {
    counts.fill(0);
    for (const v of unit) {
      const c = index.get(v);
      if (c === undefined) throw new RangeError(`Fleiss' κ: rating ${v} is not one of the categories`);
      counts[c] += 1;
    }
    let squares = 0;
    for (let c = 0; c < counts.length; c++) {
      squares += counts[c] * counts[c];
      categoryTotals[c] += counts[c];
    }
    agreementSum += (squares - raters) / (raters * (raters - 1));
  }
  const total = pairable.length * raters;
  const observed = agreementSum / pairable.length;
  let chance = 0;
  for (let c = 0; c < categoryTotals.length; c++) {
    const p = categoryTotals[c] / total;
    chance += p * p;
  }
  const kappa = (observed - chance) / (1 - chance);
  return Number.isFinite(kappa) ? kappa : null;
}
