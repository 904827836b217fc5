// Typed access to reference.json (scipy / statsmodels outputs written by make-reference.py) for tests.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { CorrelationSummary } from "../correlation";

export type Reference = {
  versions: Record<string, string>;
  correlations: { name: string; x: number[]; y: number[]; expected: CorrelationSummary }[];
  krippendorff: { name: string; units: number[][]; expected: Record<string, number | null> }[];
  fleiss: { name: string; units: number[][]; categories: number[]; expected: number | null }[];
  mean_ci: { values: number[]; mean: number; ci95: [number, number] }[];
  special: {
    lgamma: [number, number][];
    betainc: [number, number, number, number][];
    erfc: [number, number][];
    t_ppf_975: [number, number][];
    t_sf: [number, number, number][];
  };
  /** mpmath at 40 digits */
  high_precision: { t_ppf_975: [number, number][]; betainc: [number, number, number, number][] };
};

export const reference: Reference = JSON.parse(readFileSync(new URL("./reference.json", import.meta.url), "utf8"));

/** |actual − expected| ≤ tol · max(1, |expected|); both null is a match. */
export function expectClose(actual: number | null, expected: number | null, label: string, tol = 1e-9) {
  if (expected === null || actual === null) {
    expect(actual, label).toBe(expected);
    return;
  }
  const bound = tol * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(bound);
}

/** Relative closeness for tiny positive numbers (p-values, tails): |a − e| ≤ tol · |e|, or both 0. */
export function expectRelative(actual: number, expected: number, label: string, tol = 1e-9) {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.abs(expected));
}
