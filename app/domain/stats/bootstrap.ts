// Percentile bootstrap confidence interval for Krippendorff's α, resampling units with replacement.
import { alphaFromCoincidences, CoincidenceMatrix, type AlphaLevel } from "./coincidence";
import { coincidencesOf, encodeUnits, type EncodedUnits } from "./krippendorff";
import { createRng, randomIndex } from "../random";

export type BootstrapOptions = { seed: number; iterations?: number };

/** Quantile q of sorted values with linear interpolation (numpy's default "linear" method). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * 95% percentile interval [2.5%, 97.5%] of α over `iterations` resamples of the pairable units (drawn
 * with replacement, as many as there are pairable units), reproducible for a given seed. Resamples in
 * which α is undefined are skipped. Null when α itself is undefined or no resample gives a value.
 * Units with the same multiset of values share one coincidence contribution, so each resample costs
 * O(units + distinct unit patterns · d² + K²).
 */
export function bootstrapAlphaCI(
  units: number[][],
  level: AlphaLevel,
  { seed, iterations = 1000 }: BootstrapOptions,
): [number, number] | null {
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  }
  return bootstrapAlphaCIOf(encodeUnits(units), level, { seed, iterations });
}

/** bootstrapAlphaCI of encoded (pairable) units. */
export function bootstrapAlphaCIOf(
  encoded: EncodedUnits,
  level: AlphaLevel,
  { seed, iterations = 1000 }: BootstrapOptions,
): [number, number] | null {
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  }
  const { categories, offsets, codes } = encoded;
  const unitCount = offsets.length - 1;
  if (unitCount === 0) return null;
  const full = coincidencesOf(encoded);
  if (alphaFromCoincidences(full, categories.values, level) === null) return null;

  // Units with the same multiset of categories share one pattern (a handful for Likert data).
  const patternIndex = new Map<string, number>();
  const patterns: Int32Array[] = [];
  const patternOfUnit = new Int32Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const sorted = codes.slice(offsets[u], offsets[u + 1]).sort();
    const key = sorted.join(",");
    let index = patternIndex.get(key);
    if (index === undefined) {
      index = patterns.length;
      patternIndex.set(key, index);
      patterns.push(sorted);
    }
    patternOfUnit[u] = index;
  }

  const rng = createRng(seed);
  const draws = new Float64Array(patterns.length);
  const alphas: number[] = [];
  for (let it = 0; it < iterations; it++) {
    draws.fill(0);
    for (let i = 0; i < unitCount; i++) draws[patternOfUnit[randomIndex(rng, unitCount)]] += 1;
    const matrix = new CoincidenceMatrix(categories.values.length);
    for (let p = 0; p < patterns.length; p++) if (draws[p] > 0) matrix.addUnit(patterns[p], draws[p]);
    const alpha = alphaFromCoincidences(matrix, categories.values, level);
    if (alpha !== null) alphas.push(alpha);
  }
  if (alphas.length === 0) return null;
  const sorted = Float64Array.from(alphas).sort();
  return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
}
