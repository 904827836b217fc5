// `export preferences` against the database (product.md §11): majority records, kept ties, one record
// per annotator choice with the opaque annotator id, late choices left out, and the prompt built as the
// pairs export builds it (no speaker prefix on the character's turns or replies).
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client";
import { queryRows } from "#db/sql";
import { splitOfDialogue } from "~/domain/export/split";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { uniq } from "../../../seeds/factories";
import { useTestDb } from "../../../test/db";
import { opaqueAnnotatorId } from "../exports/annotator-ids.server";
import { searchParamsSource } from "~/lib/forms/schemas/exports";
import { exportResponse } from "../exports/http.server";
import { preferencesExportOptions, startPreferencesExport, type PreferencesExportOptions } from "./preferences-export.server";
import { importPreferences } from "./preferences-import.server";

const t = useTestDb();

type Project = { id: number; slug: string };
let project: Project;
const people = { x: uniq("ann-x"), y: uniq("ann-y"), z: uniq("ann-z") };

/** The annotator profile of the last export (per annotator only). */
let lastProfile: Record<string, unknown>[] = [];

async function exportRecords(p: Project, options: Partial<PreferencesExportOptions> = {}) {
  const run = await startPreferencesExport(await openDatabase(), p, { perAnnotator: false, ties: false, ...options }, { batchSize: 2 });
  let text = "";
  for await (const chunk of run.chunks) text += Buffer.from(chunk).toString("utf8");
  const records = text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(run.records).toBe(records.length);
  lastProfile = run.annotatorProfile().map((l) => JSON.parse(l) as Record<string, unknown>);
  return records;
}

const brief = (r: Record<string, unknown>) =>
  [r.model_chosen, r.model_rejected, r.votes_chosen, r.votes_rejected, r.votes_tie, r.tie, r.annotator].filter((v) => v !== undefined);

