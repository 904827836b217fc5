// Gold is served at most once per annotator (product.md §9, db/functions/claim-gold.sql): a gold lease
// they let expire or released is not served to them again, while other annotators still get the unit;
// and the claim passes the gold units already served to them by index lookups of (unit, annotator).
// Runs on PGlite and PostgreSQL (the plan check on PostgreSQL only: auto_explain is a contrib module).
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import type { Db } from "#db/client";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { markGold } from "../gold.server";
import { claimNextTask } from "./claim.server";
import { releaseLeases } from "./manage.server";

const t = useTestDb();

/** A project where every claim is due gold (gold_rate 1): the first `gold` units (each of its own
 *  response) are gold. */
async function goldProject(db: Db, gold: number, annotators = 2) {
  const made = await makeQueueProject(db, { dialogues: gold + 3, models: 1, annotators, k: 2, maxMetrics: 1 });
  const units = await queryRows<{ id: number }>(db, sql`select id from units where project_id = ${made.project.id} order by id`);
  const goldIds = units.slice(0, gold).map((u) => Number(u.id));
  for (const id of goldIds) await markGold(db, made.project.id, id, 3, null);
  await db.execute(sql`update projects set gold_rate = 1 where id = ${made.project.id}`);
  return { ...made, goldIds };
}

const unitsOf = (c: Awaited<ReturnType<typeof claimNextTask>>) => (c.taskId === null ? [] : c.task.units.map((u) => u.unit_id));

describe("gold is served at most once per annotator", () => {
  it("a gold lease that expired or was released is not served again to them, but still to others", async () => {
    const { project, annotators, goldIds } = await goldProject(t.db, 2);
    const [a, b] = annotators.map((x) => x.id);

    const first = await claimNextTask(t.db, project, a);
    expect(unitsOf(first)).toEqual([goldIds[0]]);
    // they let the lease run out: the next claim's sweep closes it, and passes the unit by
    await t.db.execute(sql`update tasks set expires_at = now() - interval '1 second' where id = ${first.taskId}`);
    const second = await claimNextTask(t.db, project, a);
    expect(second.taskId).not.toBe(first.taskId);
    expect(unitsOf(second)).toEqual([goldIds[1]]);
    // a released gold lease counts as served too: no gold is left for them, the normal queue follows
    expect(await releaseLeases(t.db, project.id, a)).toBe(1);
    const third = await claimNextTask(t.db, project, a);
    expect(third.taskId).not.toBeNull();
    expect(unitsOf(third).some((u) => goldIds.includes(u))).toBe(false);

    // the other annotator still gets both, in key order
    const other = await claimNextTask(t.db, project, b);
    expect(unitsOf(other)).toEqual([goldIds[0]]);

    const leases = await queryRows<{ annotator_id: string; unit_id: number; n: number }>(
      t.db,
      sql`select annotator_id, unit_id, count(*)::int as n from task_units where project_id = ${project.id}
          and unit_id = any (${sql.param(goldIds)}::bigint[]) group by 1, 2 order by 1, 2`,
    );
    expect(leases.every((l) => Number(l.n) === 1)).toBe(true);
    // the expired and released leases gave their counts back: the parked gold rows agree with a recount
    const [{ n: drift }] = await queryRows<{ n: number }>(t.db, sql`select rolecall_recount_fill(${project.id}) as n`);
    expect(Number(drift)).toBe(0);
  });

  // The gold walk's plans (auto_explain, PostgreSQL's contrib module, printed to this connection): an
  // annotator who was served many gold units is passed over each by one lookup of (unit, annotator) in
  // task_units; nothing is scanned.
  it.runIf(!!process.env.DATABASE_URL)("passes the gold units served to the annotator by index lookups, no scans", async () => {
    const { project, annotators, goldIds } = await goldProject(t.db, 12, 4);
    const [a, ...others] = annotators.map((x) => x.id);
    for (let i = 0; i < 10; i++) {
      const c = await claimNextTask(t.db, project, a);
      expect(unitsOf(c)).toEqual([goldIds[i]]);
      await releaseLeases(t.db, project.id, a);
    }
    for (const o of others)
      for (let i = 0; i < 3; i++) await claimNextTask(t.db, project, o).then(() => releaseLeases(t.db, project.id, o));
    await t.db.execute(sql`analyze task_units`);
    const plans: string[] = [];
    const conn = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: (n) => plans.push(String(n.message)) });
    let answer: { task: { units: { unit_id: number }[] } }[];
    try {
      await conn`load 'auto_explain'`;
      await conn.unsafe(
        "set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_nested_statements = on; set client_min_messages = log",
      );
      const [{ r }] = await conn`select rolecall_claim_many(${[project.id]}::int[], ${[a]}::text[]) as r`;
      answer = typeof r === "string" ? JSON.parse(r) : r;
    } finally {
      await conn.end();
    }
    expect(answer[0].task.units.map((u) => Number(u.unit_id))).toEqual([goldIds[10]]);
    const walk = plans.find((p) => p.includes("gold_units g") && p.includes("limit 1"));
    expect(walk, "the gold walk's plan was logged").toBeDefined();
    expect(walk).toMatch(/Index (Only )?Scan using task_units_unit_annotator on task_units/);
    expect(walk).toMatch(/Index Cond: \(\(unit_id = c(_\d+)?\.unit_id\) AND \(annotator_id = /);
    // the ten units served are passed by the lease probe alone: the rating probe runs for the chosen unit only
    expect(walk).toMatch(/Scan using task_units_unit_annotator on task_units tu .*loops=11\)/);
    expect(walk).toMatch(/Scan using ratings_unit_annotator on ratings r .*loops=1\)/);
    for (const p of plans.filter((p) => p.includes("gold_units"))) expect(p).not.toMatch(/Seq Scan|Bitmap|Hash|Merge/);
  });
});
