// `import preferences` against the database (product.md §11): choices stored in the comparison's own
// order whichever way round the file names the pair, comparisons the design did not make created, and a
// bad file writing nothing.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { uniq } from "../../../seeds/factories";
import { useTestDb } from "../../../test/db";
import { importPreferences } from "./preferences-import.server";

const t = useTestDb();
const HEADER = "dialogue_id,metric,model_a,model_b,winner,annotator";
const csv = (...lines: string[]) => ({ source: [Buffer.from([HEADER, ...lines].join("\n") + "\n")], name: "prefs.csv" });

/** Three models, comparisons only against model-1 (reference design); dialogue 0 is scored on Fluency,
 *  dialogue 1 on Coherence and Consistency. */
const referenceProject = () =>
  makeQueueProject(t.db, { dialogues: 3, models: 3, annotators: 0, k: 2, pairs: { design: "reference", reference: "model-1" } });

type Stored = { dialogue: string; metric: string; a: string; b: string; annotator: string; score: number; source: string };
const stored = (projectId: number) =>
  queryRows<Stored>(
    t.db,
    sql`select d.external_id as dialogue, me.key as metric, ma.name as a, mb.name as b, us.name as annotator, r.score, r.source
        from ratings r join units u on u.id = r.unit_id join comparisons c on c.id = u.comparison_id
        join dialogues d on d.id = c.dialogue_id join metrics me on me.id = u.metric_id
        join responses ra on ra.id = c.response_a_id join models ma on ma.id = ra.model_id
        join responses rb on rb.id = c.response_b_id join models mb on mb.id = rb.model_id
        join users us on us.id = r.annotator_id
        where r.project_id = ${projectId} order by d.position, ma.name, mb.name, us.name`,
  );
const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.db, q))[0].n);
const comparisons = (projectId: number) => count(sql`select count(*)::int as n from comparisons where project_id = ${projectId}`);

