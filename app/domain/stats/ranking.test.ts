import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import { argsort, averageRanks } from "./ranking";

describe("argsort", () => {
  it("sorts ascending and keeps equal keys in their starting order (stable)", () => {
    const rng = createRng(3);
    for (const n of [0, 1, 2, 15, 16, 17, 100, 1000]) {
      const keys = Array.from({ length: n }, () => Math.floor(rng() * 7) - 3);
      const order = Array.from(argsort(keys));
      const expected = keys
        .map((k, i) => [k, i])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .map((p) => p[1]);
      expect(order).toEqual(expected);
    }
  });

  it("breaks ties by a given starting order (lexicographic sort in two passes)", () => {
    const x = [2, 1, 2, 1, 2];
    const y = [5, 9, 1, 3, 3];
    const order = Array.from(argsort(x, argsort(y)));
    expect(order.map((i) => [x[i], y[i]])).toEqual([
      [1, 3],
      [1, 9],
      [2, 1],
      [2, 3],
      [2, 5],
    ]);
  });
});

describe("averageRanks", () => {
  it("gives ties their mean rank", () => {
    expect(Array.from(averageRanks([10, 20, 10, 30, 20, 20]))).toEqual([1.5, 4, 1.5, 6, 4, 4]);
    expect(Array.from(averageRanks([0.5, -2, 7]))).toEqual([2, 1, 3]);
    expect(Array.from(averageRanks([]))).toEqual([]);
  });
});
