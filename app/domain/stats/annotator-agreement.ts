// Per-annotator agreement: mean absolute difference to co-raters and leave-one-out interval α.
import { alphaFromCoincidences, categoriesOf, CoincidenceMatrix } from "./coincidence";

export type AnnotatorRating = { unit: string | number; annotator: string; score: number };

export type AnnotatorAgreement = {
  annotator: string;
  /** all ratings by this annotator */
  ratings: number;
  /** mean |own − other| over all pairs with other annotators on shared units; null when none */
  mean_abs_diff: number | null;
  /** interval α over all pairable units after removing this annotator's ratings */
  alpha_without: number | null;
};

/** Ratings grouped by unit (CSR layout): entries of unit u are start[u] … start[u+1] − 1. */
type Grouped = { start: Int32Array; score: Float64Array; annotator: Int32Array; names: string[] };

function groupByUnit(ratings: AnnotatorRating[]): Grouped {
  const unitIndex = new Map<string | number, number>();
  const annotatorIndex = new Map<string, number>();
  const unitOf = new Int32Array(ratings.length);
  const counts: number[] = [];
  ratings.forEach((r, i) => {
    if (typeof r.score !== "number" || !Number.isFinite(r.score)) {
      throw new RangeError(`rating ${i}: score ${String(r.score)} is not a finite number`);
    }
    let u = unitIndex.get(r.unit);
    if (u === undefined) {
      u = counts.length;
      unitIndex.set(r.unit, u);
      counts.push(0);
    }
    if (!annotatorIndex.has(r.annotator)) annotatorIndex.set(r.annotator, annotatorIndex.size);
    unitOf[i] = u;
    counts[u]++;
  });
  const start = new Int32Array(counts.length + 1);
  for (let u = 0; u < counts.length; u++) start[u + 1] = start[u] + counts[u];
  const fill = start.slice(0, counts.length);
  const score = new Float64Array(ratings.length);
  const annotator = new Int32Array(ratings.length);
  ratings.forEach((r, i) => {
    const at = fill[unitOf[i]]++;
    score[at] = r.score;
    annotator[at] = annotatorIndex.get(r.annotator)!;
  });
  // One rating per (unit, annotator): a repeated pair would make an annotator agree with themself.
  const lastUnit = new Int32Array(annotatorIndex.size).fill(-1);
  for (let u = 0; u < counts.length; u++) {
    for (let e = start[u]; e < start[u + 1]; e++) {
      if (lastUnit[annotator[e]] === u) {
        const name = [...annotatorIndex.keys()][annotator[e]];
        throw new RangeError(`annotator ${name} rated unit ${String([...unitIndex.keys()][u])} twice`);
      }
      lastUnit[annotator[e]] = u;
    }
  }
  return { start, score, annotator, names: [...annotatorIndex.keys()] };
}

/** Σ |own − other| and the number of such pairs, per annotator; O(m log m) per unit via prefix sums. */
function absoluteDifferences(g: Grouped): { sum: Float64Array; pairs: Float64Array } {
  const sum = new Float64Array(g.names.length);
  const pairs = new Float64Array(g.names.length);
  for (let u = 0; u + 1 < g.start.length; u++) {
    const from = g.start[u];
    const m = g.start[u + 1] - from;
    if (m < 2) continue;
    const order = Array.from({ length: m }, (_, i) => from + i).sort((a, b) => g.score[a] - g.score[b]);
    let total = 0;
    for (const e of order) total += g.score[e];
    let below = 0;
    order.forEach((e, i) => {
      const s = g.score[e];
      const above = total - below - s;
      sum[g.annotator[e]] += s * i - below + above - s * (m - 1 - i);
      pairs[g.annotator[e]] += m - 1;
      below += s;
    });
  }
  return { sum, pairs };
}

/**
 * Per annotator (sorted by name): number of ratings, mean absolute difference to the other annotators
 * of the same units, and interval α without that annotator. Leave-one-out α updates the full
 * coincidence matrix only for the units the annotator rated: O(N log m + Σ_u m_u·(m_u + d_u²)) overall.
 */
export function annotatorAgreement(ratings: AnnotatorRating[]): AnnotatorAgreement[] {
  const g = groupByUnit(ratings);
  const unitCount = g.start.length - 1;
  const pairableScores: number[] = [];
  for (let u = 0; u < unitCount; u++) {
    if (g.start[u + 1] - g.start[u] >= 2) {
      for (let e = g.start[u]; e < g.start[u + 1]; e++) pairableScores.push(g.score[e]);
    }
  }
  const categories = categoriesOf(pairableScores);
  const category = Int32Array.from(g.score, (s) => categories.indexOf.get(s) ?? -1);
  const full = new CoincidenceMatrix(categories.values.length);
  const unitsOf: number[][] = g.names.map(() => []);
  const ratingCount = new Int32Array(g.names.length);
  for (let u = 0; u < unitCount; u++) {
    const from = g.start[u];
    const to = g.start[u + 1];
    full.addUnit(category, 1, from, to);
    for (let e = from; e < to; e++) {
      ratingCount[g.annotator[e]]++;
      if (to - from >= 2) unitsOf[g.annotator[e]].push(u);
    }
  }

  const { sum, pairs } = absoluteDifferences(g);
  const result = g.names.map((name, a): AnnotatorAgreement => {
    const matrix = full.clone();
    for (const u of unitsOf[a]) {
      matrix.addUnit(category, -1, g.start[u], g.start[u + 1]);
      const rest: number[] = [];
      for (let e = g.start[u]; e < g.start[u + 1]; e++) if (g.annotator[e] !== a) rest.push(category[e]);
      matrix.addUnit(rest, 1);
    }
    return {
      annotator: name,
      ratings: ratingCount[a],
      mean_abs_diff: pairs[a] > 0 ? sum[a] / pairs[a] : null,
      alpha_without: alphaFromCoincidences(matrix, categories.values, "interval"),
    };
  });
  return result.sort((p, q) => (p.annotator < q.annotator ? -1 : p.annotator > q.annotator ? 1 : 0));
}
