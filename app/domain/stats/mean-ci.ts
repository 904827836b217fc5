// Mean with a two-sided 95% confidence interval from Student's t (used by leaderboards).
import { studentTQuantile } from "./special-functions";
import { assertFiniteSeries } from "./units";

export type MeanWithCI = { n: number; mean: number | null; ci95: [number, number] | null };

/**
 * Mean ± t_{0.975, n−1} · s / √n, s the sample standard deviation (n − 1 denominator), as
 * scipy.stats.t.interval(0.95, n − 1, loc=mean, scale=sem). Mean null when n = 0, CI null when n < 2.
 */
export function meanWithCI(values: ArrayLike<number>): MeanWithCI {
  assertFiniteSeries("values", values);
  const n = values.length;
  if (n === 0) return { n, mean: null, ci95: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n < 2) return { n, mean, ci95: null };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const standardError = Math.sqrt(squares / (n - 1) / n);
  const half = studentTQuantile(0.975, n - 1) * standardError;
  return { n, mean, ci95: [mean - half, mean + half] };
}
