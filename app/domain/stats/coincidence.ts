// Coincidence matrix of Krippendorff (2011) over the distinct values of the data, and α from it.
// A unit with m ≥ 2 values adds, for every ordered pair of its values (c, k) taken from different
// positions, 1/(m − 1) to o[c][k]. Marginals n_c count the pairable values equal to c.

export type AlphaLevel = "nominal" | "ordinal" | "interval" | "ratio";

/** Sorted distinct values and a value → category index lookup. */
export type Categories = { values: number[]; indexOf: Map<number, number> };

export function categoriesOf(values: Iterable<number>): Categories {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const indexOf = new Map<number, number>();
  distinct.forEach((v, i) => indexOf.set(v, i));
  return { values: distinct, indexOf };
}

export class CoincidenceMatrix {
  readonly size: number;
  /** o[c·size + k] */
  readonly o: Float64Array;
  /** n_c: pairable values per category (integer counts, kept exactly) */
  readonly marginals: Float64Array;
  private readonly scratch: Float64Array;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.size = size;
    this.o = new Float64Array(size * size);
    this.marginals = new Float64Array(size);
    this.scratch = new Float64Array(size);
  }

  clone(): CoincidenceMatrix {
    const copy = new CoincidenceMatrix(this.size);
    copy.o.set(this.o);
    copy.marginals.set(this.marginals);
    return copy;
  }

  /**
   * Adds (weight = 1) or removes (weight = −1) the contribution of one unit given as category indices
   * `categories[from … to − 1]`; `weight` may also be a multiplicity (bootstrap). Units with fewer than
   * 2 values contribute nothing. Cost: O(m + d²), d = distinct categories in the unit.
   */
  addUnit(categories: ArrayLike<number>, weight = 1, from = 0, to = categories.length): void {
    const m = to - from;
    if (m < 2) return;
    const { scratch, touched, size, o, marginals } = this;
    for (let i = from; i < to; i++) {
      const c = categories[i];
      if (scratch[c] === 0) touched.push(c);
      scratch[c] += 1;
    }
    const w = weight / (m - 1);
    for (let a = 0; a < touched.length; a++) {
      const c = touched[a];
      const nc = scratch[c];
      marginals[c] += weight * nc;
      o[c * size + c] += w * nc * (nc - 1);
      for (let b = a + 1; b < touched.length; b++) {
        const k = touched[b];
        const add = w * nc * scratch[k];
        o[c * size + k] += add;
        o[k * size + c] += add;
      }
    }
    for (let a = 0; a < touched.length; a++) scratch[touched[a]] = 0;
    touched.length = 0;
  }

  /** Total number of pairable values n. */
  total(): number {
    let n = 0;
    for (let c = 0; c < this.size; c++) n += this.marginals[c];
    return n;
  }
}

/** δ²(c, k) for every pair of categories, as a flat size × size array. */
export function squaredDistances(level: AlphaLevel, values: number[], marginals: ArrayLike<number>): Float64Array {
  const size = values.length;
  const delta = new Float64Array(size * size);
  if (!["nominal", "ordinal", "interval", "ratio"].includes(level)) {
    throw new RangeError(`unknown level of measurement: ${String(level)}`);
  }
  if (level === "ratio" && values.some((v) => v < 0)) {
    throw new RangeError("Krippendorff's α at the ratio level needs non-negative values");
  }
  // Ordinal: δ_ck = Σ_{g=c..k} n_g − (n_c + n_k)/2 = position(k) − position(c), with
  // position(c) = Σ_{g<c} n_g + n_c/2 (cumulative mid-rank of category c).
  const position = new Float64Array(size);
  if (level === "ordinal") {
    let cumulative = 0;
    for (let c = 0; c < size; c++) {
      position[c] = cumulative + marginals[c] / 2;
      cumulative += marginals[c];
    }
  }
  for (let c = 0; c < size; c++) {
    for (let k = c + 1; k < size; k++) {
      let d: number;
      if (level === "nominal") d = 1;
      else if (level === "ordinal") d = (position[k] - position[c]) ** 2;
      else if (level === "interval") d = (values[k] - values[c]) ** 2;
      else d = ((values[k] - values[c]) / (values[k] + values[c])) ** 2;
      delta[c * size + k] = d;
      delta[k * size + c] = d;
    }
  }
  return delta;
}

/**
 * α = 1 − D_o / D_e = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 * Null when there is no pairable value or the expected disagreement is 0.
 */
export function alphaFromCoincidences(matrix: CoincidenceMatrix, values: number[], level: AlphaLevel): number | null {
  const { size, o, marginals } = matrix;
  const n = matrix.total();
  if (n < 2) return null;
  const delta = squaredDistances(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    const nc = marginals[c];
    for (let k = 0; k < size; k++) {
      const d = delta[c * size + k];
      if (d === 0) continue;
      observed += o[c * size + k] * d;
      expected += nc * marginals[k] * d;
    }
  }
  if (!(expected > 0)) return null;
  const alpha = 1 - ((n - 1) * observed) / expected;
  return Number.isFinite(alpha) ? alpha : null;
}
