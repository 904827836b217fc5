// Krippendorff's α (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"), coincidence form.
import { alphaFromCoincidences, CoincidenceMatrix, type AlphaLevel, type Categories } from "./coincidence";
import { assertFiniteUnits } from "./units";

export type { AlphaLevel } from "./coincidence";

/**
 * Pairable units as category indices in one flat array: unit u is codes[offsets[u] … offsets[u+1] − 1].
 * Categories are the distinct values of the pairable units, ascending.
 */
export type EncodedUnits = { categories: Categories; offsets: Int32Array; codes: Int32Array };

export function encodeUnits(units: number[][]): EncodedUnits {
  assertFiniteUnits(units);
  let unitCount = 0;
  let valueCount = 0;
  const seen = new Set<number>();
  for (const unit of units) {
    if (unit.length < 2) continue;
    unitCount++;
    valueCount += unit.length;
    for (const v of unit) seen.add(v);
  }
  const values = [...seen].sort((a, b) => a - b);
  const indexOf = new Map<number, number>();
  values.forEach((v, i) => indexOf.set(v, i));
  const offsets = new Int32Array(unitCount + 1);
  const codes = new Int32Array(valueCount);
  let u = 0;
  let at = 0;
  for (const unit of units) {
    if (unit.length < 2) continue;
    for (const v of unit) codes[at++] = indexOf.get(v)!;
    offsets[++u] = at;
  }
  return { categories: { values, indexOf }, offsets, codes };
}

/** Coincidence matrix of encoded units. */
export function coincidencesOf(encoded: EncodedUnits): CoincidenceMatrix {
  const { categories, offsets, codes } = encoded;
  const matrix = new CoincidenceMatrix(categories.values.length);
  for (let u = 0; u + 1 < offsets.length; u++) matrix.addUnit(codes, 1, offsets[u], offsets[u + 1]);
  return matrix;
}

/**
 * Krippendorff's α. `units` holds the values given to each unit (missing values simply absent);
 * units with fewer than 2 values are ignored. Null when no unit is pairable or the expected
 * disagreement is 0 (e.g. every value is the same).
 * Cost: O(N + K log K + Σ_u d_u² + K²), N values, K distinct values, d_u distinct values in unit u.
 */
export function krippendorffAlpha(units: number[][], level: AlphaLevel): number | null {
  const encoded = encodeUnits(units);
  if (encoded.offsets.length < 2) return null;
  return alphaFromCoincidences(coincidencesOf(encoded), encoded.categories.values, level);
}
