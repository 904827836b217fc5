// Comparisons in columnar form and their aggregation into a win/tie matrix (one pass, O(n)).

/** Outcome codes of a comparison: model a won, a tie, model b won. */
export const OUTCOME = { a: 0, tie: 1, b: 2 } as const;

/** n comparisons as parallel columns: model indexes (0..m−1, a ≠ b) and the OUTCOME code of each. */
export type Comparisons = { a: Int32Array; b: Int32Array; outcome: Uint8Array };

/**
 * Real outcomes between models, m × m row-major: `wins[i·m + j]` = comparisons i won against j,
 * `ties[i·m + j]` = ties between i and j (symmetric).
 */
export type OutcomeMatrix = { models: number; wins: Int32Array; ties: Int32Array };

export function assertModelCount(models: number): void {
  if (!Number.isInteger(models) || models < 0) throw new RangeError(`models must be a non-negative integer, got ${models}`);
}

/** Throws a RangeError naming what is wrong with comparison k (models i and j, outcome o). */
export function checkComparison(k: number, i: number, j: number, o: number, models: number): void {
  if (!(i >= 0 && i < models && j >= 0 && j < models)) {
    throw new RangeError(`comparison ${k}: model index outside 0..${models - 1} (a=${i}, b=${j})`);
  }
  if (i === j) throw new RangeError(`comparison ${k}: a model compared with itself (${i})`);
  if (o > 2) throw new RangeError(`comparison ${k}: outcome ${o} is not 0 (a wins), 1 (tie) or 2 (b wins)`);
}

export function assertSameLength(columns: Record<string, ArrayLike<number>>): number {
  const lengths = Object.entries(columns).map(([name, column]) => [name, column.length] as const);
  const n = lengths[0][1];
  const other = lengths.find(([, length]) => length !== n);
  if (other) throw new RangeError(`columns differ in length: ${lengths.map(([k, l]) => `${k}=${l}`).join(", ")}`);
  return n;
}

export function outcomeMatrix(comparisons: Comparisons, models: number): OutcomeMatrix {
  assertModelCount(models);
  const n = assertSameLength({ a: comparisons.a, b: comparisons.b, outcome: comparisons.outcome });
  const wins = new Int32Array(models * models);
  const ties = new Int32Array(models * models);
  for (let k = 0; k < n; k++) {
    const i = comparisons.a[k];
    const j = comparisons.b[k];
    const o = comparisons.outcome[k];
    checkComparison(k, i, j, o, models);
    if (o === OUTCOME.a) wins[i * models + j]++;
    else if (o === OUTCOME.b) wins[j * models + i]++;
    else {
      ties[i * models + j]++;
      ties[j * models + i]++;
    }
  }
  return { models, wins, ties };
}

/**
 * The weights the Bradley–Terry likelihood sees: w[i·m + j] = wins of i over j + half of their ties +
 * one half for the virtual tie between every pair (which keeps every θ finite).
 */
export function weightedWins(matrix: OutcomeMatrix): Float64Array {
  const m = matrix.models;
  const w = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i !== j) w[i * m + j] = matrix.wins[i * m + j] + 0.5 * matrix.ties[i * m + j] + 0.5;
    }
  }
  return w;
}
