import { describe, expect, it } from "vitest";
import { getEntry, parseOrderedJson } from "../json/ordered";
import { buildCharRmInputText, charRmRecord, consensus, formatCharRmRecord, populationStd, type CharRmUnit } from "./charrm";
import { fixturePath, itWithFixtures, readFixture } from "../../../test/charactereval-fixture";
import { pythonMap } from "./testing/python-oracle";

type Dialogue = { id: number; role: string; novel_name: string; context: string };

// run_char_rm.py's format_input, fed the profiles file exactly as the script loads it.
const FORMAT_INPUT_PY = `
with open(${JSON.stringify(fixturePath("character_profiles.json"))}, "r", encoding="utf-8") as f:
    character_profile = json.load(f)
def format_input(example):
    input_text = "<RoleInfo>\\n\\n" \\
        + str(character_profile[example['role']]) + "\\n\\n<Context>\\n\\n" + example['context'] + "\\n\\n<Response>\\n\\n" + example['model_output'] + "\\n\\n<Dimension>\\n\\n" + example["metric_zh"]
    return input_text
out = [format_input(x) for x in data]
`;

describe("buildCharRmInputText against run_char_rm.py", () => {
  itWithFixtures("is byte-identical for one real dialogue of every character and the first 30 dialogues", () => {
    const dialogues = JSON.parse(readFixture("test_data.jsonl")) as Dialogue[];
    const profiles = parseOrderedJson(readFixture("character_profiles.json"));
    const picked = new Map<string, Dialogue>();
    for (const d of dialogues) if (!picked.has(d.role)) picked.set(d.role, d);
    const sample = [...picked.values(), ...dialogues.slice(0, 30)];
    const metrics = ["对话流利度", "知识准确率", "共情度", "交流技巧"];
    const examples = sample.map((d, i) => ({
      ...d,
      model_output: [`（笑）好的，${d.role}来了。`, `他说："别走"，我说:'好'\\`, "", "😀\t𠀀"][i % 4],
      metric_zh: metrics[i % metrics.length],
    }));
    const py = pythonMap<string[]>(examples, FORMAT_INPUT_PY);
    expect(picked.size).toBeGreaterThan(70);
    examples.forEach((x, i) => {
      const ours = buildCharRmInputText({
        profile: getEntry(profiles, x.role)!,
        context: x.context,
        modelOutput: x.model_output,
        metricZh: x.metric_zh,
      });
      expect(ours, `${x.id} ${x.role}`).toBe(py[i]);
    });
  });

  it("has the documented layout", () => {
    const text = buildCharRmInputText({
      profile: parseOrderedJson('{"姓名": "陈金默", "昵称": ["老默"]}'),
      context: "高启强：老默。",
      modelOutput: "（点头）嗯。",
      metricZh: "对话流利度",
    });
    expect(text).toBe(
      "<RoleInfo>\n\n{'姓名': '陈金默', '昵称': ['老默']}\n\n<Context>\n\n高启强：老默。\n\n<Response>\n\n（点头）嗯。\n\n<Dimension>\n\n对话流利度",
    );
  });
});

describe("consensus and std", () => {
  it("uses the adjudicated score first, else mean or median of the ratings", () => {
    expect(consensus([1, 5], 4, "mean")).toBe(4);
    expect(consensus([4, 5, 4], null, "mean")).toBeCloseTo(13 / 3, 15);
    expect(consensus([1, 2, 5], null, "median")).toBe(2);
    expect(consensus([1, 2, 4, 5], null, "median")).toBe(3);
    expect(consensus([5, 1], null, "median")).toBe(3);
    expect(consensus([3], null)).toBe(3);
    expect(consensus([], null)).toBeNull();
    expect(consensus([], 2)).toBe(2);
  });

  it("is the population standard deviation (ddof = 0)", () => {
    expect(populationStd([2, 4])).toBe(1);
    expect(populationStd([3])).toBe(0);
    expect(populationStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(populationStd([])).toBeNull();
  });
});

describe("charRmRecord", () => {
  const unit: CharRmUnit = {
    id: "5320",
    model: "glm",
    role: "佟湘玉",
    novelName: "武林外传",
    profile: parseOrderedJson('{"姓名": "佟湘玉", "2": "x"}'),
    context: "白展堂：掌柜的。",
    modelOutput: "（叹气）额滴神啊。",
    metricEn: "Fluency",
    metricZh: "对话流利度",
    scaleMin: 1,
    scaleMax: 5,
    ratings: [4, 5],
    adjudicated: null,
    split: "train",
  };

  it("writes the fields in the documented order", () => {
    const line = formatCharRmRecord(unit)!;
    expect(Object.keys(JSON.parse(line))).toEqual([
      "id",
      "model",
      "role",
      "novel_name",
      "context",
      "model_output",
      "metric_en",
      "metric_zh",
      "score",
      "label",
      "ratings",
      "n_ratings",
      "std",
      "adjudicated",
      "split",
      "input_text",
    ]);
    expect(JSON.parse(line)).toMatchObject({
      id: 5320,
      score: 4.5,
      label: 0.875,
      ratings: [4, 5],
      n_ratings: 2,
      std: 0.5,
      adjudicated: false,
      split: "train",
    });
    expect(JSON.parse(line).input_text).toContain("{'姓名': '佟湘玉', '2': 'x'}");
  });

  it("uses the adjudicated score, other scales, median; no score → no record", () => {
    expect(charRmRecord({ ...unit, adjudicated: 2 })).toMatchObject({ score: 2, label: 0.25, adjudicated: true, std: 0.5 });
    expect(charRmRecord({ ...unit, scaleMin: 1, scaleMax: 3, ratings: [3, 3] })).toMatchObject({ score: 3, label: 1 });
    expect(charRmRecord({ ...unit, ratings: [1, 2, 5], consensusMethod: "median" })).toMatchObject({ score: 2 });
    expect(charRmRecord({ ...unit, ratings: [] })).toBeNull();
    expect(formatCharRmRecord({ ...unit, ratings: [] })).toBeNull();
    expect(charRmRecord({ ...unit, ratings: [], adjudicated: 5 })).toMatchObject({ n_ratings: 0, std: null, label: 1 });
    expect(charRmRecord({ ...unit, id: "007" })!.id).toBe("007");
    expect(() => charRmRecord({ ...unit, scaleMax: 1 })).toThrow(RangeError);
  });
});
