// Gold units through the service and the CLI commands' code: marking parks the queue row, `import gold`
// is all or nothing, a promoted adjudication becomes the reference, and `report annotators` counts gold
// accuracy from the ratings (on-time only), cached until the data changes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { Args, parseFlags } from "~/cli/args";
import { qualityCommands } from "~/cli/commands/quality";
import { makeQueueProject } from "../../seeds/queue-factory";
import { useTestDb } from "../../test/db";
import { importGold, markGold, promoteAdjudicated, unmarkGold } from "./gold.server";
import { annotatorsReport } from "./reports/annotators.server";

const t = useTestDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-gold-"));
const file = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return { source: fs.createReadStream(path.join(dir, name)), name };
};
const run = (name: string, argv: string[]) =>
  qualityCommands[name].run(t.db, new Args(parseFlags(argv, qualityCommands[name].booleans ?? []), qualityCommands[name].flags));

async function unitRows(projectId: number) {
  return queryRows<{ id: number; dialogue: string; model: string; metric: string; min: number; max: number }>(
    t.db,
    sql`select u.id, d.external_id as dialogue, mo.name as model, m.key as metric, m.scale_min as min, m.scale_max as max
        from units u join responses r on r.id = u.response_id join dialogues d on d.id = r.dialogue_id join models mo on mo.id = r.model_id
        join metrics m on m.id = u.metric_id where u.project_id = ${projectId} order by u.position`,
  );
}

