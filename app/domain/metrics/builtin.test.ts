import { describe, expect, it } from "vitest";
import { BUILTIN_METRIC_SETS, getBuiltinMetricSet, parseCustomMetricSet } from "./builtin";

const TABLE: [string, string, string][] = [
  ["conversational_ability", "Fluency", "对话流利度"],
  ["conversational_ability", "Coherence", "对话连贯性"],
  ["conversational_ability", "Consistency", "对话一致性"],
  ["character_consistency_knowledge", "Exposure", "知识曝光度"],
  ["character_consistency_knowledge", "Accuracy", "知识准确率"],
  ["character_consistency_knowledge", "Hallucination", "知识幻觉性"],
  ["character_consistency_persona", "Behavior", "行为一致性"],
  ["character_consistency_persona", "Utterance", "言语一致性"],
  ["roleplay_attractiveness", "Humanlikeness", "类人程度"],
  ["roleplay_attractiveness", "Communication_skills", "交流技巧"],
  ["roleplay_attractiveness", "Diversity", "表现多样性"],
  ["roleplay_attractiveness", "Empathy", "共情度"],
];

describe("charactereval built-in set", () => {
  const set = getBuiltinMetricSet("charactereval")!;

  it("has the 12 metrics of product.md §2 with exact keys, Chinese names and dimensions, in order", () => {
    expect(set.metrics.map((m) => [m.dimension, m.key, m.nameZh])).toEqual(TABLE);
  });

  it("has the 4 dimensions with their Chinese names", () => {
    expect(set.dimensions.map((d) => [d.key, d.nameZh])).toEqual([
      ["conversational_ability", "对话能力"],
      ["character_consistency_knowledge", "角色一致性（知识）"],
      ["character_consistency_persona", "角色一致性（人设）"],
      ["roleplay_attractiveness", "角色扮演吸引力"],
    ]);
  });

  it("uses 1–5, higher is better, everywhere", () => {
    for (const m of set.metrics) {
      expect([m.scaleMin, m.scaleMax, m.higherIsBetter]).toEqual([1, 5, true]);
    }
  });

  it("derives English display names from keys", () => {
    expect(set.metrics.find((m) => m.key === "Communication_skills")!.nameEn).toBe("Communication skills");
  });

  it("states that Hallucination 5 means no knowledge the character could not have", () => {
    const h = set.metrics.find((m) => m.key === "Hallucination")!;
    expect(h.definitionEn).toMatch(/5 = the character never claims knowledge it could not have/);
    expect(h.definitionZh).toMatch(/5分 = 角色从不声称知道其不可能知道的事/);
  });
});

describe("characterbench-mixed built-in set", () => {
  const set = getBuiltinMetricSet("characterbench-mixed")!;

  it("mixes 1–5, 1–3 and 1–2 scales", () => {
    expect(set.metrics.length).toBeGreaterThanOrEqual(6);
    const maxes = new Set(set.metrics.map((m) => m.scaleMax));
    expect([...maxes].sort()).toEqual([2, 3, 5]);
    for (const m of set.metrics) expect(m.scaleMin).toBe(1);
    expect(set.nameEn).toBe("CharacterBench-style (mixed scales)");
  });

  it("uses every declared dimension", () => {
    const used = new Set(set.metrics.map((m) => m.dimension));
    expect(set.dimensions.map((d) => d.key).every((k) => used.has(k))).toBe(true);
  });
});

describe.each(BUILTIN_METRIC_SETS.map((s) => [s.key, s] as const))("built-in set %s", (_key, set) => {
  it("validates with the custom-set schema and round-trips unchanged", () => {
    expect(parseCustomMetricSet(set)).toEqual(set);
    expect(parseCustomMetricSet(JSON.stringify(set))).toEqual(set);
  });

  it("has non-empty EN and ZH definitions and anchors for every metric", () => {
    for (const m of set.metrics) {
      for (const f of [m.nameEn, m.nameZh, m.definitionEn, m.definitionZh, m.anchorLowEn, m.anchorLowZh, m.anchorHighEn, m.anchorHighZh]) {
        expect(f.trim().length, m.key).toBeGreaterThan(0);
      }
      expect(m.definitionEn.length, m.key).toBeGreaterThan(80);
      expect(m.definitionZh, m.key).toMatch(/[\u4e00-\u9fff]/);
      expect(m.anchorLowZh, m.key).toMatch(/[\u4e00-\u9fff]/);
      expect(m.anchorHighZh, m.key).toMatch(/[\u4e00-\u9fff]/);
      // anchors carry a tiny example reply in quotes
      expect(m.anchorLowEn, m.key).toMatch(/"/);
      expect(m.anchorHighEn, m.key).toMatch(/"/);
      expect(m.anchorLowZh, m.key).toMatch(/[“"]/);
      expect(m.anchorHighZh, m.key).toMatch(/[“"]/);
    }
  });

  it("has no duplicate anchors or definitions", () => {
    const texts = set.metrics.flatMap((m) => [m.definitionEn, m.anchorLowEn, m.anchorHighEn, m.definitionZh]);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe("getBuiltinMetricSet", () => {
  it("returns undefined for an unknown key", () => {
    expect(getBuiltinMetricSet("nope")).toBeUndefined();
  });

  it("returns a copy that callers may edit without touching the built-in", () => {
    const copy = getBuiltinMetricSet("charactereval")!;
    copy.metrics[0].definitionEn = "changed";
    copy.metrics.pop();
    const again = getBuiltinMetricSet("charactereval")!;
    expect(again.metrics).toHaveLength(12);
    expect(again.metrics[0].definitionEn).not.toBe("changed");
  });
});
