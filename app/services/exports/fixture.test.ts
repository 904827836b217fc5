// charrm and generation-trans on the real CharacterEval data, loaded through insertCorpus, checked
// against python3 (run_char_rm.py's input_text; transform_format.py's output file, byte for byte).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildCharRmInputText, populationStd, scoredText, splitOfDialogue, type GenerationRecord } from "~/domain/export";
import { pythonMap, runPython, TRANSFORM_FORMAT_PY } from "~/domain/export/testing/python-oracle";
import { describeWithFixtures, fixturePath } from "../../../test/charactereval-fixture";
import { useTestDb } from "../../../test/db";
import { makeAnnotators } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { fixtureDialogues, fixtureGeneration, fixtureProfiles, loadFixture } from "./testing/fixture-corpus";
import { addRatings, adjudicate, exportText, jsonLines, listUnits, type NewRating, type UnitRef } from "./testing/helpers";

const t = useTestDb();
const CHARRM_FIELDS = [
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
];

describeWithFixtures("exports on the real CharacterEval fixture", () => {
  let dir = "";
  let genA: GenerationRecord[] = [];
  let genB: GenerationRecord[] = [];
  let project: { id: number; slug: string };
  let units: UnitRef[];
  const expected = new Map<number, { ratings: number[]; adjudicated: number | null }>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rc-export-fixture-"));
    genA = fixtureGeneration("model-a");
    genB = fixtureGeneration("model-b", 3);
    project = await makeProject(t.db);
    await loadFixture(t.db, project.id, [
      { model: "model-a", records: genA },
      { model: "model-b", records: genB },
    ]);
    units = await listUnits(t.db, project.id);
    const raters = await makeAnnotators(t.db, 3);
    // every character's first unit, and every 4th unit, gets ratings; some are adjudicated
    const firstOfCharacter = new Set<number>();
    const seen = new Set<string>();
    for (const u of units) if (!seen.has(u.character)) (seen.add(u.character), firstOfCharacter.add(u.id));
    const list: NewRating[] = [];
    for (const [i, u] of units.entries()) {
      if (!firstOfCharacter.has(u.id) && i % 4 !== 0) continue;
      const scores = i % 3 === 0 ? [1 + (i % 5), 1 + ((i + 2) % 5), 1 + ((i + 1) % 5)] : [1 + (i % 5), 1 + ((i + 1) % 5)];
      scores.forEach((score, r) => list.push({ unitId: u.id, annotatorId: raters[r].id, score }));
      expected.set(u.id, { ratings: scores, adjudicated: null });
    }
    await addRatings(t.db, project.id, list);
    for (const u of units.filter((_, i) => i % 40 === 0)) {
      await adjudicate(t.db, project.id, u.id, 3);
      expected.set(u.id, { ratings: expected.get(u.id)?.ratings ?? [], adjudicated: 3 });
    }
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("charrm: one record per scored unit, fields exactly, input_text as run_char_rm.py builds it", async () => {
    const { text, count } = await exportText(project, "charrm", {}, { count: true });
    const records = jsonLines(text);
    expect(records.length).toBe(expected.size);
    expect(count).toBe(expected.size);
    const profiles = fixtureProfiles();
    const dialogues = new Map(fixtureDialogues().map((d) => [d.id, d]));
    const outputs = new Map<string, string | null>([
      ...genA.map((g) => [`model-a/${g.id}`, g.model_output] as const),
      ...genB.map((g) => [`model-b/${g.id}`, g.model_output] as const),
    ]);
    const scoredUnits = units.filter((u) => expected.has(u.id));
    expect(new Set(records.map((r) => r.role)).size).toBe(77);
    records.forEach((r, i) => {
      const u = scoredUnits[i];
      const e = expected.get(u.id)!;
      const d = dialogues.get(r.id)!;
      expect(Object.keys(r)).toEqual(CHARRM_FIELDS);
      expect([String(r.id), r.model, r.metric_en]).toEqual([u.dialogue, u.model, u.metric]);
      expect(r.model_output).toBe(scoredText(outputs.get(`${r.model}/${r.id}`)!));
      expect([r.role, r.novel_name, r.context]).toEqual([d.role, d.novel_name, d.context]);
      const score = e.adjudicated ?? e.ratings.reduce((a, b) => a + b, 0) / e.ratings.length;
      expect(r).toMatchObject({
        score,
        label: (score - 1) / 4,
        ratings: e.ratings,
        n_ratings: e.ratings.length,
        adjudicated: e.adjudicated !== null,
      });
      expect(r.std).toBe(populationStd(e.ratings));
      expect(r.split).toBe(splitOfDialogue({ id: u.dialogue, role: d.role }));
      expect(r.input_text).toBe(
        buildCharRmInputText({ profile: profiles.get(d.role)!, context: d.context, modelOutput: r.model_output, metricZh: r.metric_zh }),
      );
    });
    // and python3's own str(profile) from the fixture file, for every record
    const fromPython = pythonMap<string[]>(
      records.map((r) => ({ role: r.role, context: r.context, model_output: r.model_output, metric_zh: r.metric_zh })),
      `profiles = json.load(open(${JSON.stringify(fixturePath("character_profiles.json"))}, encoding='utf-8'))
out = ["<RoleInfo>\\n\\n" + str(profiles[r['role']]) + "\\n\\n<Context>\\n\\n" + r['context'] + "\\n\\n<Response>\\n\\n" + r['model_output'] + "\\n\\n<Dimension>\\n\\n" + r["metric_zh"] for r in data]`,
    );
    expect(fromPython.length).toBe(records.length);
    fromPython.forEach((py, i) => expect(records[i].input_text).toBe(py));
  });

  it("generation-trans: byte-identical to transform_format.py for each model, skipped outputs absent", async () => {
    for (const [model, gen] of [
      ["model-a", genA],
      ["model-b", genB],
    ] as const) {
      const genFile = join(dir, `${model}-generation.jsonl`);
      const outFile = join(dir, `${model}-generation_trans.jsonl`);
      writeFileSync(genFile, JSON.stringify(gen, null, 4), "utf8");
      runPython(TRANSFORM_FORMAT_PY, [fixturePath("id2metric.jsonl"), genFile, outFile]);
      const py = readFileSync(outFile);
      const { text, count, records } = await exportText(project, "generation-trans", { model }, { count: true, batchSize: 777 });
      expect(Buffer.from(text, "utf8").equals(py)).toBe(true);
      expect(records).toBe(JSON.parse(py.toString("utf8")).length);
      expect(count).toBe(records);
      expect(records).toBeGreaterThan(2500);
    }
  });

  it("generation-trans: a metric filter keeps id2metric order; an unknown or missing model is a 400", async () => {
    const { text } = await exportText(project, "generation-trans", { model: "model-a", metric: "Fluency,Empathy" });
    const records = JSON.parse(text) as { metric_en: string }[];
    expect(new Set(records.map((r) => r.metric_en))).toEqual(new Set(["Fluency", "Empathy"]));
    await expect(exportText(project, "generation-trans", { model: "nobody" })).rejects.toMatchObject({ status: 400, field: "model" });
    await expect(exportText(project, "generation-trans", {})).rejects.toMatchObject({ status: 400, field: "model" });
    const empty = await exportText(project, "generation-trans", { model: "model-a", metric: "Hallucination", "min-ratings": "2" }).catch(
      (e) => e,
    );
    expect(empty).toMatchObject({ status: 400, field: "min-ratings" });
  });
});
