import { describe, expect, it } from "vitest";
import { annotatorAgreement, annotatorAgreementByUnit, type AnnotatorRating } from "./annotator-agreement";
import { krippendorffAlpha } from "./krippendorff";
import { createRng } from "../random";

function simulate(units: number, annotators: number, perUnit: number, seed: number): AnnotatorRating[] {
  const rng = createRng(seed);
  const ratings: AnnotatorRating[] = [];
  for (let u = 0; u < units; u++) {
    const truth = 1 + Math.floor(rng() * 5);
    const chosen = new Set<number>();
    const k = 1 + Math.floor(rng() * perUnit);
    while (chosen.size < Math.min(k, annotators)) chosen.add(Math.floor(rng() * annotators));
    for (const a of chosen) {
      const noisy = a === 0 ? 1 + Math.floor(rng() * 5) : truth + (rng() < 0.3 ? (rng() < 0.5 ? -1 : 1) : 0);
      ratings.push({ unit: u % 2 ? u : `u${u}`, annotator: `ann${a}`, score: Math.min(5, Math.max(1, noisy)) });
    }
  }
  return ratings;
}

function unitsOf(ratings: AnnotatorRating[], without?: string): number[][] {
  const byUnit = new Map<string | number, number[]>();
  for (const r of ratings) {
    if (r.annotator === without) continue;
    if (!byUnit.has(r.unit)) byUnit.set(r.unit, []);
    byUnit.get(r.unit)!.push(r.score);
  }
  return [...byUnit.values()];
}

/** Brute force: all pairs of ratings of different annotators on the same unit. */
function naiveMeanAbsDiff(ratings: AnnotatorRating[], annotator: string): number | null {
  let sum = 0;
  let pairs = 0;
  for (const own of ratings) {
    if (own.annotator !== annotator) continue;
    for (const other of ratings) {
      if (other.unit === own.unit && other.annotator !== annotator) {
        sum += Math.abs(own.score - other.score);
        pairs++;
      }
    }
  }
  return pairs === 0 ? null : sum / pairs;
}

describe("annotatorAgreement", () => {
  it("matches brute-force mean |difference| and recomputed leave-one-out α", () => {
    const ratings = simulate(300, 6, 4, 12);
    const result = annotatorAgreement(ratings);
    expect(result.map((r) => r.annotator)).toEqual(["ann0", "ann1", "ann2", "ann3", "ann4", "ann5"]);
    for (const row of result) {
      expect(Object.keys(row)).toEqual(["annotator", "ratings", "mean_abs_diff", "alpha_without"]);
      expect(row.ratings).toBe(ratings.filter((r) => r.annotator === row.annotator).length);
      expect(row.mean_abs_diff).toBeCloseTo(naiveMeanAbsDiff(ratings, row.annotator)!, 12);
      expect(row.alpha_without).toBeCloseTo(krippendorffAlpha(unitsOf(ratings, row.annotator), "interval")!, 12);
    }
    // the noisy annotator (ann0) disagrees most, and removing them raises α the most
    const noisy = result[0];
    for (const row of result.slice(1)) {
      expect(noisy.mean_abs_diff!).toBeGreaterThan(row.mean_abs_diff!);
      expect(noisy.alpha_without!).toBeGreaterThan(row.alpha_without!);
    }
  });

  it("gives null mean difference to an annotator without co-raters and nulls α when nothing is left", () => {
    const result = annotatorAgreement([
      { unit: 1, annotator: "a", score: 3 },
      { unit: 1, annotator: "b", score: 4 },
      { unit: 2, annotator: "c", score: 2 },
    ]);
    expect(result).toEqual([
      { annotator: "a", ratings: 1, mean_abs_diff: 1, alpha_without: null },
      { annotator: "b", ratings: 1, mean_abs_diff: 1, alpha_without: null },
      { annotator: "c", ratings: 1, mean_abs_diff: null, alpha_without: 0 },
    ]);
  });

  it("distinguishes unit 1 from unit '1' and rejects duplicate or non-finite ratings", () => {
    const result = annotatorAgreement([
      { unit: 1, annotator: "a", score: 3 },
      { unit: "1", annotator: "b", score: 4 },
    ]);
    expect(result.every((r) => r.mean_abs_diff === null)).toBe(true);
    expect(() =>
      annotatorAgreement([
        { unit: 1, annotator: "a", score: 3 },
        { unit: 1, annotator: "a", score: 4 },
      ]),
    ).toThrow(/twice/);
    expect(() => annotatorAgreement([{ unit: 1, annotator: "a", score: NaN }])).toThrow(RangeError);
    expect(annotatorAgreement([])).toEqual([]);
  });

  it("handles 30 annotators × 300,000 ratings quickly", () => {
    const ratings = simulate(100_000, 30, 5, 3);
    const t0 = performance.now();
    const result = annotatorAgreement(ratings);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(result).toHaveLength(30);
  });

  it("gives the same rows from ratings already grouped by unit, and checks them the same way", () => {
    const ratings = simulate(400, 7, 5, 21);
    // the same ratings in columns: units in order of first appearance, annotators by index
    const units = [...new Set(ratings.map((r) => r.unit))];
    const names = [...new Set(ratings.map((r) => r.annotator))].sort().reverse();
    const byUnit = units.map((u) => ratings.filter((r) => r.unit === u));
    const start = new Int32Array(units.length + 1);
    byUnit.forEach((list, u) => (start[u + 1] = start[u] + list.length));
    const flat = byUnit.flat();
    const grouped = {
      start,
      score: Float64Array.from(flat, (r) => r.score),
      annotator: Int32Array.from(flat, (r) => names.indexOf(r.annotator)),
      names,
    };
    expect(annotatorAgreementByUnit(grouped)).toEqual(annotatorAgreement(ratings));

    const one = (score: number[], annotator: number[], names = ["a", "b"]) => ({
      start: Int32Array.from([0, score.length]),
      score: Float64Array.from(score),
      annotator: Int32Array.from(annotator),
      names,
    });
    expect(() => annotatorAgreementByUnit(one([3, 4], [0, 0]))).toThrow(/annotator a rated unit 0 twice/);
    expect(() => annotatorAgreementByUnit(one([3, NaN], [0, 1]))).toThrow(RangeError);
    expect(() => annotatorAgreementByUnit(one([3, 4], [0, 2]))).toThrow(/no annotator 2/);
    expect(
      annotatorAgreementByUnit({ start: Int32Array.from([0]), score: new Float64Array(0), annotator: new Int32Array(0), names: [] }),
    ).toEqual([]);
  });
});
