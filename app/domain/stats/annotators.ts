// Per-annotator statistics of product.md §9, over each annotator's on-time ratings (the caller leaves
// late ones out). Columnar input, as the reports hold their data, so a million ratings cost a few
// megabytes and one pass each.

export type AnnotatorColumns = {
  /** annotator labels (e-mail) */
  annotators: string[];
  /** the ratings of annotator a are start[a] … start[a+1] − 1 */
  start: Int32Array;
  /** dense unit index of each rating (0 … unitCount − 1) */
  unit: Int32Array;
  score: Float64Array;
  createdMs: Float64Array;
  /** the task the rating was submitted with; NaN when none (imported ratings) */
  task: Float64Array;
  /** the active time of the rating's task; NaN when not measured */
  activeMs: Float64Array;
  unitCount: number;
  /** the (dialogue, model) group of each unit: its response, as a dense index */
  unitResponse: Int32Array;
  /** per unit: the gold reference score, NaN when the unit is not gold */
  goldReference: Float64Array;
  /** per unit: the gold tolerance (the unit's or the project's default) */
  goldTolerance: Float64Array;
};

/** One row of `report annotators` (keys exactly as product.md §9 writes them). */
export type AnnotatorStats = {
  annotator: string;
  ratings: number;
  gold_n: number;
  gold_accuracy: number | null;
  gold_bias: number | null;
  mae_vs_others: number | null;
  straightlining: number | null;
  median_active_ms_per_unit: number | null;
  ratings_per_hour: number | null;
};

const HOUR_MS = 3_600_000;

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A rating on a gold unit is correct when |score − reference| ≤ tolerance. */
export const goldCorrect = (score: number, reference: number, tolerance: number) => Math.abs(score - reference) <= tolerance;

/** The k-th smallest of xs[0 … n − 1] (k from 0), reordering them so that every value before k is no
 *  larger (quickselect: linear on average, where sorting is n log n). */
function kth(xs: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const x = xs[i];
        xs[i++] = xs[j];
        xs[j--] = x;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k];
}

/** The median of xs[0 … n − 1] (reordered), as `median` computes it. */
function medianInPlace(xs: Float64Array, n: number): number | null {
  if (n === 0) return null;
  const m = n >> 1;
  const upper = kth(xs, n, m);
  if (n % 2) return upper;
  let lower = xs[0];
  for (let i = 1; i < m; i++) if (xs[i] > lower) lower = xs[i];
  return (lower + upper) / 2;
}

/** Counts the ratings per task of one annotator at a time: open addressing over typed arrays, sized for
 *  the busiest annotator (a Map per annotator cost a third of the report). */
function taskCounter(most: number) {
  let capacity = 16;
  while (capacity < 2 * most) capacity *= 2;
  const keys = new Float64Array(capacity);
  const counts = new Int32Array(capacity);
  let mask = 0;
  const slot = (task: number) => {
    let h = Math.imul(task | 0, 0x9e3779b1) & mask;
    while (!Number.isNaN(keys[h]) && keys[h] !== task) h = (h + 1) & mask;
    return h;
  };
  return {
    /** empties the table for up to n tasks */
    reset(n: number) {
      let size = 16;
      while (size < 2 * n) size *= 2;
      mask = size - 1;
      keys.fill(NaN, 0, size);
      counts.fill(0, 0, size);
    },
    add(task: number) {
      const h = slot(task);
      keys[h] = task;
      counts[h]++;
    },
    count: (task: number) => counts[slot(task)],
  };
}

/** Counts the distinct hours of each annotator's ratings: with a table stamped by annotator when the
 *  project's hours span less than ~120 years (always, in practice), else with a Set. */
function hourCounter(createdMs: Float64Array) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < createdMs.length; i++) {
    const h = Math.floor(createdMs[i] / HOUR_MS);
    if (h < lo) lo = h;
    if (h > hi) hi = h;
    if (Number.isNaN(h)) hi = NaN;
  }
  const span = hi - lo + 1;
  if (createdMs.length === 0 || !(span <= 1 << 20)) {
    return (from: number, to: number) => {
      const hours = new Set<number>();
      for (let i = from; i < to; i++) hours.add(Math.floor(createdMs[i] / HOUR_MS));
      return hours.size;
    };
  }
  const stamp = new Int32Array(span).fill(-1);
  let call = 0;
  return (from: number, to: number) => {
    call++;
    let n = 0;
    for (let i = from; i < to; i++) {
      const h = Math.floor(createdMs[i] / HOUR_MS) - lo;
      if (stamp[h] !== call) {
        stamp[h] = call;
        n++;
      }
    }
    return n;
  };
}

