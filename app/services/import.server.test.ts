import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { projects } from "#db/schema";
import { describe, expect, it } from "vitest";
import { makeProject } from "../../seeds/factories";
import { fixtureDialogues, fixtureStream, itWithFixtures, madeUpGeneration, madeUpSkips } from "../../test/charactereval-fixture";
import { useTestDb } from "../../test/db";
import { countCorpus } from "./corpus.server";
import { importCharacterEval, ImportRejected, importGeneric, metricCoverage } from "./import.server";

const t = useTestDb();
const text = (s: string) => Readable.from([Buffer.from(s)]);
const ceFiles = (models: string[] = []) => ({
  dialogues: { source: fixtureStream("test_data.jsonl"), name: "test_data.jsonl" },
  profiles: { source: fixtureStream("character_profiles.json"), name: "character_profiles.json" },
  metrics: { source: fixtureStream("id2metric.jsonl"), name: "id2metric.jsonl" },
  responses: models.map((m) => ({ model: m, source: madeUpGeneration(m), name: `${m}.jsonl` })),
});

describe("importCharacterEval on the real fixture", () => {
  itWithFixtures("imports everything, skips null/ERROR outputs, and a second import changes nothing", async () => {
    const p = await makeProject(t.db);
    const s = await importCharacterEval(t.db, p, ceFiles(["model-a", "model-b"]));
    const skips = madeUpSkips(4564);
    const perModel = 4564 - skips.null - skips.error;
    expect(s).toMatchObject({ dialogues: 4564, characters: 78, subset_metrics: 8032, responses: 2 * perModel, ratings: 0 });
    expect(s.skipped).toEqual([
      { model: "model-a", ...skips },
      { model: "model-b", ...skips },
    ]);
    // units = responses × their dialogue's subset size; the 33 dialogues without metrics get none
    expect(s.units).toBeGreaterThan(2 * 8032 - 2 * 200);
    const again = await importCharacterEval(t.db, p, ceFiles(["model-a", "model-b"]));
    expect(again.added).toEqual({ characters: 0, dialogues: 0, subset_metrics: 0, responses: 0, units: 0 });
    expect(await countCorpus(t.db, p.id)).toEqual({
      characters: 78,
      dialogues: 4564,
      subset_metrics: 8032,
      responses: 2 * perModel,
      units: s.units,
    });
  });

  itWithFixtures("refuses a bundle with one bad record at the end and writes nothing", async () => {
    const p = await makeProject(t.db);
    const dialogues = fixtureDialogues();
    (dialogues[dialogues.length - 1] as { context: unknown }).context = 42;
    const err = await importCharacterEval(t.db, p, {
      ...ceFiles(),
      dialogues: { source: text(JSON.stringify(dialogues, null, 1)), name: "test_data.jsonl" },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    expect(err.errors[0]).toMatchObject({ file: "test_data.jsonl", record: 4564, field: "context" });
    expect(await countCorpus(t.db, p.id)).toEqual({ characters: 0, dialogues: 0, subset_metrics: 0, responses: 0, units: 0 });
  });

  it("names the unknown role, the unknown metric and the response for an unknown dialogue", async () => {
    const p = await makeProject(t.db);
    const err = await importGeneric(t.db, p, {
      dialogues: { chunks: text('{"id":"a","role":"无名","context":"甲：你好"}\n'), file: "d.jsonl" },
      profiles: { chunks: text('{"某人": {"姓名": "某人"}}'), file: "p.json" },
      subsets: { chunks: text("dialogue_id,metric\na,Charm\n"), file: "s.csv" },
      responses: [{ chunks: text('{"dialogue_id":"zzz","model":"m","text":"hi"}\n'), file: "r.jsonl" }],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    const problems = err.errors.map((e: Error) => e.message).join("\n");
    expect(problems).toMatch(/d\.jsonl: record 1 \(line 1\), field "role": no profile for the role/);
    expect(problems).toMatch(/s\.csv: record 1 \(line 2\), field "metric": unknown metric "Charm"/);
    expect(problems).toMatch(/r\.jsonl: record 1 \(line 1\), field "dialogue_id": no dialogue with id "zzz"/);
    expect((await countCorpus(t.db, p.id)).dialogues).toBe(0);
  });
});

describe("subset planner without a metric map", () => {
  it("gives each dialogue m metrics with balanced coverage, deterministically", async () => {
    const dialogues = Array.from({ length: 60 }, (_, i) => `{"id":${i},"role":"甲","context":"甲：第${i}句"}`).join("\n");
    const files = () => ({
      dialogues: { chunks: text(dialogues), file: "d.jsonl" },
      responses: [{ chunks: text('{"dialogue_id":"0","model":"m","text":"x"}'), file: "r.jsonl" }],
    });
    const a = await makeProject(t.db);
    const b = await makeProject(t.db);
    for (const p of [a, b]) await t.db.update(projects).set({ metricsPerDialogue: 2 }).where(eq(projects.id, p.id));
    const fresh = async (id: number) => (await t.db.select().from(projects).where(eq(projects.id, id)))[0];
    const sa = await importGeneric(t.db, await fresh(a.id), files());
    await importGeneric(t.db, await fresh(b.id), files());
    expect(sa.planned_subsets).toBe(true);
    expect(sa.subset_metrics).toBe(120);
    const cov = await metricCoverage(t.db, a.id);
    const counts = cov.map((c) => Number(c.dialogues));
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(120);
    expect((await metricCoverage(t.db, b.id)).map((c) => c.dialogues)).toEqual(cov.map((c) => c.dialogues));
  });
});