beforeAll(async () => {
  // three models, every pair compared; dialogue 0 is scored on Fluency only
  const made = await makeQueueProject(t.db, { dialogues: 2, models: 3, annotators: 0, k: 3, pairs: { design: "all" } });
  project = made.project;
  // model-1's reply starts with the character's name, as CharacterEval outputs often do
  await t.db.execute(sql`update responses set scored_text = '甲：（笑）我赢了' where project_id = ${project.id}
    and model_id = (select id from models where project_id = ${project.id} and name = 'model-1')
    and dialogue_id = (select id from dialogues where project_id = ${project.id} and external_id = '0')`);
  const { x, y, z } = people;
  const lines = [
    "dialogue_id,metric,model_a,model_b,winner,annotator",
    `0,Fluency,model-0,model-1,model-1,${x}`,
    `0,Fluency,model-1,model-0,model-1,${y}`,
    `0,Fluency,model-0,model-1,tie,${z}`,
    `0,Fluency,model-0,model-2,model-0,${x}`, // a split vote: 1 against 1
    `0,Fluency,model-2,model-0,model-2,${y}`,
    `0,Fluency,model-1,model-2,tie,${x}`, // a tie by majority
    `0,Fluency,model-1,model-2,tie,${y}`,
    `0,Fluency,model-2,model-1,model-1,${z}`,
  ];
  await importPreferences(t.db, project.id, { source: [Buffer.from(lines.join("\n"))], name: "p.csv" });
  // a late choice for model-0 over model-2 would end the split vote; it is not exported
  await t.db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, score, late, source)
    select ${project.id}, u.id, (select id from users where name = ${z}), 1, true, 'app'
    from units u join comparisons c on c.id = u.comparison_id
    join responses rb on rb.id = c.response_b_id join models m on m.id = rb.model_id
    join responses ra on ra.id = c.response_a_id join models ma on ma.id = ra.model_id
    where u.project_id = ${project.id} and m.name = 'model-2' and ma.name = 'model-0'
      and c.dialogue_id = (select id from dialogues where project_id = ${project.id} and external_id = '0')`);
});

describe("export preferences", () => {
  it("writes one record per (comparison, metric) with a strict majority, as TRL conversational pairs", async () => {
    const late = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from ratings where project_id = ${project.id} and late`,
    );
    expect(late[0].n).toBe(1);
    const records = await exportRecords(project);
    expect(records).toEqual([
      {
        prompt: [
          { role: "system", content: expect.stringContaining("甲") },
          { role: "user", content: "乙：第0句" },
          { role: "assistant", content: "好" },
        ],
        chosen: [{ role: "assistant", content: "（笑）我赢了" }],
        rejected: [{ role: "assistant", content: "model-0 0" }],
        metric_en: "Fluency",
        dialogue_id: 0,
        model_chosen: "model-1",
        model_rejected: "model-0",
        votes_chosen: 2,
        votes_rejected: 0,
        votes_tie: 1,
        split: splitOfDialogue({ id: "0", role: "甲" }),
      },
    ]);
  });

  it("keeps majority ties with --ties, the comparison's a as chosen", async () => {
    const records = await exportRecords(project, { ties: true });
    expect(records.map(brief)).toEqual([
      ["model-1", "model-0", 2, 0, 1, false],
      ["model-1", "model-2", 1, 0, 2, true],
    ]);
    expect(records[1].chosen).toEqual([{ role: "assistant", content: "（笑）我赢了" }]);
  });

  it("writes each on-time choice with the opaque annotator id of the pairs export", async () => {
    const rows = await queryRows<{ id: string; name: string }>(
      t.db,
      sql`select id, name from users where name in (${people.x}, ${people.y}, ${people.z})`,
    );
    const idOf = Object.fromEntries(rows.map((u) => [u.name, opaqueAnnotatorId(project.id, u.id)]));
    const [x, y, z] = [idOf[people.x], idOf[people.y], idOf[people.z]];
    // within a unit, records come in the order of the annotators' ids
    const byId = (...rs: unknown[][]) => rs.sort((p, q) => (String(p.at(-1)) < String(q.at(-1)) ? -1 : 1));
    const records = await exportRecords(project, { perAnnotator: true });
    expect(records.map(brief)).toEqual([
      ...byId(["model-1", "model-0", 2, 0, 1, x], ["model-1", "model-0", 2, 0, 1, y]),
      ...byId(["model-0", "model-2", 1, 1, 0, x], ["model-2", "model-0", 1, 1, 0, y]),
      ["model-1", "model-2", 1, 0, 2, z],
    ]);
    expect(Object.keys(records[0]).at(-1)).toBe("annotator");
    // x and y side with the 2–0 majority of (0, 1) and meet no majority on the split (0, 2); z's choice
    // of model-1 goes against the tie majority of (1, 2)
    const profile = (id: string, pairs: number, compared: number, agreeing: number) => ({
      annotator: id,
      group: null,
      pairs,
      compared,
      agreeing,
      agreement_with_majority: compared ? agreeing / compared : null,
    });
    expect(lastProfile).toEqual(
      [profile(x, 2, 1, 1), profile(y, 2, 1, 1), profile(z, 1, 1, 0)].sort((p, q) => (p.annotator < q.annotator ? -1 : 1)),
    );
    expect(JSON.stringify(records)).not.toContain(people.x);
    const withTies = await exportRecords(project, { perAnnotator: true, ties: true });
    expect(withTies).toHaveLength(8);
    expect(withTies.filter((r) => r.tie).map((r) => r.annotator)).toEqual([z, ...[x, y].sort()]);
  });

  it("is the API's export kind preferences, with its own options and the others' refusals", async () => {
    const res = await exportResponse(project, "preferences", new URLSearchParams("ties=true&split-by=character"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${project.slug}-preferences.jsonl"`);
    const records = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.tie, r.split])).toEqual(
      [false, true].map((tie) => [tie, splitOfDialogue({ id: "0", role: "甲" }, { by: "character" })]),
    );
    const options = (q: string) => preferencesExportOptions(searchParamsSource(new URLSearchParams(q)));
    expect(options("per-annotator&seed=s1&split=1/1/0")).toEqual({
      perAnnotator: true,
      ties: false,
      splitBy: "dialogue",
      seed: "s1",
      splitRatios: { train: 1, dev: 1, test: 0 },
    });
    expect(() => options("metric=Fluency")).toThrow(
      'Unknown filter "metric" for preferences: allowed are per-annotator, ties, split-by, split, seed',
    );
    expect(() => options("ties=maybe")).toThrow("ties must be true or false");
    expect(() => options("split-by=model")).toThrow("split-by must be one of dialogue, character");
  });

  it("refuses a scoring project", async () => {
    const { project: scoring } = await makeQueueProject(t.db, { dialogues: 1, models: 2, annotators: 0 });
    await expect(exportRecords(scoring)).rejects.toMatchObject({ status: 400 });
  });
});
