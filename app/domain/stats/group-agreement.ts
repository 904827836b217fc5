// Agreement between annotator groups (group mode, product.md §9; CharacterEval's two groups): each group
// is one coder whose value on a unit is the mean of its members' ratings there (usually one rating), and
// Krippendorff's α is computed over the units that at least two groups rated.
import { bootstrapAlphaCI, type BootstrapOptions } from "./bootstrap";
import { krippendorffAlpha } from "./krippendorff";

export type GroupRatings = {
  /** ratings of unit u are start[u] … start[u+1] − 1 */
  start: ArrayLike<number>;
  score: ArrayLike<number>;
  annotator: ArrayLike<number>;
  /** the group index of each annotator, −1 when the annotator has no group */
  annotatorGroup: ArrayLike<number>;
  groupCount: number;
};

export type GroupAlpha = {
  /** units rated by at least two groups */
  units: number;
  alpha_interval: number | null;
  alpha_ordinal: number | null;
};

export type GroupAlphaIntervals = { alpha_interval_ci95: [number, number] | null; alpha_ordinal_ci95: [number, number] | null };

/**
 * The group means of each listed unit (all units when `units` is omitted), in group order, keeping only
 * units with at least two groups; ratings by annotators without a group are left out.
 * Cost: O(ratings of the listed units + groups · units).
 */
export function groupMeanUnits(r: GroupRatings, units?: ArrayLike<number>): number[][] {
  const sums = new Float64Array(r.groupCount);
  const counts = new Int32Array(r.groupCount);
  const out: number[][] = [];
  const total = units ? units.length : r.start.length - 1;
  for (let i = 0; i < total; i++) {
    const u = units ? units[i] : i;
    sums.fill(0);
    counts.fill(0);
    for (let e = r.start[u]; e < r.start[u + 1]; e++) {
      const g = r.annotatorGroup[r.annotator[e]];
      if (g === undefined || g < 0) continue;
      sums[g] += r.score[e];
      counts[g]++;
    }
    const means: number[] = [];
    for (let g = 0; g < r.groupCount; g++) if (counts[g] > 0) means.push(sums[g] / counts[g]);
    if (means.length >= 2) out.push(means);
  }
  return out;
}

/** α (interval and ordinal) with the groups as coders; null where α is undefined (no unit, or an
 *  expected disagreement of 0). `groupUnits` as returned by groupMeanUnits. */
export function betweenGroupAlpha(groupUnits: number[][]): GroupAlpha {
  return {
    units: groupUnits.length,
    alpha_interval: krippendorffAlpha(groupUnits, "interval"),
    alpha_ordinal: krippendorffAlpha(groupUnits, "ordinal"),
  };
}

/** 95% percentile bootstrap intervals of both α, resampling units (seeded, reproducible). */
export function betweenGroupAlphaCI(groupUnits: number[][], options: BootstrapOptions): GroupAlphaIntervals {
  return {
    alpha_interval_ci95: bootstrapAlphaCI(groupUnits, "interval", options),
    alpha_ordinal_ci95: bootstrapAlphaCI(groupUnits, "ordinal", options),
  };
}
