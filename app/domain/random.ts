// Seeded pseudo-random numbers (mulberry32): the planner's tie-breaks, shuffles and bootstraps are reproducible.

export type Rng = () => number;

/** A generator of numbers in [0, 1) fully determined by `seed` (any finite number; integers advised). */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const whole = Math.trunc(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / 4294967296) >>> 0;
  let state = (low ^ Math.imul(high, 0x9e3779b1)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randomIndex(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle of `items` in place; returns `items`. */
export function shuffleInPlace<A extends { length: number; [index: number]: unknown }>(items: A, rng: Rng): A {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomIndex(rng, i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}
