// Bradley–Terry log-strengths of product.md §11, with each model's real record and rank.
import { fitStrengths, type FitOptions } from "./mm";
import { outcomeMatrix, weightedWins, type Comparisons, type OutcomeMatrix } from "./outcomes";

export type BradleyTerryFit = {
  /** Log-strength θ per model, Σθ = 0. */
  theta: Float64Array;
  /** Real comparisons only (the virtual ties are not counted). */
  wins: Int32Array;
  losses: Int32Array;
  ties: Int32Array;
  /** 1 = strongest; models whose θ differ by at most 1e-9 share a rank. */
  rank: Int32Array;
  /** The real outcomes between each pair of models (for the win/tie/loss heatmap). */
  matrix: OutcomeMatrix;
  iterations: number;
  converged: boolean;
};

/** Competition ranks ("1224"): 1 + the number of models stronger by more than `tolerance`. */
export function ranksOf(theta: ArrayLike<number>, tolerance = 1e-9): Int32Array {
  const rank = new Int32Array(theta.length);
  for (let i = 0; i < theta.length; i++) {
    let stronger = 0;
    for (let j = 0; j < theta.length; j++) if (theta[j] > theta[i] + tolerance) stronger++;
    rank[i] = stronger + 1;
  }
  return rank;
}

/**
 * θ maximising Σ log σ(θ_winner − θ_loser) over the comparisons, a tie counting as half a win for each
 * side, plus one virtual tie between every pair of models (so θ stays finite and a model never compared
 * sits at 0 relative to the others). The comparisons are aggregated first, so each MM iteration is O(m²).
 */
export function bradleyTerry(comparisons: Comparisons, models: number, options?: FitOptions): BradleyTerryFit {
  const matrix = outcomeMatrix(comparisons, models);
  const fit = fitStrengths(weightedWins(matrix), models, undefined, options);
  const m = models;
  const wins = new Int32Array(m);
  const losses = new Int32Array(m);
  const ties = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      wins[i] += matrix.wins[i * m + j];
      losses[i] += matrix.wins[j * m + i];
      ties[i] += matrix.ties[i * m + j];
    }
  }
  return { ...fit, wins, losses, ties, rank: ranksOf(fit.theta), matrix };
}
