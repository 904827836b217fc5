// Human ceiling: how well two random halves of the human ratings of each unit correlate.
import { correlationSummary, type CorrelationSummary } from "./correlation";
import { createRng, shuffleInPlace } from "../random";
import { assertFiniteUnits, unitColumns } from "./units";

function meanOf(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}

/**
 * For each unit with ≥ 2 ratings (in input order), shuffle a copy of its ratings with one rng seeded by
 * `seed`, split into the first ⌊m/2⌋ and the rest, and take each half's mean as x and y; then
 * correlationSummary(x, y). The input is not modified.
 */
export function humanCeiling(units: number[][], seed: number): CorrelationSummary {
  assertFiniteUnits(units);
  const { start, score } = unitColumns(units);
  return humanCeilingOf(start, score, seed);
}

/** humanCeiling of ratings held as columns (unit u's are score[start[u] … start[u+1] − 1]), over the
 *  listed units in that order (all units when omitted). */
export function humanCeilingOf(
  start: ArrayLike<number>,
  score: ArrayLike<number>,
  seed: number,
  units?: ArrayLike<number>,
): CorrelationSummary {
  const rng = createRng(seed);
  const listed = units ? units.length : start.length - 1;
  let pairable = 0;
  let widest = 0;
  for (let i = 0; i < listed; i++) {
    const u = units ? units[i] : i;
    const m = start[u + 1] - start[u];
    if (m >= 2) pairable++;
    if (m > widest) widest = m;
  }
  const x = new Float64Array(pairable);
  const y = new Float64Array(pairable);
  const scratch = new Float64Array(widest);
  let k = 0;
  for (let i = 0; i < listed; i++) {
    const u = units ? units[i] : i;
    const m = start[u + 1] - start[u];
    if (m < 2) continue;
    const shuffled = scratch.subarray(0, m);
    for (let j = 0; j < m; j++) shuffled[j] = score[start[u] + j];
    shuffleInPlace(shuffled, rng);
    const half = Math.floor(m / 2);
    x[k] = meanOf(shuffled, 0, half);
    y[k++] = meanOf(shuffled, half, m);
  }
  return correlationSummary(x, y);
}
