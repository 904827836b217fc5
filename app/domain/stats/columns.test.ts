// The columnar entry points (ratings as CSR columns: unit u's values are score[start[u] … start[u+1] − 1])
// against the plain ones on arrays of units: the same numbers, to the last bit.
import { describe, expect, it } from "vitest";
import { agreementOf, agreementSummary } from "./agreement";
import { bootstrapAlphaCI, bootstrapAlphaCIOf } from "./bootstrap";
import { humanCeiling, humanCeilingOf } from "./human-ceiling";
import { codeOf, encodeColumns, encodeUnits } from "./krippendorff";
import { createRng } from "../random";

function columnsOf(units: number[][]) {
  const start = new Int32Array(units.length + 1);
  units.forEach((u, i) => (start[i + 1] = start[i] + u.length));
  return { start, score: Float64Array.from(units.flat()) };
}

function simulated(count: number, seed: number, real = false): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const truth = 1 + rng() * 4;
    return Array.from({ length: Math.floor(rng() * 6) }, () => {
      const v = truth + (rng() - 0.5) * 2;
      return real ? v : Math.min(5, Math.max(1, Math.round(v)));
    });
  });
}

describe("encodeColumns", () => {
  it("encodes a hand-made example: pairable units only, categories ascending", () => {
    // units [3, 1], [2], [3, 3, 5] → pairable: the first and the last; categories 1, 3, 5
    const { start, score } = columnsOf([[3, 1], [2], [3, 3, 5]]);
    const e = encodeColumns(start, score);
    expect(e.categories.values).toEqual([1, 3, 5]);
    expect(Array.from(e.offsets)).toEqual([0, 2, 5]);
    expect(Array.from(e.codes)).toEqual([1, 0, 1, 1, 2]);
    // only the listed units, in the listed order
    const listed = encodeColumns(start, score, [2, 1, 0]);
    expect(Array.from(listed.offsets)).toEqual([0, 3, 5]);
    expect(Array.from(listed.codes)).toEqual([1, 1, 2, 1, 0]);
  });

  it("equals encodeUnits of the listed units, for integer and real values", () => {
    for (const real of [false, true]) {
      const units = simulated(500, 3, real);
      const { start, score } = columnsOf(units);
      const listed = Int32Array.from({ length: 200 }, (_, i) => (i * 7) % 500);
      expect(encodeColumns(start, score, listed)).toEqual(encodeUnits(Array.from(listed, (u) => units[u])));
      expect(encodeColumns(start, score)).toEqual(encodeUnits(units));
    }
  });

  it("refuses a value that is not a finite number", () => {
    const { start, score } = columnsOf([[1, NaN]]);
    expect(() => encodeColumns(start, score)).toThrow(RangeError);
  });
});

describe("codeOf", () => {
  it("maps values to their index, −1 for anything else, by table or by Map", () => {
    for (const values of [
      [1, 2, 5],
      [0.5, 2, 7.25],
      [-3, 1e9],
    ]) {
      const code = codeOf(values, new Map(values.map((v, i) => [v, i])));
      values.forEach((v, i) => expect(code(v)).toBe(i));
      expect(code(3)).toBe(-1);
      expect(code(1.5)).toBe(-1);
      expect(code(-100)).toBe(-1);
    }
  });
});

describe("columnar statistics", () => {
  it("agreementOf an encoding equals agreementSummary of the units", () => {
    const units = simulated(800, 5);
    const { start, score } = columnsOf(units);
    expect(agreementOf(encodeColumns(start, score), [1, 2, 3, 4, 5])).toEqual(agreementSummary(units, [1, 2, 3, 4, 5]));
    expect(agreementOf(encodeColumns(start, score, []), [1, 2, 3])).toEqual(agreementSummary([], [1, 2, 3]));
  });

  it("bootstrapAlphaCIOf equals bootstrapAlphaCI", () => {
    const units = simulated(300, 6);
    const { start, score } = columnsOf(units);
    const options = { seed: 4, iterations: 100 };
    for (const level of ["interval", "ordinal"] as const) {
      expect(bootstrapAlphaCIOf(encodeColumns(start, score), level, options)).toEqual(bootstrapAlphaCI(units, level, options));
    }
  });

  it("humanCeilingOf the listed units equals humanCeiling of those units", () => {
    const units = simulated(600, 7);
    const { start, score } = columnsOf(units);
    const listed = Int32Array.from({ length: 300 }, (_, i) => 599 - 2 * i);
    expect(humanCeilingOf(start, score, 9, listed)).toEqual(
      humanCeiling(
        Array.from(listed, (u) => units[u]),
        9,
      ),
    );
    expect(humanCeilingOf(start, score, 9)).toEqual(humanCeiling(units, 9));
  });
});
