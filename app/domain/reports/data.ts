// A project's report inputs in columnar form (typed arrays, one slot per unit or rating), so a million
// ratings cost a few megabytes instead of a million objects. Units are in id order; the ratings of a unit
// are ordered by annotator, which keeps seeded splits and resamples reproducible.

export type MetricInfo = { key: string; dimension: string; scaleMin: number; scaleMax: number; higherIsBetter: boolean };

export type ReportData = {
  metrics: MetricInfo[];
  models: string[];
  /** annotator labels (e-mail), sorted */
  annotators: string[];
  judges: string[];
  unitCount: number;
  /** the database id of each unit (for naming a unit on a chart); absent in hand-built data */
  unitIds?: Float64Array;
  /** metric and model index of each unit */
  unitMetric: Int32Array;
  unitModel: Int32Array;
  /** the adjudicated score, NaN when none */
  adjudicated: Float64Array;
  /** ratings of unit u are start[u] … start[u+1] − 1 */
  start: Int32Array;
  score: Float64Array;
  annotator: Int32Array;
  /** per judge, per unit: the judge's score, NaN when none */
  judgeScore: Float64Array[];
  /** group mode only (absent otherwise): the annotator groups, sorted, and each annotator's group index
   *  (−1: no group) */
  groups?: string[];
  annotatorGroup?: Int32Array;
};

/** Unit id → dense index: an array when ids are compact (identity columns usually are), else a Map. */
export function unitIndexer(ids: Float64Array): (id: number) => number {
  if (ids.length === 0) return () => -1;
  let min = Infinity;
  let max = -Infinity;
  for (const id of ids) {
    if (id < min) min = id;
    if (id > max) max = id;
  }
  if (max - min < 4 * ids.length + 1024) {
    const table = new Int32Array(max - min + 1).fill(-1);
    ids.forEach((id, i) => (table[id - min] = i));
    return (id) => (id >= min && id <= max ? table[id - min] : -1);
  }
  const map = new Map<number, number>();
  ids.forEach((id, i) => map.set(id, i));
  return (id) => map.get(id) ?? -1;
}

/** Numbers the distinct values 0, 1, 2 … in order of first appearance. A table over the values' range
 *  when it is dense (ids of one project are), a Map otherwise. */
export function numbering(values: Float64Array): Int32Array {
  const out = new Int32Array(values.length);
  if (values.length === 0) return out;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let next = 0;
  if (max - min < 4 * values.length + 1024) {
    const table = new Int32Array(max - min + 1).fill(-1);
    for (let i = 0; i < values.length; i++) {
      const slot = values[i] - min;
      if (table[slot] < 0) table[slot] = next++;
      out[i] = table[slot];
    }
    return out;
  }
  const map = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    let r = map.get(values[i]);
    if (r === undefined) map.set(values[i], (r = next++));
    out[i] = r;
  }
  return out;
}

export type RatingColumns = { unitId: ArrayLike<number>; annotator: ArrayLike<number>; score: ArrayLike<number> };

/** Groups ratings by unit (counting sort, stable: a unit's ratings keep their annotator order when the
 *  columns arrive annotator by annotator). Ratings of units not in `unitIds` are dropped. */
export function groupRatings(unitIds: Float64Array, r: RatingColumns) {
  const indexOf = unitIndexer(unitIds);
  const n = r.score.length;
  const unitOf = new Int32Array(n);
  const start = new Int32Array(unitIds.length + 1);
  for (let i = 0; i < n; i++) {
    const u = indexOf(r.unitId[i]);
    unitOf[i] = u;
    if (u >= 0) start[u + 1]++;
  }
  for (let u = 0; u < unitIds.length; u++) start[u + 1] += start[u];
  const fill = start.slice(0, unitIds.length);
  const total = start[unitIds.length];
  const score = new Float64Array(total);
  const annotator = new Int32Array(total);
  for (let i = 0; i < n; i++) {
    const u = unitOf[i];
    if (u < 0) continue;
    const at = fill[u]++;
    score[at] = r.score[i];
    annotator[at] = r.annotator[i];
  }
  return { start, score, annotator };
}

/** Each unit's scores as a plain array (the input shape of app/domain/stats). */
export function unitValues(d: ReportData): number[][] {
  const out: number[][] = new Array(d.unitCount);
  for (let u = 0; u < d.unitCount; u++) {
    const values = new Array<number>(d.start[u + 1] - d.start[u]);
    for (let e = d.start[u]; e < d.start[u + 1]; e++) values[e - d.start[u]] = d.score[e];
    out[u] = values;
  }
  return out;
}

/** The human score of each unit (product.md §4): adjudicated, else the mean of its ratings; NaN when none. */
export function consensus(d: ReportData): Float64Array {
  const out = new Float64Array(d.unitCount);
  for (let u = 0; u < d.unitCount; u++) {
    if (!Number.isNaN(d.adjudicated[u])) {
      out[u] = d.adjudicated[u];
      continue;
    }
    const from = d.start[u];
    const to = d.start[u + 1];
    let sum = 0;
    for (let e = from; e < to; e++) sum += d.score[e];
    out[u] = to > from ? sum / (to - from) : NaN;
  }
  return out;
}

/** Unit indices of each metric, in unit order. */
export function unitsByMetric(d: ReportData): Int32Array[] {
  const counts = new Int32Array(d.metrics.length);
  for (let u = 0; u < d.unitCount; u++) counts[d.unitMetric[u]]++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(d.metrics.length);
  for (let u = 0; u < d.unitCount; u++) out[d.unitMetric[u]][fill[d.unitMetric[u]]++] = u;
  return out;
}

/** Scale points of a metric, plus any value actually given outside it (so nothing is silently lost). */
export function categoriesOf(metrics: MetricInfo[], observed: Iterable<number> = []): number[] {
  const set = new Set<number>(observed);
  for (const m of metrics) for (let v = m.scaleMin; v <= m.scaleMax; v++) set.add(v);
  return [...set].sort((a, b) => a - b);
}

/**
 * Numbers in a comma-separated text (as string_agg returns them); an empty field is NaN. Integers are
 * parsed by hand (the common case: ids, scores); anything else goes through Number().
 */
export function parseNumberList(text: string | null | undefined): Float64Array {
  if (!text) return new Float64Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const out = new Float64Array(count);
  let field = 0;
  let i = 0;
  while (field < count) {
    const from = i;
    let value = 0;
    let negative = false;
    let simple = true;
    let digits = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 44) break;
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits++;
      } else if (c === 45 && i === from) negative = true;
      else simple = false;
    }
    if (digits === 0 && simple) out[field] = NaN;
    else if (simple && digits < 16) out[field] = negative ? -value : value;
    else out[field] = Number(text.slice(from, i));
    field++;
    i++;
  }
  return out;
}
