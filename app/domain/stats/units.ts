// Shared input checks and helpers for unit-shaped data (the values given to each unit).

/** Units with at least 2 values: the only ones that enter agreement statistics. */
export function pairableUnits(units: number[][]): number[][] {
  return units.filter((unit) => unit.length >= 2);
}

/** Units as columns: unit u's values are score[start[u] … start[u+1] − 1]. */
export function unitColumns(units: number[][]): { start: Int32Array; score: Float64Array } {
  const start = new Int32Array(units.length + 1);
  for (let u = 0; u < units.length; u++) start[u + 1] = start[u] + units[u].length;
  const score = new Float64Array(start[units.length]);
  units.forEach((unit, u) => score.set(unit, start[u]));
  return { start, score };
}

export function assertFiniteUnits(units: number[][]): void {
  for (let u = 0; u < units.length; u++) {
    for (const v of units[u]) {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(`unit ${u}: value ${String(v)} is not a finite number`);
      }
    }
  }
}

export function assertFiniteSeries(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}]: ${String(v)} is not a finite number`);
    }
  }
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Finite number or null: statistics never leak NaN or ±Infinity. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function assertPairedSeries(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) throw new RangeError(`x and y differ in length (${x.length} vs ${y.length})`);
  assertFiniteSeries("x", x);
  assertFiniteSeries("y", y);
}

export function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
