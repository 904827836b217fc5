// Which model pairs each dialogue compares in a pairwise project: all pairs, each model against a
// reference, or a seeded balanced design with a target number of comparisons per pair.
import { createRng, shuffleInPlace } from "../random";

export type PairDesign = { kind: "all" } | { kind: "reference"; reference: number } | { kind: "balanced"; perPair: number; seed: number };

/** One comparison to set up: dialogue `dialogue` (its index in the input) compares models a < b. */
export type PairAssignment = { dialogue: number; a: number; b: number };

function modelsOf(dialogues: readonly (readonly number[])[]): number[][] {
  return dialogues.map((models, d) => {
    for (const m of models) {
      if (!Number.isInteger(m) || m < 0) throw new RangeError(`dialogue ${d}: model index ${m} is not a non-negative integer`);
    }
    return [...new Set(models)].sort((x, y) => x - y);
  });
}

function allPairs(models: number[][]): PairAssignment[] {
  const out: PairAssignment[] = [];
  models.forEach((present, dialogue) => {
    for (let x = 0; x < present.length; x++) {
      for (let y = x + 1; y < present.length; y++) out.push({ dialogue, a: present[x], b: present[y] });
    }
  });
  return out;
}

function referencePairs(models: number[][], reference: number): PairAssignment[] {
  const out: PairAssignment[] = [];
  models.forEach((present, dialogue) => {
    if (!present.includes(reference)) return;
    for (const m of present) {
      if (m !== reference) out.push({ dialogue, a: Math.min(m, reference), b: Math.max(m, reference) });
    }
  });
  return out;
}

/**
 * Each pair available in some dialogue gets min(perPair, dialogues where it is available) comparisons,
 * at most one per dialogue. Pairs are served in a seeded random order, each taking the dialogues that
 * have the fewest comparisons so far (random among equals), so the comparisons spread evenly.
 */
function balancedPairs(models: number[][], perPair: number, seed: number): PairAssignment[] {
  const stride = Math.max(0, ...models.map((present) => present[present.length - 1] ?? 0)) + 1;
  const candidates = new Map<number, number[]>(); // a · stride + b → dialogues where both are present
  models.forEach((present, dialogue) => {
    for (let x = 0; x < present.length; x++) {
      for (let y = x + 1; y < present.length; y++) {
        const key = present[x] * stride + present[y];
        const dialogues = candidates.get(key);
        if (dialogues) dialogues.push(dialogue);
        else candidates.set(key, [dialogue]);
      }
    }
  });
  const rng = createRng(seed);
  const load = new Int32Array(models.length);
  const out: PairAssignment[] = [];
  for (const [key, dialogues] of shuffleInPlace([...candidates], rng)) {
    const a = Math.floor(key / stride);
    const b = key % stride;
    const chosen = shuffleInPlace(dialogues, rng)
      .sort((x, y) => load[x] - load[y]) // stable: random order among equal loads
      .slice(0, perPair);
    for (const dialogue of chosen) {
      load[dialogue]++;
      out.push({ dialogue, a, b });
    }
  }
  return out.sort((x, y) => x.dialogue - y.dialogue || x.a - y.a || x.b - y.b);
}

/** The comparisons of a design, ordered by dialogue, then a, then b; no pair twice in one dialogue. */
export function designPairs(dialogues: readonly (readonly number[])[], design: PairDesign): PairAssignment[] {
  const models = modelsOf(dialogues);
  switch (design.kind) {
    case "all":
      return allPairs(models);
    case "reference":
      if (!Number.isInteger(design.reference) || design.reference < 0) {
        throw new RangeError(`reference must be a model index, got ${design.reference}`);
      }
      return referencePairs(models, design.reference);
    case "balanced":
      if (!Number.isInteger(design.perPair) || design.perPair < 1) {
        throw new RangeError(`perPair must be a positive integer, got ${design.perPair}`);
      }
      return balancedPairs(models, design.perPair, design.seed);
  }
}
