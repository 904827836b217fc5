import { describe, expect, it } from "vitest";
import { MetricSetValidationError, formatIssuePath, parseCustomMetricSet } from "./schema";

const good = () => ({
  key: "my-set",
  nameEn: "My set",
  dimensions: [
    { key: "style", nameEn: "Style", nameZh: "风格" },
    { key: "safety", nameEn: "Safety" },
  ],
  metrics: [
    { key: "Vividness", dimension: "style", definitionEn: "How vivid the reply is.", scaleMin: 0, scaleMax: 10 },
    { key: "Refusal_ok", dimension: "safety", definitionEn: "Refuses harmful requests.", scaleMin: 1, scaleMax: 2 },
    { key: "tone", dimension: "style", definitionEn: "Tone fits.", nameZh: "语气", definitionZh: "语气合适。" },
  ],
});

/** The issues parseCustomMetricSet throws, as "path: message" strings. */
function issuesOf(input: unknown): string[] {
  try {
    parseCustomMetricSet(input);
  } catch (e) {
    expect(e).toBeInstanceOf(MetricSetValidationError);
    return (e as MetricSetValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("expected a validation error");
}

describe("parseCustomMetricSet: good sets", () => {
  it("accepts a minimal custom set and fills defaults", () => {
    const set = parseCustomMetricSet(good());
    expect(set.nameZh).toBe("My set");
    expect(set.descriptionEn).toBe("");
    expect(set.dimensions[1]).toEqual({ key: "safety", nameEn: "Safety", nameZh: "Safety" });
    const [viv, ref, tone] = set.metrics;
    expect([viv.scaleMin, viv.scaleMax]).toEqual([0, 10]);
    expect([ref.scaleMin, ref.scaleMax]).toEqual([1, 2]);
    expect([tone.scaleMin, tone.scaleMax, tone.higherIsBetter]).toEqual([1, 5, true]);
    expect(ref.nameEn).toBe("Refusal ok");
    expect(ref.nameZh).toBe("Refusal ok");
    expect(tone.nameZh).toBe("语气");
    expect(tone.anchorLowEn).toBe("");
  });

  it("accepts a JSON string", () => {
    expect(parseCustomMetricSet(JSON.stringify(good())).metrics).toHaveLength(3);
  });

  it("accepts keys of 64 characters and higherIsBetter false", () => {
    const s = good();
    s.metrics[0].key = "A" + "b".repeat(63);
    (s.metrics[1] as Record<string, unknown>).higherIsBetter = false;
    const set = parseCustomMetricSet(s);
    expect(set.metrics[0].key).toHaveLength(64);
    expect(set.metrics[1].higherIsBetter).toBe(false);
  });
});

describe("parseCustomMetricSet: bad sets", () => {
  const cases: [string, (s: ReturnType<typeof good>) => unknown, RegExp][] = [
    [
      "duplicate metric key",
      (s) => {
        s.metrics[2].key = "Vividness";
        return s;
      },
      /^metrics\[2\]\.key: duplicate metric key "Vividness" \(already used by metrics\[0\]\)$/,
    ],
    [
      "duplicate metric key differing only in case",
      (s) => {
        s.metrics[2].key = "vividness";
        return s;
      },
      /^metrics\[2\]\.key: duplicate metric key/,
    ],
    [
      "duplicate dimension key",
      (s) => {
        s.dimensions[1].key = "style";
        return s;
      },
      /^dimensions\[1\]\.key: duplicate dimension key "style"/,
    ],
    [
      "key starting with a digit",
      (s) => {
        s.metrics[1].key = "1abc";
        return s;
      },
      /^metrics\[1\]\.key: must start with a letter/,
    ],
    [
      "key with a space",
      (s) => {
        s.metrics[0].key = "Com skills";
        return s;
      },
      /^metrics\[0\]\.key: must start with a letter/,
    ],
    [
      "key of 65 characters",
      (s) => {
        s.metrics[0].key = "a".repeat(65);
        return s;
      },
      /^metrics\[0\]\.key: /,
    ],
    [
      "empty key",
      (s) => {
        s.metrics[0].key = "";
        return s;
      },
      /^metrics\[0\]\.key: /,
    ],
    [
      "bad dimension key",
      (s) => {
        s.dimensions[0].key = "x-y";
        return s;
      },
      /^dimensions\[0\]\.key: must start with a letter/,
    ],
    [
      "undeclared dimension",
      (s) => {
        s.metrics[1].dimension = "emotion";
        return s;
      },
      /^metrics\[1\]\.dimension: dimension "emotion" is not declared in dimensions$/,
    ],
    [
      "min = max",
      (s) => {
        s.metrics[1].scaleMax = 1;
        return s;
      },
      /^metrics\[1\]\.scaleMax: must be greater than scaleMin/,
    ],
    [
      "min > max",
      (s) => {
        s.metrics[0].scaleMin = 7;
        s.metrics[0].scaleMax = 3;
        return s;
      },
      /^metrics\[0\]\.scaleMax: must be greater than scaleMin \(got scaleMin 7, scaleMax 3\)$/,
    ],
    [
      "span > 10",
      (s) => {
        s.metrics[0].scaleMax = 11;
        return s;
      },
      /^metrics\[0\]\.scaleMax: scale span .* at most 10 \(got 11\)$/,
    ],
    [
      "non-integer scale",
      (s) => {
        s.metrics[1].scaleMax = 2.5;
        return s;
      },
      /^metrics\[1\]\.scaleMax: must be an integer$/,
    ],
    [
      "string scale",
      (s) => {
        (s.metrics[1] as Record<string, unknown>).scaleMin = "1";
        return s;
      },
      /^metrics\[1\]\.scaleMin: expected number, got string$/,
    ],
    [
      "missing definitionEn",
      (s) => {
        delete (s.metrics[2] as Record<string, unknown>).definitionEn;
        return s;
      },
      /^metrics\[2\]\.definitionEn: is required$/,
    ],
    [
      "blank definitionEn",
      (s) => {
        s.metrics[2].definitionEn = "   ";
        return s;
      },
      /^metrics\[2\]\.definitionEn: must not be empty$/,
    ],
    [
      "unknown field (typo)",
      (s) => {
        (s.metrics[0] as Record<string, unknown>).scale_max = 3;
        return s;
      },
      /^metrics\[0\]: unknown field\(s\): "scale_max"$/,
    ],
    [
      "no metrics",
      (s) => {
        s.metrics = [];
        return s;
      },
      /^metrics: must contain at least one metric$/,
    ],
    [
      "no dimensions",
      (s) => {
        s.dimensions = [];
        return s;
      },
      /^dimensions: must declare at least one dimension$/,
    ],
    ["metrics not an array", (s) => ({ ...s, metrics: {} }), /^metrics: expected array, got object$/],
    [
      "missing set key",
      (s) => {
        delete (s as Record<string, unknown>).key;
        return s;
      },
      /^key: is required$/,
    ],
    [
      "bad set key",
      (s) => {
        s.key = "my set!";
        return s;
      },
      /^key: must be letters, digits/,
    ],
    ["not an object", () => 42, /^\(root\): expected object, got number$/],
    ["null", () => null, /^\(root\): expected object, got null$/],
    ["invalid JSON string", () => "{ nope", /^\(root\): not valid JSON/],
  ];

  it.each(cases)("%s", (_name, mutate, expected) => {
    const issues = issuesOf(mutate(good()));
    expect(
      issues.some((i) => expected.test(i)),
      issues.join("\n"),
    ).toBe(true);
  });

  it("reports every problem at once and names the paths in the error message", () => {
    const s = good();
    s.metrics[0].scaleMax = 0;
    s.metrics[1].dimension = "nowhere";
    s.metrics[2].key = "Vividness";
    let message = "";
    try {
      parseCustomMetricSet(s);
    } catch (e) {
      message = (e as Error).message;
      expect((e as MetricSetValidationError).issues).toHaveLength(3);
    }
    expect(message).toMatch(/^Invalid metric set: /);
    expect(message).toContain("metrics[0].scaleMax");
    expect(message).toContain("metrics[1].dimension");
    expect(message).toContain("metrics[2].key");
  });
});

describe("formatIssuePath", () => {
  it.each([
    [[], "(root)"],
    [["key"], "key"],
    [["metrics", 3, "scaleMax"], "metrics[3].scaleMax"],
    [["metrics", 0], "metrics[0]"],
  ] as [(string | number)[], string][])("%j → %s", (path, out) => {
    expect(formatIssuePath(path)).toBe(out);
  });
});
