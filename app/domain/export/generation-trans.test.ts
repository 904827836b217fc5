import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOrderedJson, stringifyOrdered } from "../json/ordered";
import { generationTrans, id2MetricFromOrdered, stringifyGenerationTrans, type GenerationRecord } from "./generation-trans";
import { scoredText } from "./scored-text";
import { describeWithFixtures, fixturePath, readFixture } from "../../../test/charactereval-fixture";
import { runPython, TRANSFORM_FORMAT_PY } from "./testing/python-oracle";

const OUTPUTS = [
  (i: number) => `（笑）第${i}句回答\n继续生成的第二行\n第三行`,
  () => null,
  () => "ERROR",
  () => "ERROR\n后面还有",
  () => "",
  (i: number) => `带回车的${i}\r\n第二行`,
  () => "引号\"双\"'单' 反斜杠\\ 制表\t 控制\u0001\u007f\b\f 分隔\u2028\u2029 表情😀 𠀀",
  () => "\n开头就换行",
  (i: number) => `单行回答 ${i}`,
];

type Dialogue = { id: number; role: string; novel_name: string; context: string };

describeWithFixtures("generationTrans", () => {
  let dir = "";
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "rolecall-gentrans-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the same bytes as transform_format.py on the real CharacterEval data", () => {
    const dialogues = JSON.parse(readFixture("test_data.jsonl")) as Dialogue[];
    const generation: GenerationRecord[] = dialogues.map((d, i) => ({
      id: d.id,
      role: d.role,
      novel_name: d.novel_name,
      context: d.context,
      model_output: OUTPUTS[i % OUTPUTS.length](i),
    }));
    const genFile = join(dir, "generation.jsonl");
    const outFile = join(dir, "generation_trans.jsonl");
    writeFileSync(genFile, JSON.stringify(generation, null, 4), "utf8");
    runPython(TRANSFORM_FORMAT_PY, [fixturePath("id2metric.jsonl"), genFile, outFile]);
    const pyBytes = readFileSync(outFile);

    const id2metric = id2MetricFromOrdered(parseOrderedJson(readFixture("id2metric.jsonl")));
    const records = generationTrans(generation, id2metric);
    const ours = stringifyGenerationTrans(records);

    // same structure and order, field order included
    expect(stringifyOrdered(parseOrderedJson(ours))).toBe(stringifyOrdered(parseOrderedJson(pyBytes.toString("utf8"))));
    // and the very same bytes
    expect(Buffer.from(ours, "utf8").equals(pyBytes)).toBe(true);
    expect(records.length).toBeGreaterThan(3000);
    expect(Object.keys(records[0])).toEqual(["id", "role", "novel_name", "context", "model_output", "metric_en", "metric_zh"]);
  });
});

describe("generationTrans by hand", () => {
  const base = { role: "佟湘玉", novel_name: "武林外传", context: "白展堂：掌柜的。" };
  const id2metric = new Map<string, [string, string][]>([
    [
      "1",
      [
        ["Fluency", "对话流利度"],
        ["Empathy", "共情度"],
      ],
    ],
    ["2", [["Accuracy", "知识准确率"]]],
  ]);

  it("emits one record per subset metric in id2metric order, in source order, first line only", () => {
    const out = generationTrans(
      [
        { id: 2, ...base, model_output: "好\n续写" },
        { id: 1, ...base, model_output: "ERROR\nx" },
        { id: 1, ...base, model_output: "ERROR" },
        { id: 2, ...base, model_output: null },
        { id: 3, ...base, model_output: "不在 id2metric" },
        { id: "1", ...base, model_output: "a\r\nb" },
      ],
      id2metric,
    );
    expect(out.map((r) => [r.id, r.model_output, r.metric_en])).toEqual([
      [2, "好", "Accuracy"],
      [1, "ERROR", "Fluency"],
      [1, "ERROR", "Empathy"],
      [1, "a\r", "Fluency"],
      [1, "a\r", "Empathy"],
    ]);
  });

  it("accepts a plain object as id2metric and keeps non-numeric ids as strings", () => {
    const out = generationTrans([{ id: "x-1", ...base, model_output: "嗯" }], { "x-1": [["Fluency", "对话流利度"]] });
    expect(out).toEqual([{ id: "x-1", ...base, model_output: "嗯", metric_en: "Fluency", metric_zh: "对话流利度" }]);
    expect(generationTrans([{ id: "constructor", ...base, model_output: "嗯" }], {})).toEqual([]);
  });

  it("validates id2metric", () => {
    expect(() => id2MetricFromOrdered(parseOrderedJson("[]"))).toThrow("expected a JSON object");
    expect(() => id2MetricFromOrdered(parseOrderedJson('{"1": {}}'))).toThrow("id2metric[1]: expected an array");
    expect(() => id2MetricFromOrdered(parseOrderedJson('{"1": [["a"]]}'))).toThrow("id2metric[1][0]");
    expect(id2MetricFromOrdered(parseOrderedJson('{"9": [["a", "b"]], "1": []}'))).toEqual(
      new Map([
        ["9", [["a", "b"]]],
        ["1", []],
      ]),
    );
  });

  it("scoredText keeps the first line, splitting on \\n only", () => {
    expect(scoredText("a\nb\nc")).toBe("a");
    expect(scoredText("a\r\nb")).toBe("a\r");
    expect(scoredText("\nb")).toBe("");
    expect(scoredText("abc")).toBe("abc");
    expect(scoredText("a\u2028b")).toBe("a\u2028b");
  });
});
