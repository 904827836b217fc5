// Krippendorff's α (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"), coincidence form.
import { alphaFromCoincidences, CoincidenceMatrix, type AlphaLevel, type Categories } from "./coincidence";
import { assertFiniteUnits, unitColumns } from "./units";

export type { AlphaLevel } from "./coincidence";

/**
 * Pairable units as category indices in one flat array: unit u is codes[offsets[u] … offsets[u+1] − 1].
 * Categories are the distinct values of the pairable units, ascending.
 */
export type EncodedUnits = { categories: Categories; offsets: Int32Array; codes: Int32Array };

export function encodeUnits(units: number[][]): EncodedUnits {
  assertFiniteUnits(units);
  const { start, score } = unitColumns(units);
  return encodeColumns(start, score);
}

/**
 * encodeUnits of ratings held as columns (unit u's values are score[start[u] … start[u+1] − 1]), over
 * the listed units in that order (all units when omitted): the same result without an array per unit.
 */
export function encodeColumns(start: ArrayLike<number>, score: ArrayLike<number>, units?: ArrayLike<number>): EncodedUnits {
  const listed = units ? units.length : start.length - 1;
  let unitCount = 0;
  let valueCount = 0;
  const seen = new Set<number>();
  for (let i = 0; i < listed; i++) {
    const u = units ? units[i] : i;
    const from = start[u];
    const to = start[u + 1];
    for (let e = from; e < to; e++) {
      if (!Number.isFinite(score[e])) throw new RangeError(`unit ${i}: value ${String(score[e])} is not a finite number`);
    }
    if (to - from < 2) continue;
    unitCount++;
    valueCount += to - from;
    for (let e = from; e < to; e++) seen.add(score[e]);
  }
  const values = [...seen].sort((a, b) => a - b);
  const indexOf = new Map<number, number>();
  values.forEach((v, i) => indexOf.set(v, i));
  const code = codeOf(values, indexOf);
  const offsets = new Int32Array(unitCount + 1);
  const codes = new Int32Array(valueCount);
  let k = 0;
  let at = 0;
  for (let i = 0; i < listed; i++) {
    const u = units ? units[i] : i;
    if (start[u + 1] - start[u] < 2) continue;
    for (let e = start[u]; e < start[u + 1]; e++) codes[at++] = code(score[e]);
    offsets[++k] = at;
  }
  return { categories: { values, indexOf }, offsets, codes };
}

/** Value → category index (−1 when not a category): a table when the values are integers in a short
 *  range (scale points are), the Map otherwise. */
export function codeOf(values: number[], indexOf: Map<number, number>): (v: number) => number {
  const min = values[0];
  const max = values[values.length - 1];
  if (values.length === 0 || !values.every(Number.isInteger) || max - min > 4096) return (v) => indexOf.get(v) ?? -1;
  const table = new Int32Array(max - min + 1).fill(-1);
  values.forEach((v, i) => (table[v - min] = i));
  return (v) => (v >= min && v <= max && Number.isInteger(v) ? table[v - min] : -1);
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
