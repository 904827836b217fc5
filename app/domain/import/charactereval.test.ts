// The real CharacterEval files (found by test/charactereval-fixture.ts, never copied) and synthetic generation files.
import { beforeAll, expect, it } from "vitest";
import { describeWithFixtures, readFixture, fixtureStream as stream } from "../../../test/charactereval-fixture";
import { parseCharacterEvalBundle } from "./charactereval";
import { bytesOf } from "./decode";
import { ErrorList } from "./errors";
import { readObjectEntries, readRecords } from "./records";
import { ceDialogueSchema, validate } from "./schemas";

const METRICS = [
  ["Fluency", "对话流利度"],
  ["Coherence", "对话连贯性"],
  ["Consistency", "对话一致性"],
  ["Exposure", "知识曝光度"],
  ["Accuracy", "知识准确率"],
  ["Hallucination", "知识幻觉性"],
  ["Behavior", "行为一致性"],
  ["Utterance", "言语一致性"],
  ["Humanlikeness", "类人程度"],
  ["Communication_skills", "交流技巧"],
  ["Diversity", "表现多样性"],
  ["Empathy", "共情度"],
].map(([key, nameZh]) => ({ key, nameZh }));

type Dialogue = { id: number; role: string; novel_name: string; context: string };
const realDialogues = () => JSON.parse(readFixture("test_data.jsonl")) as Dialogue[];
const realMetrics = () => JSON.parse(readFixture("id2metric.jsonl")) as Record<string, string[][]>;

