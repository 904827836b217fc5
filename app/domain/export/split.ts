// Deterministic train/dev/test assignment. The split of a dialogue depends only on its key (dialogue id,
// or character name with split-by character), the seed and the ratios — never on row order, the machine
// or the run — so no dialogue (or character) ever lands in two splits and re-exports agree.

export type Split = "train" | "dev" | "test";
export type SplitBy = "dialogue" | "character";
export type SplitRatios = { train: number; dev: number; test: number };

export const DEFAULT_SPLIT_RATIOS: SplitRatios = { train: 80, dev: 10, test: 10 };
export const DEFAULT_SPLIT_SEED = "rolecall";

export type SplitOptions = { ratios?: SplitRatios; seed?: string };

const utf8 = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes, then murmur3's fmix32 so near-identical keys spread evenly. */
export function stableHash32(text: string): number {
  let h = 0x811c9dc5;
  for (const b of utf8.encode(text)) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function checkRatios(r: SplitRatios): number {
  const parts = [r.train, r.dev, r.test];
  if (parts.some((x) => !Number.isFinite(x) || x < 0)) throw new RangeError("split ratios must be ≥ 0");
  const total = r.train + r.dev + r.test;
  if (total <= 0) throw new RangeError("split ratios must not all be 0");
  return total;
}

/** The split of one key: a point in [0, 1) from the seeded hash, cut at the cumulative ratios. */
export function assignSplit(key: string, options: SplitOptions = {}): Split {
  const ratios = options.ratios ?? DEFAULT_SPLIT_RATIOS;
  const total = checkRatios(ratios);
  const u = stableHash32(`${options.seed ?? DEFAULT_SPLIT_SEED}\u0000${key}`) / 2 ** 32;
  if (u < ratios.train / total) return "train";
  if (u < (ratios.train + ratios.dev) / total) return "dev";
  return "test";
}

/** The key a dialogue is split by. */
export function splitKey(dialogue: { id: string | number; role: string }, by: SplitBy = "dialogue"): string {
  return by === "character" ? `character:${dialogue.role}` : `dialogue:${dialogue.id}`;
}

export function splitOfDialogue(dialogue: { id: string | number; role: string }, options: SplitOptions & { by?: SplitBy } = {}): Split {
  return assignSplit(splitKey(dialogue, options.by), options);
}

/** Parses "80/10/10" or "0.8,0.1,0.1" (CLI flag). */
export function parseSplitRatios(text: string): SplitRatios {
  const parts = text.split(/[/,:]/).map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) {
    throw new RangeError(`split ratios: expected three numbers like 80/10/10, got "${text}"`);
  }
  const r = { train: parts[0], dev: parts[1], test: parts[2] };
  checkRatios(r);
  return r;
}
