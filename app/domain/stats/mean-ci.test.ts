import { describe, expect, it } from "vitest";
import { meanWithCI } from "./mean-ci";
import { expectClose, reference } from "./reference/reference";

describe("meanWithCI", () => {
  it("matches scipy.stats.t.interval(0.95, n − 1, loc=mean, scale=sem)", () => {
    for (const c of reference.mean_ci) {
      const got = meanWithCI(c.values);
      expect(got.n).toBe(c.values.length);
      expectClose(got.mean, c.mean, `mean n=${c.values.length}`, 1e-12);
      expectClose(got.ci95![0], c.ci95[0], `lo n=${c.values.length}`);
      expectClose(got.ci95![1], c.ci95[1], `hi n=${c.values.length}`);
    }
  });

  it("uses t_{0.975, 1} = 12.706… for two values", () => {
    const got = meanWithCI([1, 3]);
    expect(got.mean).toBe(2);
    // s = √2, sem = 1, half-width = t_{0.975,1} = 12.706204736174705 (mpmath)
    expectClose(got.ci95![1], 2 + 12.706204736174705, "hi", 1e-13);
  });

  it("is null where undefined", () => {
    expect(meanWithCI([])).toEqual({ n: 0, mean: null, ci95: null });
    expect(meanWithCI([4])).toEqual({ n: 1, mean: 4, ci95: null });
    expect(meanWithCI([3, 3, 3])).toEqual({ n: 3, mean: 3, ci95: [3, 3] });
    expect(() => meanWithCI([1, NaN])).toThrow(RangeError);
  });
});