describe("gold units", () => {
  it("marking parks the unit's queue row outside the project; unmarking brings it back with its counts", async () => {
    const { project } = await makeQueueProject(t.db, { dialogues: 2, models: 1, annotators: 1, k: 2 });
    const [u] = await unitRows(project.id);
    await markGold(t.db, project.id, Number(u.id), u.min, 1);
    const [f] = await queryRows<{ project_id: number; is_gold: boolean }>(
      t.db,
      sql`select f.project_id, u.is_gold from unit_fill f join units u on u.id = f.unit_id where f.unit_id = ${u.id}`,
    );
    expect([Number(f.project_id), f.is_gold]).toEqual([-project.id, true]);
    await expect(markGold(t.db, project.id, Number(u.id), u.max + 1, null)).rejects.toMatchObject({ status: 400, field: "score" });
    await expect(markGold(t.db, project.id + 100000, Number(u.id), u.min, null)).rejects.toMatchObject({ status: 404 });
    await unmarkGold(t.db, project.id, Number(u.id));
    const [back] = await queryRows<{ project_id: number; n: number }>(
      t.db,
      sql`select f.project_id, (select count(*)::int from gold_units where unit_id = f.unit_id) as n from unit_fill f where f.unit_id = ${u.id}`,
    );
    expect([Number(back.project_id), Number(back.n)]).toEqual([project.id, 0]);
  });

  it("import gold: any bad record and nothing is written; a good file marks the units; again changes nothing", async () => {
    const { project } = await makeQueueProject(t.db, { dialogues: 3, models: 1, annotators: 1, k: 2 });
    const units = await unitRows(project.id);
    const [a, b] = units;
    // a metric of the set that a's response is not scored on
    const [other] = await queryRows<{ key: string }>(
      t.db,
      sql`select key from metrics where project_id = ${project.id}
          and key not in (${sql.join(
            units.filter((u) => u.dialogue === a.dialogue && u.model === a.model).map((u) => sql`${u.metric}`),
            sql`, `,
          )})
          order by key limit 1`,
    );
    const bad =
      `dialogue_id,model,metric,score,tolerance\n${a.dialogue},${a.model},${a.metric},${a.min},0\n${b.dialogue},${b.model},${b.metric},${b.max + 5},\n` +
      `${a.dialogue},${a.model},${other.key},1,\n`;
    const refused = await importGold(t.db, project.id, file("bad.csv", bad)).catch((x) => x);
    expect(refused).toMatchObject({ status: 400 });
    expect(refused.errors.map((x: { line: number; field: string }) => [x.line, x.field])).toEqual([
      [3, "score"],
      [4, "metric"],
    ]);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from gold_units where project_id = ${project.id}`);
    expect(Number(n)).toBe(0);
    const good = [a, b].map((x, i) =>
      JSON.stringify({ dialogue_id: x.dialogue, model: x.model, metric: x.metric, score: x.min, ...(i ? {} : { tolerance: 0 }) }),
    );
    expect(await importGold(t.db, project.id, file("g.jsonl", good.join("\n")))).toEqual({
      rows: 2,
      written: 2,
      unchanged: 0,
      gold_units: 2,
    });
    expect(await importGold(t.db, project.id, file("g2.jsonl", good.join("\n")))).toEqual({
      rows: 2,
      written: 0,
      unchanged: 2,
      gold_units: 2,
    });
    const refs = await queryRows<{ tolerance: number | null }>(t.db, sql`select tolerance from gold_units where unit_id = ${a.id}`);
    expect(refs[0].tolerance).toBe(0);
    fs.writeFileSync(
      path.join(dir, "cli.csv"),
      `dialogue_id,model,metric,score\n${units[2].dialogue},${units[2].model},${units[2].metric},${units[2].min}\n`,
    );
    const cli = await run("import gold", ["--project", project.slug, "--file", path.join(dir, "cli.csv")]);
    expect(cli.json).toMatchObject({ project: project.slug, written: 1, gold_units: 3 });
  });

  it("an adjudicated unit is promoted with its final score; one without adjudication is refused", async () => {
    const { project } = await makeQueueProject(t.db, { dialogues: 2, models: 1, annotators: 1, k: 2 });
    const [u, v] = await unitRows(project.id);
    await t.db.execute(sql`insert into adjudications (unit_id, project_id, score) values (${u.id}, ${project.id}, ${u.max})`);
    expect(await promoteAdjudicated(t.db, project.id, Number(u.id))).toEqual({ unitId: Number(u.id), score: u.max, tolerance: null });
    await expect(promoteAdjudicated(t.db, project.id, Number(v.id))).rejects.toMatchObject({ status: 409 });
  });
});

describe("report annotators", () => {
  it("gold accuracy and bias from on-time ratings; the report is cached and recomputed when ratings change", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 2, models: 1, annotators: 2, k: 2 });
    const [u, v] = await unitRows(project.id);
    await markGold(t.db, project.id, Number(u.id), u.min + 1, 0);
    const rate = (who: string, unit: number, score: number, late = false) =>
      t.db.execute(
        sql`insert into ratings (project_id, unit_id, annotator_id, score, late) values (${project.id}, ${unit}, ${who}, ${score}, ${late})`,
      );
    await rate(annotators[0].id, Number(u.id), u.min + 1);
    await rate(annotators[1].id, Number(u.id), u.min);
    await rate(annotators[1].id, Number(v.id), v.min, true); // late: not counted
    const r1 = await annotatorsReport(t.db, project);
    const emails = await queryRows<{ id: string; email: string }>(
      t.db,
      sql`select id, email from users where id in (${annotators[0].id}, ${annotators[1].id})`,
    );
    const by = (id: string) => r1.annotators.find((x) => x.annotator === emails.find((e) => e.id === id)!.email)!;
    expect(by(annotators[0].id)).toMatchObject({ ratings: 1, gold_n: 1, gold_accuracy: 1, gold_bias: 0, mae_vs_others: 1 });
    expect(by(annotators[1].id)).toMatchObject({ ratings: 1, gold_n: 1, gold_accuracy: 0, gold_bias: -1, mae_vs_others: 1 });
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from report_cache where project_id = ${project.id} and kind = 'annotators'`,
    );
    expect(Number(n)).toBe(1);
    await rate(annotators[0].id, Number(v.id), v.min);
    const r2 = await annotatorsReport(t.db, project);
    expect(r2.annotators.find((x) => x.annotator === by(annotators[0].id).annotator)!.ratings).toBe(2);
    const cli = await run("report annotators", ["--project", project.slug]);
    expect(cli.json).toEqual(r2);
    expect(cli.text).toContain("accuracy");
  });
});
