import { describe, expect, it } from "vitest";
import { countCoverage, planSubsets } from "./plan-subsets";

const METRICS = [
  "Fluency",
  "Coherence",
  "Consistency",
  "Exposure",
  "Accuracy",
  "Hallucination",
  "Behavior",
  "Utterance",
  "Humanlikeness",
  "Communication_skills",
  "Diversity",
  "Empathy",
];
const dialogues = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `d${i + 1}` }));
const spread = (counts: Record<string, number>) => {
  const v = Object.values(counts);
  return Math.max(...v) - Math.min(...v);
};

describe("planSubsets", () => {
  it("is deterministic for the same seed", () => {
    const input = { dialogues: dialogues(200), metricKeys: METRICS, perDialogue: 3, seed: 2024 };
    const a = planSubsets(input);
    const b = planSubsets({ ...input, dialogues: dialogues(200) });
    expect([...b.entries()]).toEqual([...a.entries()]);
  });

  it("depends on the seed", () => {
    const base = { dialogues: dialogues(50), metricKeys: METRICS, perDialogue: 2 };
    const a = [...planSubsets({ ...base, seed: 1 }).values()];
    const b = [...planSubsets({ ...base, seed: 2 }).values()];
    expect(b).not.toEqual(a);
  });

  it("keys the map by dialogue id in import order", () => {
    const plan = planSubsets({ dialogues: dialogues(5), metricKeys: METRICS, perDialogue: 1, seed: 0 });
    expect([...plan.keys()]).toEqual(["d1", "d2", "d3", "d4", "d5"]);
  });

  it("gives each dialogue perDialogue distinct metrics, in metric-set order", () => {
    const plan = planSubsets({ dialogues: dialogues(100), metricKeys: METRICS, perDialogue: 5, seed: 9 });
    for (const subset of plan.values()) {
      expect(subset).toHaveLength(5);
      expect(new Set(subset).size).toBe(5);
      const idx = subset.map((k) => METRICS.indexOf(k));
      expect(idx).toEqual([...idx].sort((x, y) => x - y));
    }
  });

  it.each([
    [1, 1],
    [1, 7],
    [1, 13],
    [3, 5],
    [5, 37],
    [11, 4564],
    [12, 10],
    [2, 4564],
  ])("keeps coverage balanced (perDialogue %i, %i dialogues): max − min ≤ 1", (m, n) => {
    const plan = planSubsets({ dialogues: dialogues(n), metricKeys: METRICS, perDialogue: m, seed: n * 31 + m });
    const cov = countCoverage(plan, METRICS);
    expect(spread(cov)).toBeLessThanOrEqual(1);
    expect(Object.values(cov).reduce((s, x) => s + x, 0)).toBe(n * m);
  });

  it("stays balanced after every prefix of dialogues", () => {
    const plan = planSubsets({ dialogues: dialogues(60), metricKeys: METRICS, perDialogue: 5, seed: 5 });
    const cov: Record<string, number> = Object.fromEntries(METRICS.map((k) => [k, 0]));
    for (const subset of plan.values()) {
      for (const k of subset) cov[k]++;
      expect(spread(cov)).toBeLessThanOrEqual(1);
    }
  });

  it("picks the least-covered metrics first, counting existingCounts", () => {
    const existing = { Fluency: 10, Coherence: 10, Consistency: 0, Exposure: 10 };
    const plan = planSubsets({
      dialogues: dialogues(3),
      metricKeys: ["Fluency", "Coherence", "Consistency", "Exposure"],
      perDialogue: 1,
      seed: 3,
      existingCounts: existing,
    });
    expect([...plan.values()]).toEqual([["Consistency"], ["Consistency"], ["Consistency"]]);
  });

  it("fills the gap left by existingCounts, then balances", () => {
    const keys = ["A", "B", "C"];
    const plan = planSubsets({ dialogues: dialogues(6), metricKeys: keys, perDialogue: 1, seed: 11, existingCounts: { A: 4, B: 2 } });
    const cov = countCoverage(plan, keys, { A: 4, B: 2 });
    expect(cov).toEqual({ A: 4, B: 4, C: 4 });
    // C (0) must be chosen before anything else reaches it
    expect([...plan.values()].slice(0, 2)).toEqual([["C"], ["C"]]);
  });

  it("ignores existingCounts for metrics outside metricKeys", () => {
    const plan = planSubsets({ dialogues: dialogues(2), metricKeys: ["A", "B"], perDialogue: 1, seed: 1, existingCounts: { Z: 5 } });
    expect(countCoverage(plan, ["A", "B"])).toEqual({ A: 1, B: 1 });
  });

  it("breaks ties randomly rather than always by set order", () => {
    const firsts = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const plan = planSubsets({ dialogues: dialogues(1), metricKeys: METRICS, perDialogue: 1, seed });
      firsts.add(plan.get("d1")![0]);
    }
    expect(firsts.size).toBeGreaterThan(5);
  });

  it("returns an empty map for zero dialogues", () => {
    expect(planSubsets({ dialogues: [], metricKeys: METRICS, perDialogue: 2, seed: 1 }).size).toBe(0);
  });

  it("allows perDialogue equal to the number of metrics (every dialogue gets all)", () => {
    const plan = planSubsets({ dialogues: dialogues(3), metricKeys: ["A", "B"], perDialogue: 2, seed: 1 });
    expect([...plan.values()]).toEqual([
      ["A", "B"],
      ["A", "B"],
      ["A", "B"],
    ]);
  });

  it.each([
    [{ perDialogue: 13 }, /perDialogue \(13\) exceeds the number of metrics \(12\)/],
    [{ perDialogue: 0 }, /perDialogue must be an integer ≥ 1/],
    [{ perDialogue: 1.5 }, /perDialogue must be an integer ≥ 1/],
    [{ metricKeys: [] as string[] }, /exceeds the number of metrics \(0\)/],
    [{ metricKeys: ["A", "B", "A"] }, /metricKeys contains a duplicate: A/],
    [{ dialogues: [{ id: "x" }, { id: "x" }] }, /duplicate dialogue id: x/],
    [{ existingCounts: { Fluency: -1 } }, /existingCounts\.Fluency must be an integer ≥ 0/],
    [{ seed: 0.5 }, /seed must be an integer/],
  ])("rejects bad input %j", (patch, msg) => {
    const input = { dialogues: dialogues(3), metricKeys: METRICS, perDialogue: 2, seed: 1, ...patch };
    expect(() => planSubsets(input)).toThrow(msg);
  });
});
