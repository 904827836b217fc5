import { describe, expect, it } from "vitest";
import { createRng, randomIndex } from "../random";
import { designPairs, type PairAssignment } from "./design";

const triples = (pairs: PairAssignment[]) => pairs.map((p) => [p.dialogue, p.a, p.b]);

function countsByPair(pairs: PairAssignment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of pairs) counts.set(`${p.a},${p.b}`, (counts.get(`${p.a},${p.b}`) ?? 0) + 1);
  return counts;
}

/** Dialogues where each pair is available, from the dialogues' models. */
function availability(dialogues: number[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const models of dialogues) {
    const present = [...new Set(models)].sort((x, y) => x - y);
    for (let x = 0; x < present.length; x++) {
      for (let y = x + 1; y < present.length; y++) {
        counts.set(`${present[x]},${present[y]}`, (counts.get(`${present[x]},${present[y]}`) ?? 0) + 1);
      }
    }
  }
  return counts;
}

function randomDialogues(count: number, models: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Array.from({ length: models }, (_, m) => m).filter(() => rng() < 0.7));
}

describe("designPairs", () => {
  it("all: every pair of the models present in each dialogue, a < b", () => {
    expect(triples(designPairs([[2, 0, 1], [3], [1, 3, 1]], { kind: "all" }))).toEqual([
      [0, 0, 1],
      [0, 0, 2],
      [0, 1, 2],
      [2, 1, 3],
    ]);
  });

  it("reference: the reference against each other model present; dialogues without it are skipped", () => {
    expect(
      triples(
        designPairs(
          [
            [0, 1, 2],
            [0, 2],
            [1, 2, 3],
          ],
          { kind: "reference", reference: 1 },
        ),
      ),
    ).toEqual([
      [0, 0, 1],
      [0, 1, 2],
      [2, 1, 2],
      [2, 1, 3],
    ]);
  });

  it("balanced: each pair gets min(perPair, its dialogues) comparisons, none twice in a dialogue", () => {
    const dialogues = randomDialogues(60, 6, 3);
    const pairs = designPairs(dialogues, { kind: "balanced", perPair: 20, seed: 1 });
    const counts = countsByPair(pairs);
    for (const [key, available] of availability(dialogues)) expect(counts.get(key)).toBe(Math.min(20, available));
    expect(new Set(pairs.map((p) => `${p.dialogue}:${p.a},${p.b}`)).size).toBe(pairs.length);
    for (const p of pairs) {
      expect(p.a).toBeLessThan(p.b);
      expect(dialogues[p.dialogue]).toContain(p.a);
      expect(dialogues[p.dialogue]).toContain(p.b);
    }
  });

  it("balanced: spreads comparisons evenly when every dialogue has the same models", () => {
    const dialogues = Array.from({ length: 50 }, () => [0, 1, 2, 3, 4]);
    const pairs = designPairs(dialogues, { kind: "balanced", perPair: 7, seed: 9 });
    expect(pairs.length).toBe(10 * 7);
    const perDialogue = new Array(50).fill(0);
    for (const p of pairs) perDialogue[p.dialogue]++;
    expect(Math.max(...perDialogue) - Math.min(...perDialogue)).toBeLessThanOrEqual(1);
  });

  it("balanced: the same seed gives the same design, another seed another", () => {
    const rng = createRng(4);
    const dialogues = Array.from({ length: 40 }, () => [0, 1, 2, 3].filter(() => randomIndex(rng, 4) > 0));
    const one = designPairs(dialogues, { kind: "balanced", perPair: 5, seed: 1 });
    expect(designPairs(dialogues, { kind: "balanced", perPair: 5, seed: 1 })).toEqual(one);
    expect(designPairs(dialogues, { kind: "balanced", perPair: 5, seed: 2 })).not.toEqual(one);
  });

  it("rejects bad model indexes, references and targets", () => {
    expect(() => designPairs([[0, -1]], { kind: "all" })).toThrow(/model index/);
    expect(() => designPairs([[0, 1]], { kind: "reference", reference: 0.5 })).toThrow(/reference/);
    expect(() => designPairs([[0, 1]], { kind: "balanced", perPair: 0, seed: 1 })).toThrow(/perPair/);
  });
});
