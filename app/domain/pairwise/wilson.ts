// Wilson score interval for a binomial proportion (Wilson 1927): sensible near 0 and 1, unlike p ± z·se.

/** z for a two-sided 95% interval, the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/**
 * (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n) with p = successes / n, as
 * statsmodels.stats.proportion.proportion_confint(successes, n, method="wilson"). Null when n = 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] | null {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need integers 0 ≤ successes ≤ n, got ${successes} of ${n}`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
