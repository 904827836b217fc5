import { describe, expect, it } from "vitest";
import { bootstrapStrengths, type DialogueComparisons } from "./bootstrap";
import { bradleyTerry } from "./bradley-terry";
import { syntheticComparisons } from "./testing/generate";

const data = (comparisons: number, seed = 11) => syntheticComparisons({ comparisons, models: 4, dialogues: comparisons / 10, seed });

describe("bootstrapStrengths", () => {
  it("returns the full-data θ of bradleyTerry, inside each model's interval", () => {
    const input = data(2000);
    const boot = bootstrapStrengths(input, 4, { seed: 1, replicates: 200 });
    const fit = bradleyTerry(input, 4);
    expect(boot.dialogues).toBe(200);
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(boot.theta[i] - fit.theta[i])).toBeLessThan(1e-10);
      const [lo, hi] = boot.ci95[i];
      expect(lo).toBeLessThan(fit.theta[i]);
      expect(hi).toBeGreaterThan(fit.theta[i]);
    }
  });

  it("is reproducible for a seed and differs between seeds", () => {
    const input = data(1000);
    const one = bootstrapStrengths(input, 4, { seed: 5, replicates: 100 });
    expect(bootstrapStrengths(input, 4, { seed: 5, replicates: 100 }).ci95).toEqual(one.ci95);
    expect(bootstrapStrengths(input, 4, { seed: 6, replicates: 100 }).ci95).not.toEqual(one.ci95);
  });

  it("narrows with more data (about 1/√n)", () => {
    const width = (input: DialogueComparisons) => {
      const boot = bootstrapStrengths(input, 4, { seed: 2, replicates: 300 });
      return boot.ci95.reduce((s, [lo, hi]) => s + hi - lo, 0) / 4;
    };
    const small = width(data(1000, 1));
    const large = width(data(16000, 1));
    expect(large).toBeLessThan(small / 2.5); // √16 = 4; leave room for sampling noise
  });

  it("resamples whole dialogues: one dialogue gives zero-width intervals", () => {
    const input = { ...data(300), dialogue: new Int32Array(300).fill(7) };
    const boot = bootstrapStrengths(input, 4, { seed: 1, replicates: 20 });
    expect(boot.dialogues).toBe(1);
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(boot.ci95[i][0] - boot.theta[i])).toBeLessThan(1e-9);
      expect(Math.abs(boot.ci95[i][1] - boot.theta[i])).toBeLessThan(1e-9);
    }
  });

  it("rejects negative dialogue indexes and a non-positive number of replicates", () => {
    const input = data(100);
    expect(() => bootstrapStrengths({ ...input, dialogue: new Int32Array(100).fill(-1) }, 4, { seed: 1 })).toThrow(/dialogue/);
    expect(() => bootstrapStrengths(input, 4, { seed: 1, replicates: 0 })).toThrow(/replicates/);
  });
});
