import { describe, expect, it } from "vitest";
import { BUILTIN_METRIC_SETS } from "./builtin";
import { definitionOf, documentOf, metricSetDocumentIssues, parseMetricSetDocument, storedAnchors, structuralChanges } from "./document";
import { MetricSetValidationError } from "./schema";
import { warmthDocument } from "../../../seeds/metric-set-document";

function issuesOf(doc: unknown): string[] {
  try {
    parseMetricSetDocument(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(MetricSetValidationError);
    return (e as MetricSetValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("expected the document to be refused");
}

function withMetric(patch: Record<string, unknown>, i = 0) {
  const d = warmthDocument() as Record<string, unknown> & { metrics: Record<string, unknown>[] };
  d.metrics[i] = { ...d.metrics[i], ...patch };
  return d;
}

describe("metric-set document: good documents", () => {
  it("comes back unchanged, byte for byte, from a canonical document", () => {
    const doc = warmthDocument();
    expect(JSON.stringify(parseMetricSetDocument(JSON.stringify(doc)), null, 2)).toBe(JSON.stringify(doc, null, 2));
  });

  it("fills higher_is_better and anchors, and orders anchors by scale point", () => {
    const d = withMetric({ higher_is_better: undefined, anchors: { "3": { en: "c", zh: "c" }, "1": { en: "a", zh: "a" } } });
    delete d.metrics[1].anchors;
    const out = parseMetricSetDocument(JSON.parse(JSON.stringify(d)));
    expect(out.metrics[0].higher_is_better).toBe(true);
    expect(Object.keys(out.metrics[0].anchors)).toEqual(["1", "3"]);
    expect(out.metrics[1].anchors).toEqual({});
  });

  it("accepts 2 and 11 points", () => {
    expect(metricSetDocumentIssues(withMetric({ min: 1, max: 2, anchors: {} }))).toEqual([]);
    expect(metricSetDocumentIssues(withMetric({ min: 0, max: 10, anchors: {} }))).toEqual([]);
  });

  it("makes a project's metrics: dimensions from the set, anchor_low/high = the anchors at min and max", () => {
    const set = definitionOf(parseMetricSetDocument(warmthDocument()));
    expect(set.dimensions).toEqual([
      { key: "Persona", nameEn: "Persona", nameZh: "Persona" },
      { key: "Safety", nameEn: "Safety", nameZh: "Safety" },
    ]);
    const [warmth, tox] = set.metrics;
    expect([warmth.scaleMin, warmth.scaleMax, warmth.anchorLowEn, warmth.anchorHighZh]).toEqual([1, 3, "Cold.", "温暖。"]);
    expect([tox.higherIsBetter, tox.anchorLowZh, tox.anchorHighEn]).toEqual([false, "无害。", ""]);
  });

  it("turns every built-in set into a valid document that makes the same metrics again", () => {
    for (const builtin of BUILTIN_METRIC_SETS) {
      const doc = documentOf(builtin);
      expect(metricSetDocumentIssues(doc)).toEqual([]);
      const again = definitionOf(parseMetricSetDocument(JSON.parse(JSON.stringify(doc))));
      expect(again.dimensions).toEqual(builtin.dimensions);
      expect(again.metrics.map(({ anchors: _, ...m }) => m)).toEqual(builtin.metrics);
    }
  });
});

describe("metric-set document: bad documents are refused naming the field", () => {
  it.each([
    ["min ≥ max", { min: 3, max: 3 }, "metrics[0].max: must be greater than min (got min 3, max 3)"],
    ["12 points", { min: 0, max: 11, anchors: {} }, "metrics[0].max: the scale must have 2 to 11 points (got 12)"],
    ["a fractional scale", { max: 3.5 }, "metrics[0].max: must be an integer"],
    ["a missing name_zh", { name_zh: undefined }, "metrics[0].name_zh: is required"],
    ["a blank name_en", { name_en: "  " }, "metrics[0].name_en: must not be empty"],
    [
      "an anchor off the scale",
      { anchors: { "4": { en: "x", zh: "x" } } },
      "metrics[0].anchors.4: anchors are only for the scale's points 1–3",
    ],
    [
      "an anchor that is not a point",
      { anchors: { low: { en: "x", zh: "x" } } },
      "metrics[0].anchors.low: anchors are only for the scale's points 1–3",
    ],
    ["an anchor without zh", { anchors: { "1": { en: "x" } } }, "metrics[0].anchors.1.zh: is required"],
    [
      "a bad key",
      { key: "1st" },
      "metrics[0].key: must start with a letter and contain only letters, digits and _ (at most 64 characters)",
    ],
    ["a string direction", { higher_is_better: "yes" }, "metrics[0].higher_is_better: expected boolean, got string"],
    ["an unknown field", { scale: 5 }, 'metrics[0]: unknown field(s): "scale"'],
  ])("%s", (_, patch, issue) => {
    expect(issuesOf(withMetric(patch))).toContain(issue);
  });

  it("duplicate metric keys (case-insensitive)", () => {
    expect(issuesOf(withMetric({ key: "warmth" }, 1))).toContain(
      'metrics[1].key: duplicate metric key "warmth" (already used by metrics[0])',
    );
  });

  it("a missing set name, no metrics, and text that is not JSON", () => {
    expect(issuesOf({ ...warmthDocument(), name_zh: undefined })).toContain("name_zh: is required");
    expect(issuesOf({ ...warmthDocument(), metrics: [] })).toContain("metrics: must contain at least one metric");
    expect(issuesOf("{ nope")[0]).toMatch(/^\(root\): not valid JSON/);
  });

  it("names every field in the error message", () => {
    expect(() => parseMetricSetDocument(withMetric({ min: 5, max: 1, name_zh: "" }))).toThrow(
      /metrics\[0\]\.name_zh: must not be empty; metrics\[0\]\.max: must be greater than min/,
    );
  });
});

describe("structuralChanges", () => {
  const base = () => parseMetricSetDocument(warmthDocument());
  it("is empty for wording edits", () => {
    const after = parseMetricSetDocument(withMetric({ name_en: "Kindness", definition_zh: "新的定义。", dimension: "Tone" }));
    expect(structuralChanges(base(), after)).toEqual([]);
  });
  it("names added, removed, rescaled and turned metrics", () => {
    const d = withMetric({ max: 5 });
    d.metrics[1] = { ...d.metrics[1], higher_is_better: true };
    d.metrics.push({ ...d.metrics[0], key: "Humour" });
    expect(structuralChanges(base(), parseMetricSetDocument(d))).toEqual([
      'scale of "Warmth" changed from 1–3 to 1–5',
      'direction of "Toxicity" changed',
      'metric "Humour" added',
    ]);
    const fewer = warmthDocument();
    fewer.metrics.pop();
    expect(structuralChanges(base(), parseMetricSetDocument(fewer))).toEqual(['metric "Toxicity" removed or renamed']);
  });
});

describe("storedAnchors", () => {
  const row = { scaleMin: 1, scaleMax: 3, anchorLowEn: "low", anchorLowZh: "低", anchorHighEn: "", anchorHighZh: "" };
  it("reads the anchors column, and falls back to low/high for a copy made before it existed", () => {
    expect(storedAnchors({ ...row, anchors: '{"2":{"en":"mid","zh":"中"}}' })).toEqual({ "2": { en: "mid", zh: "中" } });
    expect(storedAnchors({ ...row, anchors: "{}" })).toEqual({ "1": { en: "low", zh: "低" } });
    expect(storedAnchors({ ...row, anchors: "not json" })).toEqual({ "1": { en: "low", zh: "低" } });
  });
});
