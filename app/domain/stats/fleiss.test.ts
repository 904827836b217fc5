import { describe, expect, it } from "vitest";
import { fleissKappa } from "./fleiss";
import { expectClose, reference } from "./reference/reference";

describe("fleissKappa", () => {
  it("matches statsmodels fleiss_kappa(method='fleiss')", () => {
    expect(reference.fleiss.length).toBeGreaterThanOrEqual(5);
    for (const c of reference.fleiss) expectClose(fleissKappa(c.units, c.categories), c.expected, c.name);
  });

  it("matches Fleiss (1971)-style hand computation", () => {
    // 3 units × 2 raters: P_i = 1, 0, 1 → P̄ = 2/3; p = (3/6, 3/6) → P_e = 1/2; κ = (2/3 − 1/2)/(1/2) = 1/3
    expectClose(
      fleissKappa(
        [
          [1, 1],
          [1, 2],
          [2, 2],
        ],
        [1, 2],
      ),
      1 / 3,
      "hand",
      1e-15,
    );
  });

  it("is null when pairable units have different numbers of ratings", () => {
    expect(
      fleissKappa(
        [
          [1, 2],
          [3, 3, 3],
        ],
        [1, 2, 3, 4, 5],
      ),
    ).toBeNull();
  });

  it("ignores units with fewer than 2 ratings", () => {
    const units = [
      [1, 2],
      [3, 3],
      [2, 2],
    ];
    expect(fleissKappa([...units, [4], []], [1, 2, 3, 4, 5])).toBe(fleissKappa(units, [1, 2, 3, 4, 5]));
  });

  it("is null without pairable units and when all ratings fall in one category", () => {
    expect(fleissKappa([], [1, 2, 3])).toBeNull();
    expect(fleissKappa([[2], [3]], [1, 2, 3])).toBeNull();
    expect(
      fleissKappa(
        [
          [2, 2],
          [2, 2],
        ],
        [1, 2, 3],
      ),
    ).toBeNull();
  });

  it("rejects a rating outside the categories", () => {
    expect(() => fleissKappa([[1, 6]], [1, 2, 3, 4, 5])).toThrow(RangeError);
  });
});
