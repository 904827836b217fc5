// Human ceiling: how well two random halves of the human ratings of each unit correlate.
import { correlationSummary, type CorrelationSummary } from "./correlation";
import { createRng, shuffleInPlace } from "../random";
import { assertFiniteUnits } from "./units";

function meanOf(values: number[], from: number, to: number): number {
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
  const rng = createRng(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (const unit of units) {
    if (unit.length < 2) continue;
    const shuffled = shuffleInPlace([...unit], rng);
    const half = Math.floor(shuffled.length / 2);
    x.push(meanOf(shuffled, 0, half));
    y.push(meanOf(shuffled, half, shuffled.length));
  }
  return correlationSummary(x, y);
}