describeWithFixtures("CharacterEval, real files", () => {
  it("parses the whole bundle: 4,564 dialogues, 78 profiles (77 used), 8,032 (dialogue, metric) pairs", async () => {
    const plan = await parseCharacterEvalBundle({
      dialogues: stream("test_data.jsonl"),
      profiles: stream("character_profiles.json"),
      metrics: stream("id2metric.jsonl"),
      knownMetricKeys: METRICS,
    });
    expect(plan.errors).toEqual([]);
    expect(plan.ok).toBe(true);
    expect(plan.dialogues).toHaveLength(4564);
    expect(new Set(plan.dialogues.map((d) => d.role)).size).toBe(77);
    expect(plan.characters).toHaveLength(78);
    expect(plan.characters.filter((c) => c.novelName === "").map((c) => c.name)).toEqual(["沙僧"]);
    expect(plan.unusedProfiles).toEqual(["沙僧"]);
    expect(plan.subsets.reduce((n, s) => n + s.metrics.length, 0)).toBe(8032);

    const source = realDialogues();
    expect(plan.dialogues[0]).toEqual({
      externalId: String(source[0].id),
      role: source[0].role,
      novelName: source[0].novel_name,
      context: source[0].context,
      position: 0,
    });
    expect(plan.dialogues.map((d) => d.position)).toEqual(source.map((_, i) => i));

    // the 33 dialogues without a subset are exactly those absent from id2metric
    const id2metric = realMetrics();
    const withSubset = new Set(plan.subsets.map((s) => s.externalId));
    const without = plan.dialogues.filter((d) => !withSubset.has(d.externalId)).map((d) => d.externalId);
    expect(without).toHaveLength(33);
    expect(without).toEqual(source.filter((d) => !(String(d.id) in id2metric)).map((d) => String(d.id)));
    // subsets keep id2metric's file order (Object.keys would sort these integer-like keys) and metric order
    const fileOrder = [...readFixture("id2metric.jsonl").matchAll(/^ {4}"(\d+)": \[/gm)].map((m) => m[1]);
    expect(fileOrder).toHaveLength(4531);
    expect(plan.subsets.map((s) => s.externalId)).toEqual(fileOrder);
    expect(plan.subsets.map((s) => s.metrics)).toEqual(fileOrder.map((id) => id2metric[id].map(([en]) => en)));

    const novel = new Map(source.map((d) => [d.role, d.novel_name]));
    for (const c of plan.characters) expect(c.novelName).toBe(novel.get(c.name) ?? "");
  });

  it("keeps each profile's exact source text, in file order", async () => {
    const text = readFixture("character_profiles.json");
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const entries = [];
    for await (const e of readObjectEntries(stream("character_profiles.json"), { file: "character_profiles.json" })) entries.push(e);
    expect(entries).toHaveLength(78);
    expect(entries.map((e) => e.key)).toEqual(Object.keys(parsed));
    let from = 0;
    for (const e of entries) {
      expect(JSON.parse(e.raw)).toEqual(e.value);
      expect(e.value).toEqual(parsed[e.key]);
      const at = text.indexOf(e.raw, from); // the raw text is the file's own slice, so key order is the file's
      expect(at).toBeGreaterThan(from);
      expect(text.slice(0, at).split("\n").length).toBe(e.line);
      from = at + e.raw.length;
    }
  });

  it("parses test_data.jsonl (3.4 MB) in well under a second", async () => {
    const started = performance.now();
    const errors = new ErrorList();
    let n = 0;
    for await (const r of readRecords(stream("test_data.jsonl"), { file: "test_data.jsonl", errors })) {
      if (validate(ceDialogueSchema, r.value, { file: "test_data.jsonl", record: r.index, line: r.line }, errors)) n++;
    }
    const ms = performance.now() - started;
    expect(errors.errors).toEqual([]);
    expect(n).toBe(4564);
    expect(ms).toBeLessThan(1000);
  });
});

describeWithFixtures("CharacterEval, generation files", () => {
  let source: Dialogue[] = [];
  beforeAll(() => void (source = realDialogues()));
  const generation = (output: (d: Dialogue, i: number) => string | null) =>
    JSON.stringify(
      source.map((d, i) => ({ ...d, model_output: output(d, i) })),
      null,
      4,
    );

  it("imports responses of several models, skipping null and ERROR, in import order", async () => {
    const a = generation((d, i) => (i % 100 === 0 ? null : i % 100 === 1 ? "ERROR" : `（笑）${d.role}在此。\n续写`));
    const b = generation((d) => `好的，${d.id}。`);
    const plan = await parseCharacterEvalBundle({
      dialogues: stream("test_data.jsonl"),
      profiles: stream("character_profiles.json"),
      responses: [
        { model: "model-a", chunks: bytesOf(a) },
        { model: "model-b", chunks: bytesOf(b) },
      ],
      knownMetricKeys: METRICS,
    });
    expect(plan.errors).toEqual([]);
    expect(plan.skipped).toEqual([
      { model: "model-a", null: 46, error: 46 },
      { model: "model-b", null: 0, error: 0 },
    ]);
    expect(plan.responses).toHaveLength(2 * 4564 - 92);
    expect(plan.responses[0]).toEqual({
      externalId: String(source[2].id),
      model: "model-a",
      text: `（笑）${source[2].role}在此。\n续写`,
      position: 0,
    });
    expect(plan.responses.map((r) => r.position)).toEqual(plan.responses.map((_, i) => i));
    expect(plan.subsets).toEqual([]);
  });

  it("stops at 50 errors and says there were more", async () => {
    const bad = generation(() => 7 as unknown as string);
    const plan = await parseCharacterEvalBundle({
      dialogues: stream("test_data.jsonl"),
      profiles: stream("character_profiles.json"),
      responses: [{ model: "m", chunks: bytesOf(bad), file: "responses/m.jsonl" }],
      knownMetricKeys: METRICS,
    });
    expect(plan.ok).toBe(false);
    expect(plan.errors).toHaveLength(50);
    expect(plan.errorsTruncated).toBe(true);
    expect(plan.dialogues).toEqual([]);
    expect(plan.errors[49].message).toBe(
      'responses/m.jsonl: record 50 (line 345), field "model_output": expected a string or null, found an integer',
    );
  });

  it("reports a duplicate response and a context that differs from the dialogue", async () => {
    const recs = source.slice(0, 3).map((d) => ({ ...d, model_output: "好" }));
    recs.push({ ...recs[0] });
    recs[1] = { ...recs[1], context: "改过的上下文" };
    const plan = await parseCharacterEvalBundle({
      dialogues: stream("test_data.jsonl"),
      profiles: stream("character_profiles.json"),
      responses: [{ model: "m", chunks: bytesOf(JSON.stringify(recs, null, 1)), file: "m.jsonl" }],
      knownMetricKeys: METRICS,
    });
    expect(plan.errors.map((e) => [e.record, e.field, e.problem])).toEqual([
      [2, "context", `differs from the context of dialogue "${source[1].id}" in test_data.jsonl`],
      [4, "id", `a second response of model "m" to dialogue "${source[0].id}" (first at record 1)`],
    ]);
  });
});
