// Tiny seeded PRNG for deterministic tie-breaking (mulberry32, public domain).

/** A generator of floats in [0, 1), fully determined by the 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n) drawn from rng. */
export function randomInt(rng: () => number, n: number): number {
  return Math.floor(rng() * n);
}