describe("import preferences", () => {
  it("stores each choice in the comparison's order, flipping a pair named the other way round, and creates missing comparisons", async () => {
    const { project } = await referenceProject();
    expect(await comparisons(project.id)).toBe(6);
    const x = uniq("ann-x");
    const y = uniq("ann-y");
    const file = () =>
      csv(
        `0,Fluency,model-0,model-1,model-1,${x}`,
        `0,Fluency,model-1,model-0,model-1,${y}`, // flipped: model-1 is still the comparison's b
        `0,Fluency,model-2,model-0,tie,${x}`, // (model-0, model-2) is not in the reference design
        `1,Coherence,model-2,model-1,model-1,${x}`, // flipped: model-1 is the comparison's a
      );
    const r = await importPreferences(t.db, project.id, file());
    expect(r).toEqual({ records: 4, preferences: 4, unchanged: 0, comparisons_created: 1, units_created: 1, annotators_created: 2 });
    expect(await comparisons(project.id)).toBe(7);
    expect(await stored(project.id)).toEqual([
      { dialogue: "0", metric: "Fluency", a: "model-0", b: "model-1", annotator: x, score: 3, source: "import" },
      { dialogue: "0", metric: "Fluency", a: "model-0", b: "model-1", annotator: y, score: 3, source: "import" },
      { dialogue: "0", metric: "Fluency", a: "model-0", b: "model-2", annotator: x, score: 2, source: "import" },
      { dialogue: "1", metric: "Coherence", a: "model-1", b: "model-2", annotator: x, score: 1, source: "import" },
    ]);
    // the new accounts have no password and are annotators of the project
    const members = await count(
      sql`select count(*)::int as n from project_members m join users u on u.id = m.user_id
          where m.project_id = ${project.id} and m.role = 'annotator' and u.password_hash is null and u.name in (${x}, ${y})`,
    );
    expect(members).toBe(2);
    // the same file again changes nothing
    expect(await importPreferences(t.db, project.id, file())).toMatchObject({ preferences: 0, unchanged: 4, comparisons_created: 0 });
  });

  it("refuses a different choice over a stored one, naming the line, and writes nothing", async () => {
    const { project } = await referenceProject();
    const x = uniq("ann-x");
    await importPreferences(t.db, project.id, csv(`0,Fluency,model-0,model-1,model-0,${x}`));
    const other = uniq("ann-new");
    const attempt = importPreferences(
      t.db,
      project.id,
      csv(`1,Coherence,model-0,model-1,model-0,${other}`, `0,Fluency,model-1,model-0,tie,${x}`),
    );
    await expect(attempt).rejects.toThrow(
      `prefs.csv: record 2 (line 3), field "winner": "${x}" already chose "model-0" on this comparison; a different choice ("tie") is not imported over it`,
    );
    expect(await stored(project.id)).toHaveLength(1);
    expect(await count(sql`select count(*)::int as n from users where name = ${other}`)).toBe(0);
  });

  it("names every unknown dialogue, model, metric and missing response, and writes nothing", async () => {
    const { project } = await referenceProject();
    await t.db.execute(sql`delete from responses where project_id = ${project.id} and dialogue_id =
      (select id from dialogues where project_id = ${project.id} and external_id = '2')
      and model_id = (select id from models where project_id = ${project.id} and name = 'model-2')`);
    const before = await comparisons(project.id);
    const attempt = importPreferences(
      t.db,
      project.id,
      csv(
        `0,Fluency,model-0,model-2,model-0,${uniq("a")}`,
        `9,Fluency,model-0,model-1,model-0,a`,
        `0,Fluency,model-0,model-7,tie,a`,
        `0,Nope,model-0,model-1,tie,a`,
        `2,Consistency,model-2,model-0,tie,a`,
      ),
    );
    const e = (await attempt.catch((x: unknown) => x)) as { errors: { message: string }[] };
    expect(e.errors.map((x) => x.message)).toEqual([
      'prefs.csv: record 2 (line 3), field "dialogue_id": no dialogue "9" in this project',
      'prefs.csv: record 3 (line 4), field "model_b": no model "model-7" in this project',
      'prefs.csv: record 4 (line 5), field "metric": the metric "Nope" is not in this project\'s metric set',
      'prefs.csv: record 5 (line 6), field "model_a": the model "model-2" has no response to dialogue "2"',
    ]);
    expect(await comparisons(project.id)).toBe(before);
    expect(await stored(project.id)).toEqual([]);
  });

  it("adds a metric outside the dialogue's subset, with a unit for each of the dialogue's comparisons", async () => {
    const { project } = await referenceProject();
    const units = () => count(sql`select count(*)::int as n from units where project_id = ${project.id}`);
    const before = await units();
    const r = await importPreferences(t.db, project.id, csv(`0,Empathy,model-0,model-1,model-0,${uniq("z")}`));
    // dialogue 0 has the comparisons (model-0, model-1) and (model-1, model-2)
    expect(r).toMatchObject({ preferences: 1, comparisons_created: 0, units_created: 2 });
    expect(await units()).toBe(before + 2);
  });

  it("refuses two records of one account on one unit, even under names that differ in case", async () => {
    const { project } = await referenceProject();
    const email = `${uniq("chen")}@lab.org`;
    const attempt = importPreferences(
      t.db,
      project.id,
      csv(`0,Fluency,model-0,model-1,model-0,${email}`, `0,Fluency,model-1,model-0,tie,${email.toUpperCase()}`),
    );
    await expect(attempt).rejects.toThrow(
      `prefs.csv: record 2 (line 3), field "annotator": the same annotator account (${email}) already compared this pair on this metric at record 1`,
    );
    expect(await stored(project.id)).toEqual([]);
  });

  it("refuses a scoring project", async () => {
    const { project } = await makeQueueProject(t.db, { dialogues: 1, models: 2, annotators: 0 });
    await expect(importPreferences(t.db, project.id, csv(`0,Fluency,model-0,model-1,tie,a`))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("is a scoring project; preferences are imported and exported only in pairwise projects"),
    });
  });
});
