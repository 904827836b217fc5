// Per-annotator agreement: mean absolute difference to co-raters and leave-one-out interval α.
import { alphaFromCoincidences, categoriesOf, CoincidenceMatrix } from "./coincidence";
import { codeOf } from "./krippendorff";

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

/** Ratings grouped by unit (CSR layout): entries of unit u are start[u] … start[u+1] − 1, by annotator
 *  index into `names`. The report service holds its ratings in this form already. */
export type RatingsByUnit = { start: Int32Array; score: Float64Array; annotator: Int32Array; names: string[] };

function groupByUnit(ratings: AnnotatorRating[]): { grouped: RatingsByUnit; units: (string | number)[] } {
  const unitIndex = new Map<string | number, number>();
  const annotatorIndex = new Map<string, number>();
  const unitOf = new Int32Array(ratings.length);
  const counts: number[] = [];
  ratings.forEach((r, i) => {
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
    score[at] = typeof r.score === "number" ? r.score : NaN;
    annotator[at] = annotatorIndex.get(r.annotator)!;
  });
  return { grouped: { start, score, annotator, names: [...annotatorIndex.keys()] }, units: [...unitIndex.keys()] };
}

/** Finite scores, known annotators, and one rating per (unit, annotator): a repeated pair would make an
 *  annotator agree with themself. */
function validate(g: RatingsByUnit, unitLabel: (u: number) => string) {
  for (let e = 0; e < g.score.length; e++) {
    if (!Number.isFinite(g.score[e])) throw new RangeError(`rating ${e}: score ${String(g.score[e])} is not a finite number`);
    if (!(g.annotator[e] >= 0 && g.annotator[e] < g.names.length)) throw new RangeError(`rating ${e}: no annotator ${g.annotator[e]}`);
  }
  const lastUnit = new Int32Array(g.names.length).fill(-1);
  for (let u = 0; u + 1 < g.start.length; u++) {
    for (let e = g.start[u]; e < g.start[u + 1]; e++) {
      if (lastUnit[g.annotator[e]] === u) throw new RangeError(`annotator ${g.names[g.annotator[e]]} rated unit ${unitLabel(u)} twice`);
      lastUnit[g.annotator[e]] = u;
    }
  }
}

/** Σ |own − other| and the number of such pairs, per annotator; O(m log m) per unit via prefix sums. */
function absoluteDifferences(g: RatingsByUnit): { sum: Float64Array; pairs: Float64Array } {
  const sum = new Float64Array(g.names.length);
  const pairs = new Float64Array(g.names.length);
  let order = new Int32Array(16);
  for (let u = 0; u + 1 < g.start.length; u++) {
    const from = g.start[u];
    const m = g.start[u + 1] - from;
    if (m < 2) continue;
    if (order.length < m) order = new Int32Array(2 * m);
    // the unit's entries by score (insertion sort: a unit has a handful of ratings)
    for (let i = 0; i < m; i++) {
      const e = from + i;
      const s = g.score[e];
      let j = i - 1;
      while (j >= 0 && g.score[order[j]] > s) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = e;
    }
    let total = 0;
    for (let i = 0; i < m; i++) total += g.score[order[i]];
    let below = 0;
    for (let i = 0; i < m; i++) {
      const e = order[i];
      const s = g.score[e];
      const above = total - below - s;
      sum[g.annotator[e]] += s * i - below + above - s * (m - 1 - i);
      pairs[g.annotator[e]] += m - 1;
      below += s;
    }
  }
  return { sum, pairs };
}

/**
 * Per annotator (sorted by name): number of ratings, mean absolute difference to the other annotators
 * of the same units, and interval α without that annotator. Leave-one-out α updates the full
 * coincidence matrix only for the units the annotator rated: O(N log m + Σ_u m_u·(m_u + d_u²)) overall.
 */
export function annotatorAgreement(ratings: AnnotatorRating[]): AnnotatorAgreement[] {
  const { grouped, units } = groupByUnit(ratings);
  validate(grouped, (u) => String(units[u]));
  return agreementOfGrouped(grouped);
}

/** annotatorAgreement of ratings already grouped by unit (units are named by their index in errors). */
export function annotatorAgreementByUnit(g: RatingsByUnit): AnnotatorAgreement[] {
  validate(g, String);
  return agreementOfGrouped(g);
}

function agreementOfGrouped(g: RatingsByUnit): AnnotatorAgreement[] {
  const unitCount = g.start.length - 1;
  const pairableScores = new Set<number>();
  for (let u = 0; u < unitCount; u++) {
    if (g.start[u + 1] - g.start[u] >= 2) {
      for (let e = g.start[u]; e < g.start[u + 1]; e++) pairableScores.add(g.score[e]);
    }
  }
  const categories = categoriesOf(pairableScores);
  const code = codeOf(categories.values, categories.indexOf);
  const category = new Int32Array(g.score.length);
  for (let e = 0; e < g.score.length; e++) category[e] = code(g.score[e]);
  const full = new CoincidenceMatrix(categories.values.length);
  // the pairable units of each annotator, in unit order: annotator a's are unitsOf[first[a] … first[a+1] − 1]
  const ratingCount = new Int32Array(g.names.length);
  const first = new Int32Array(g.names.length + 1);
  for (let u = 0; u < unitCount; u++) {
    const from = g.start[u];
    const to = g.start[u + 1];
    full.addUnit(category, 1, from, to);
    for (let e = from; e < to; e++) {
      ratingCount[g.annotator[e]]++;
      if (to - from >= 2) first[g.annotator[e] + 1]++;
    }
  }
  for (let a = 0; a < g.names.length; a++) first[a + 1] += first[a];
  const unitsOf = new Int32Array(first[g.names.length]);
  const fill = first.slice(0, g.names.length);
  for (let u = 0; u < unitCount; u++) {
    if (g.start[u + 1] - g.start[u] < 2) continue;
    for (let e = g.start[u]; e < g.start[u + 1]; e++) unitsOf[fill[g.annotator[e]]++] = u;
  }

  const { sum, pairs } = absoluteDifferences(g);
  let widest = 0;
  for (let u = 0; u < unitCount; u++) widest = Math.max(widest, g.start[u + 1] - g.start[u]);
  const rest = new Int32Array(widest);
  const result = g.names.map((name, a): AnnotatorAgreement => {
    const matrix = full.clone();
    for (let i = first[a]; i < first[a + 1]; i++) {
      const u = unitsOf[i];
      matrix.addUnit(category, -1, g.start[u], g.start[u + 1]);
      let n = 0;
      for (let e = g.start[u]; e < g.start[u + 1]; e++) if (g.annotator[e] !== a) rest[n++] = category[e];
      matrix.addUnit(rest, 1, 0, n);
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
