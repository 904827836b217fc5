// Seeded percentile bootstrap of Bradley–Terry strengths over dialogues (product.md §11: `ci95`).
import { createRng, randomIndex } from "../random";
import { quantileSorted } from "../stats/bootstrap";
import { fitStrengths, type FitOptions } from "./mm";
import { assertModelCount, assertSameLength, checkComparison, OUTCOME, type Comparisons } from "./outcomes";

/** Comparisons with the dialogue index (0..D−1) of each; dialogues are what the bootstrap resamples. */
export type DialogueComparisons = Comparisons & { dialogue: Int32Array };

export type StrengthBootstrapOptions = FitOptions & { seed: number; replicates?: number };

export type StrengthIntervals = {
  /** The full-data θ (Σθ = 0), the point estimate the intervals go with. */
  theta: Float64Array;
  /** Per model, the 2.5% and 97.5% percentiles of θ over the replicates. */
  ci95: [number, number][];
  replicates: number;
  /** Dialogues with at least one comparison: the number drawn, with replacement, per replicate. */
  dialogues: number;
};

/** Each dialogue's contribution as a sparse list of (i < j, w_ij, w_ji), laid out like CSR. */
type Contributions = { start: Int32Array; forward: Int32Array; backward: Int32Array; wFor: Float64Array; wAgainst: Float64Array };

function contributionsByDialogue(input: DialogueComparisons, m: number): Contributions {
  const n = assertSameLength({ a: input.a, b: input.b, outcome: input.outcome, dialogue: input.dialogue });
  let maxDialogue = -1;
  for (let k = 0; k < n; k++) {
    const d = input.dialogue[k];
    if (!(d >= 0)) throw new RangeError(`comparison ${k}: dialogue index ${d} is negative`);
    checkComparison(k, input.a[k], input.b[k], input.outcome[k], m);
    if (d > maxDialogue) maxDialogue = d;
  }
  // Counting sort by dialogue of a code per comparison: 3 · (i·m + j) + (0: i won, 1: tie, 2: j won), i < j.
  const offset = new Int32Array(maxDialogue + 2);
  for (let k = 0; k < n; k++) offset[input.dialogue[k] + 1]++;
  for (let d = 0; d <= maxDialogue; d++) offset[d + 1] += offset[d];
  const codes = new Int32Array(n);
  const fill = offset.slice(0, maxDialogue + 1);
  for (let k = 0; k < n; k++) {
    const swap = input.a[k] > input.b[k];
    const o = input.outcome[k];
    const ij = swap ? input.b[k] * m + input.a[k] : input.a[k] * m + input.b[k];
    codes[fill[input.dialogue[k]]++] = 3 * ij + (swap && o !== OUTCOME.tie ? 2 - o : o);
  }
  // Within a dialogue, sorted codes bring each pair's comparisons together: one entry per pair.
  const start = new Int32Array(maxDialogue + 2);
  const forward = new Int32Array(n);
  const backward = new Int32Array(n);
  const wFor = new Float64Array(n);
  const wAgainst = new Float64Array(n);
  let entries = 0;
  let dialogues = 0;
  for (let d = 0; d <= maxDialogue; d++) {
    if (offset[d] === offset[d + 1]) continue;
    const run = codes.subarray(offset[d], offset[d + 1]).sort();
    let previous = -1;
    for (let r = 0; r < run.length; r++) {
      const ij = (run[r] / 3) | 0;
      const kind = run[r] - 3 * ij;
      if (ij !== previous) {
        forward[entries] = ij;
        backward[entries] = (ij % m) * m + ((ij / m) | 0);
        entries++;
        previous = ij;
      }
      wFor[entries - 1] += kind === 0 ? 1 : kind === 1 ? 0.5 : 0;
      wAgainst[entries - 1] += kind === 2 ? 1 : kind === 1 ? 0.5 : 0;
    }
    start[++dialogues] = entries;
  }
  return {
    start: start.slice(0, dialogues + 1),
    forward: forward.slice(0, entries),
    backward: backward.slice(0, entries),
    wFor: wFor.slice(0, entries),
    wAgainst: wAgainst.slice(0, entries),
  };
}

/** The weight matrix of a resample: the virtual ties plus count_d times each dialogue's contributions. */
function weightsOf(c: Contributions, counts: Int32Array | null, m: number, w: Float64Array): void {
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) w[i * m + j] = i === j ? 0 : 0.5;
  for (let d = 0; d < c.start.length - 1; d++) {
    const times = counts ? counts[d] : 1;
    if (times === 0) continue;
    for (let e = c.start[d]; e < c.start[d + 1]; e++) {
      w[c.forward[e]] += times * c.wFor[e];
      w[c.backward[e]] += times * c.wAgainst[e];
    }
  }
}

/**
 * 95% percentile intervals of each model's θ over `replicates` (default 1000) resamples of the dialogues
 * with replacement, reproducible for a seed. A replicate costs O(D + its dialogues' distinct model pairs +
 * m² per MM iteration); it starts from the full-data θ, which is close, so few iterations are needed.
 */
export function bootstrapStrengths(input: DialogueComparisons, models: number, options: StrengthBootstrapOptions): StrengthIntervals {
  const { seed, replicates = 1000, ...fitOptions } = options;
  assertModelCount(models);
  if (!Number.isInteger(replicates) || replicates < 1) throw new RangeError(`replicates must be a positive integer, got ${replicates}`);
  const m = models;
  const contributions = contributionsByDialogue(input, m);
  const dialogues = contributions.start.length - 1;
  const w = new Float64Array(m * m);
  weightsOf(contributions, null, m, w);
  const theta = fitStrengths(w, m, undefined, fitOptions).theta;

  const rng = createRng(seed);
  const counts = new Int32Array(dialogues);
  const draws = new Float64Array(m * replicates); // model-major: draws[i·B + r]
  for (let r = 0; r < replicates; r++) {
    counts.fill(0);
    for (let k = 0; k < dialogues; k++) counts[randomIndex(rng, dialogues)]++;
    weightsOf(contributions, counts, m, w);
    const replicate = fitStrengths(w, m, theta, fitOptions).theta;
    for (let i = 0; i < m; i++) draws[i * replicates + r] = replicate[i];
  }
  const ci95 = Array.from({ length: m }, (_, i): [number, number] => {
    const sorted = draws.subarray(i * replicates, (i + 1) * replicates).sort();
    return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
  });
  return { theta, ci95, replicates, dialogues };
}
