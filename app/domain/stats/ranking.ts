// Stable argsort (bottom-up merge sort over typed arrays: sequential memory access, fast for 10^6
// values) and the rank transforms built on it.

const RUN = 16;

/**
 * Stable ascending order of `keys`: the returned permutation lists indices by key; equal keys keep
 * the order they have in `start` (default 0, 1, …, n − 1).
 */
export function argsort(keys: ArrayLike<number>, start?: Uint32Array): Uint32Array {
  const n = keys.length;
  let index: Uint32Array = start ? Uint32Array.from(start) : new Uint32Array(n);
  if (!start) for (let i = 0; i < n; i++) index[i] = i;
  let key: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = keys[index[i]];
  // Insertion sort of short runs, then merge passes.
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const k = key[i];
      const ix = index[i];
      let j = i - 1;
      while (j >= lo && key[j] > k) {
        key[j + 1] = key[j];
        index[j + 1] = index[j];
        j--;
      }
      key[j + 1] = k;
      index[j + 1] = ix;
    }
  }
  let key2: Float64Array = new Float64Array(n);
  let index2: Uint32Array = new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (key[i] <= key[j]) {
          key2[k] = key[i];
          index2[k++] = index[i++];
        } else {
          key2[k] = key[j];
          index2[k++] = index[j++];
        }
      }
      while (i < mid) {
        key2[k] = key[i];
        index2[k++] = index[i++];
      }
      while (j < hi) {
        key2[k] = key[j];
        index2[k++] = index[j++];
      }
    }
    [key, key2] = [key2, key];
    [index, index2] = [index2, index];
  }
  return index;
}

/** Ranks 1..n with ties given their average rank (scipy.stats.rankdata, method "average"). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  return averageRanksInOrder(values, argsort(values));
}

/** averageRanks given an ascending order of the values (any order of ties), e.g. one already sorted for
 *  another statistic. */
export function averageRanksInOrder(values: ArrayLike<number>, order: Uint32Array): Float64Array {
  const n = values.length;
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 … end
    for (let i = start; i < end; i++) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}
