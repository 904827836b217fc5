// Pearson and Spearman correlation with p-values, and the correlation summary (shape "C" of §5).
// Matches scipy.stats.pearsonr / spearmanr (two-sided), except that p is null (not 1.0) for n = 2.
import { kendallTauBInOrder } from "./kendall";
import { argsort, averageRanks, averageRanksInOrder } from "./ranking";
import { regularizedIncompleteBeta } from "./special-functions";
import { assertPairedSeries, finiteOrNull, isConstant, mean } from "./units";

export const Z_975 = 1.959963984540054;

export type Correlation = { r: number | null; p: number | null };
export type PearsonResult = Correlation & { ci95: [number, number] | null };

export type CorrelationSummary = {
  n: number;
  pearson: number | null;
  pearson_p: number | null;
  pearson_ci95: [number, number] | null;
  spearman: number | null;
  spearman_p: number | null;
  kendall_tau_b: number | null;
  kendall_p: number | null;
};

/** Two-sided p of a correlation r on n pairs under H0, t distribution with n − 2 df: I_{1−r²}((n−2)/2, ½). */
export function correlationPValue(r: number, n: number): number | null {
  if (n < 3 || !Number.isFinite(r)) return null;
  const a = Math.abs(r);
  if (a >= 1) return 0;
  return regularizedIncompleteBeta((n - 2) / 2, 0.5, (1 - a) * (1 + a), a * a);
}

/**
 * Product-moment correlation of two non-constant series, clipped to [−1, 1]. Σxy / √(Σx²·Σy²) on
 * centred values: exactly ±1 for exactly proportional centred data.
 */
function productMoment(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const product = sxx * syy;
  const denominator = Number.isFinite(product) && product > 0 ? Math.sqrt(product) : Math.sqrt(sxx) * Math.sqrt(syy);
  return Math.max(-1, Math.min(1, sxy / denominator));
}

/** Pearson r, two-sided p (n − 2 df) and the Fisher-z 95% CI (null when n ≤ 3). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): PearsonResult {
  assertPairedSeries(x, y);
  const n = x.length;
  if (n < 2 || isConstant(x) || isConstant(y)) return { r: null, p: null, ci95: null };
  const r = n === 2 ? Math.sign(x[1] - x[0]) * Math.sign(y[1] - y[0]) : productMoment(x, y);
  let ci95: [number, number] | null = null;
  if (n > 3) {
    const z = Math.atanh(r); // ±Infinity when |r| = 1; tanh maps it back to ±1
    const half = Z_975 / Math.sqrt(n - 3);
    ci95 = [Math.tanh(z - half), Math.tanh(z + half)];
  }
  return { r, p: correlationPValue(r, n), ci95 };
}

/** Spearman ρ (Pearson r of average ranks), two-sided p from the t approximation with n − 2 df. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  assertPairedSeries(x, y);
  return spearmanOfRanks(x, y, () => [averageRanks(x), averageRanks(y)]);
}

function spearmanOfRanks(x: ArrayLike<number>, y: ArrayLike<number>, ranks: () => [Float64Array, Float64Array]): Correlation {
  const n = x.length;
  if (n < 2 || isConstant(x) || isConstant(y)) return { r: null, p: null };
  const r = productMoment(...ranks());
  return { r, p: correlationPValue(r, n) };
}

/** Pearson, Spearman and Kendall τ-b of paired series: the JSON shape "C" of product.md §5. Spearman's
 *  ranks and Kendall's order come from the same two sorts (by y, then stably by x). */
export function correlationSummary(x: ArrayLike<number>, y: ArrayLike<number>): CorrelationSummary {
  const p = pearson(x, y);
  const byY = argsort(y);
  const byXY = argsort(x, byY);
  const s = spearmanOfRanks(x, y, () => [averageRanksInOrder(x, byXY), averageRanksInOrder(y, byY)]);
  const k = kendallTauBInOrder(x, y, byXY);
  return {
    n: x.length,
    pearson: finiteOrNull(p.r ?? NaN),
    pearson_p: finiteOrNull(p.p ?? NaN),
    pearson_ci95: p.ci95,
    spearman: finiteOrNull(s.r ?? NaN),
    spearman_p: finiteOrNull(s.p ?? NaN),
    kendall_tau_b: finiteOrNull(k.tau ?? NaN),
    kendall_p: finiteOrNull(k.p ?? NaN),
  };
}
