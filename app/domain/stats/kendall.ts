// Kendall's τ-b in O(n log n) (Knight 1966: sort by (x, y), count discordant pairs as the inversions
// of y found by a merge sort), with the asymptotic two-sided p-value and tie-corrected variance of
// scipy.stats.kendalltau(variant="b", method="asymptotic").
import { assertPairedSeries } from "./units";
import { argsort } from "./ranking";
import { normalTwoSidedP } from "./special-functions";

export type KendallResult = { tau: number | null; p: number | null };

type TieStats = { pairs: number; v0: number; v1: number };

/** Tie statistics of a sorted sequence: Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5) over tie groups. */
function tieStats(sorted: ArrayLike<number>): TieStats {
  const stats: TieStats = { pairs: 0, v0: 0, v1: 0 };
  const n = sorted.length;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && sorted[i] === sorted[start]) continue;
    const t = i - start;
    if (t > 1) {
      stats.pairs += (t * (t - 1)) / 2;
      stats.v0 += t * (t - 1) * (t - 2);
      stats.v1 += t * (t - 1) * (2 * t + 5);
    }
    start = i;
  }
  return stats;
}

/** Sorts `values` in place (stable merge sort) and returns the number of pairs i < j with v_i > v_j. */
function sortCountingInversions(values: Float64Array): number {
  const n = values.length;
  let src: Float64Array = values;
  let dst: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[i] <= src[j]) dst[k++] = src[i++];
        else {
          inversions += mid - i;
          dst[k++] = src[j++];
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    [src, dst] = [dst, src];
  }
  if (src !== values) values.set(src);
  return inversions;
}

/** Kendall τ-b and its two-sided asymptotic p-value (null when n < 3). Null τ for constant input, n < 2. */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): KendallResult {
  assertPairedSeries(x, y);
  // Order by (x, y): stable sort by x of the order by y (as scipy does).
  return kendallTauBInOrder(x, y, x.length < 2 ? new Uint32Array(0) : argsort(x, argsort(y)));
}

/** kendallTauB given the order of the pairs by (x, y) (e.g. shared with Spearman's ranks). */
export function kendallTauBInOrder(x: ArrayLike<number>, y: ArrayLike<number>, order: Uint32Array): KendallResult {
  const n = x.length;
  if (n < 2) return { tau: null, p: null };
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = x[order[i]];
    ys[i] = y[order[i]];
  }

  let jointTies = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && xs[i] === xs[i - 1] && ys[i] === ys[i - 1]) run++;
    else {
      jointTies += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const xTies = tieStats(xs);
  const discordant = sortCountingInversions(ys); // ys is sorted afterwards
  const yTies = tieStats(ys);

  const total = (n * (n - 1)) / 2;
  if (xTies.pairs === total || yTies.pairs === total) return { tau: null, p: null };
  const concordantMinusDiscordant = total - xTies.pairs - yTies.pairs + jointTies - 2 * discordant;
  const tauRaw = concordantMinusDiscordant / Math.sqrt(total - xTies.pairs) / Math.sqrt(total - yTies.pairs);
  const tau = Math.min(1, Math.max(-1, tauRaw));
  if (n < 3) return { tau, p: null };

  const m = n * (n - 1);
  const variance =
    (m * (2 * n + 5) - xTies.v1 - yTies.v1) / 18 + (2 * xTies.pairs * yTies.pairs) / m + (xTies.v0 * yTies.v0) / (9 * m * (n - 2));
  const p = normalTwoSidedP(concordantMinusDiscordant / Math.sqrt(variance));
  return { tau, p: Number.isFinite(p) ? p : null };
}