/** Every annotator's statistics, in the order of `annotators`. */
export function annotatorStats(c: AnnotatorColumns): AnnotatorStats[] {
  // per unit, side by side so that a rating reads one cache line: the sum and number of its scores (for
  // the mean of the OTHER annotators' scores), its gold reference, its (dialogue, model) group
  const unit = new Float64Array(4 * c.unitCount);
  for (let u = 0; u < c.unitCount; u++) {
    unit[4 * u + 2] = c.goldReference[u];
    unit[4 * u + 3] = c.unitResponse[u];
  }
  for (let i = 0; i < c.score.length; i++) {
    unit[4 * c.unit[i]] += c.score[i];
    unit[4 * c.unit[i] + 1]++;
  }
  // per group, reused across annotators: the annotator who last touched it, their number of scores in
  // it, their first score, whether all their scores there are equal
  let groups = 0;
  for (const g of c.unitResponse) if (g >= groups) groups = g + 1;
  const group = new Float64Array(4 * groups).fill(-1);
  const touched = new Int32Array(groups);
  const distinctHours = hourCounter(c.createdMs);
  // scratch for one annotator at a time: their tasks' rating counts, their active times per unit
  let most = 0;
  for (let a = 0; a < c.annotators.length; a++) most = Math.max(most, c.start[a + 1] - c.start[a]);
  const perTask = taskCounter(most);
  const perUnit = new Float64Array(most);
  const out: AnnotatorStats[] = [];
  for (let a = 0; a < c.annotators.length; a++) {
    const from = c.start[a];
    const to = c.start[a + 1];
    let goldN = 0;
    let correct = 0;
    let bias = 0;
    let maeSum = 0;
    let maeN = 0;
    let touchedN = 0;
    perTask.reset(to - from);
    for (let i = from; i < to; i++) {
      const u = 4 * c.unit[i];
      const s = c.score[i];
      const ref = unit[u + 2];
      if (!Number.isNaN(ref)) {
        goldN++;
        bias += s - ref;
        if (goldCorrect(s, ref, c.goldTolerance[c.unit[i]])) correct++;
      }
      const count = unit[u + 1];
      if (count > 1) {
        maeSum += Math.abs(s - (unit[u] - s) / (count - 1));
        maeN++;
      }
      const g = 4 * unit[u + 3];
      if (group[g] !== a) {
        group[g] = a;
        group[g + 1] = 0;
        group[g + 2] = s;
        group[g + 3] = 1;
        touched[touchedN++] = g;
      }
      group[g + 1]++;
      if (s !== group[g + 2]) group[g + 3] = 0;
      if (!Number.isNaN(c.task[i])) perTask.add(c.task[i]);
    }
    let rated3 = 0;
    let flat = 0;
    for (let t = 0; t < touchedN; t++) {
      const g = touched[t];
      if (group[g + 1] >= 3) {
        rated3++;
        if (group[g + 3]) flat++;
      }
    }
    // a task's active time is shared by the units rated in it
    let unitsN = 0;
    for (let i = from; i < to; i++) {
      if (Number.isNaN(c.task[i]) || Number.isNaN(c.activeMs[i])) continue;
      perUnit[unitsN++] = c.activeMs[i] / perTask.count(c.task[i]);
    }
    const n = to - from;
    const hours = distinctHours(from, to);
    out.push({
      annotator: c.annotators[a],
      ratings: n,
      gold_n: goldN,
      gold_accuracy: goldN ? correct / goldN : null,
      gold_bias: goldN ? bias / goldN : null,
      mae_vs_others: maeN ? maeSum / maeN : null,
      straightlining: rated3 ? flat / rated3 : null,
      median_active_ms_per_unit: medianInPlace(perUnit, unitsN),
      ratings_per_hour: hours ? n / hours : null,
    });
  }
  return out;
}

/** An annotator's gold accuracy over time: their gold ratings in time order, cut into at most `points`
 *  consecutive runs of (nearly) equal size; each point is the share correct in its run. */
export function goldAccuracySeries(c: AnnotatorColumns, a: number, points = 12): number[] {
  const outcomes: [number, boolean][] = [];
  for (let i = c.start[a]; i < c.start[a + 1]; i++) {
    const ref = c.goldReference[c.unit[i]];
    if (!Number.isNaN(ref)) outcomes.push([c.createdMs[i], goldCorrect(c.score[i], ref, c.goldTolerance[c.unit[i]])]);
  }
  outcomes.sort((x, y) => x[0] - y[0]);
  const runs = Math.min(points, outcomes.length);
  const series: number[] = [];
  for (let r = 0; r < runs; r++) {
    const lo = Math.floor((r * outcomes.length) / runs);
    const hi = Math.floor(((r + 1) * outcomes.length) / runs);
    let ok = 0;
    for (let i = lo; i < hi; i++) if (outcomes[i][1]) ok++;
    series.push(ok / (hi - lo));
  }
  return series;
}
