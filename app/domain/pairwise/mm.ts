// Hunter's (2004) MM algorithm for Bradley–Terry strengths over an aggregated weight matrix: O(m²) per
// iteration whatever the number of comparisons.

export type FitOptions = {
  /** Stop when no θ moved by more than this in one iteration (product.md §11: 1e-10). */
  tolerance?: number;
  maxIterations?: number;
};

export type StrengthFit = { theta: Float64Array; iterations: number; converged: boolean };

/**
 * θ maximising Σ_{i≠j} w_ij log σ(θ_i − θ_j), normalised to Σθ = 0. `w` is m × m row-major (w_ij = the
 * weight of i beating j, fractional for ties); every pair needs n_ij = w_ij + w_ji > 0 and every model
 * W_i = Σ_j w_ij > 0 (the virtual ties guarantee both). `start` (θ) warm-starts the iteration.
 */
export function fitStrengths(w: Float64Array, models: number, start?: Float64Array, options: FitOptions = {}): StrengthFit {
  const { tolerance = 1e-10, maxIterations = 100_000 } = options;
  const m = models;
  const theta = new Float64Array(m);
  if (start) theta.set(start);
  if (m < 2) return { theta, iterations: 0, converged: true };
  const n = new Float64Array(m * m);
  const totals = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      n[i * m + j] = w[i * m + j] + w[j * m + i];
      totals[i] += w[i * m + j];
    }
  }
  const p = new Float64Array(m);
  const next = new Float64Array(m);
  for (let i = 0; i < m; i++) p[i] = Math.exp(theta[i]);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let logSum = 0;
    for (let i = 0; i < m; i++) {
      let denominator = 0;
      const pi = p[i];
      const row = i * m;
      for (let j = 0; j < m; j++) if (j !== i) denominator += n[row + j] / (pi + p[j]);
      next[i] = Math.log(totals[i] / denominator);
      logSum += next[i];
    }
    const shift = logSum / m;
    let change = 0;
    for (let i = 0; i < m; i++) {
      const t = next[i] - shift;
      change = Math.max(change, Math.abs(t - theta[i]));
      theta[i] = t;
      p[i] = Math.exp(t);
    }
    if (change < tolerance) return { theta, iterations: iteration, converged: true };
  }
  return { theta, iterations: maxIterations, converged: false };
}
