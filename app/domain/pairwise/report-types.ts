// The parts of the pairwise report (product.md §11) that the service computes and the report page shows.

/** P of §11: one model's strength θ (to 1e-6), its bootstrap interval, rank (1 = strongest) and record. */
export type PairwiseModel = {
  model: string;
  strength: number;
  ci95: [number, number];
  rank: number;
  wins: number;
  losses: number;
  ties: number;
};

/** wins[i][j] = comparisons models[i] won against models[j]; ties[i][j] = their ties (symmetric). */
export type WinTieMatrix = { models: string[]; wins: number[][]; ties: number[][] };
