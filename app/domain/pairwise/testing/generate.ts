// Synthetic comparisons for tests and the benchmark: true strengths, a Bradley–Terry draw with ties.
import { createRng, randomIndex } from "../../random";
import { OUTCOME, type Comparisons } from "../outcomes";

export type SyntheticOptions = { comparisons: number; models: number; dialogues: number; seed: number; tieRate?: number };

/** Comparisons between random model pairs in random dialogues; a beats b with probability σ(θa − θb). */
export function syntheticComparisons(options: SyntheticOptions): Comparisons & { dialogue: Int32Array; truth: Float64Array } {
  const { comparisons: n, models, dialogues, seed, tieRate = 0.2 } = options;
  const rng = createRng(seed);
  const truth = Float64Array.from({ length: models }, (_, i) => (i - (models - 1) / 2) / models);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const outcome = new Uint8Array(n);
  const dialogue = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = randomIndex(rng, models);
    let j = randomIndex(rng, models - 1);
    if (j >= i) j++;
    a[k] = i;
    b[k] = j;
    dialogue[k] = randomIndex(rng, dialogues);
    const aWins = 1 / (1 + Math.exp(truth[j] - truth[i]));
    if (rng() < tieRate) outcome[k] = OUTCOME.tie;
    else outcome[k] = rng() < aWins ? OUTCOME.a : OUTCOME.b;
  }
  return { a, b, outcome, dialogue, truth };
}

/** Comparisons from a list of [a, b, outcome] triples. */
export function comparisonsOf(rows: [number, number, number][]): Comparisons {
  return {
    a: Int32Array.from(rows, (r) => r[0]),
    b: Int32Array.from(rows, (r) => r[1]),
    outcome: Uint8Array.from(rows, (r) => r[2]),
  };
}
