// Gold in the queue under concurrency (PostgreSQL): many clients claiming and submitting at once with
// gold mixed in. Normal units still end with exactly k ratings (gold neither fills up nor blocks them),
// each gold unit is rated at most once per annotator and by many of them (it is not capped at k), and
// the queue's counts of gold and normal units agree with a recount.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { markGold } from "../gold.server";
import { claimNextTask } from "./claim.server";
import { submitRatings } from "./submit.server";

process.env.DATABASE_POOL_MAX = "25";
const t = useTestDb();

describe.runIf(!!process.env.DATABASE_URL)("gold in the queue under concurrency (PostgreSQL)", () => {
  it("30 clients, k = 2, gold_rate 0.3 over 12 gold units", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 60, models: 2, annotators: 30, k: 2 });
    const units = await queryRows<{ id: number }>(t.db, sql`select id from units where project_id = ${project.id} order by position`);
    const gold = units
      .filter((_, i) => i % 10 === 4)
      .slice(0, 12)
      .map((u) => Number(u.id));
    for (const id of gold) await markGold(t.db, project.id, id, 3, null);
    await t.db.execute(sql`update projects set gold_rate = 0.3 where id = ${project.id}`);

    let goldTasks = 0;
    await Promise.all(
      annotators.map(async (a) => {
        for (;;) {
          const c = await claimNextTask(t.db, project, a.id);
          if (c.taskId === null) return;
          if (c.task.units.some((u) => gold.includes(u.unit_id))) {
            goldTasks++;
            // a gold task holds gold units only: nothing else of its response rides along uncounted
            expect(c.task.units.every((u) => gold.includes(u.unit_id))).toBe(true);
          }
          await submitRatings(
            t.db,
            { taskId: c.taskId, annotatorId: a.id },
            {
              idempotencyKey: crypto.randomUUID(),
              activeMs: 900,
              ratings: c.task.units.map((u) => ({ unit_id: u.unit_id, score: 3, comment: null })),
            },
          );
        }
      }),
    );
    const perUnit = await queryRows<{ gold: boolean; n: number; units: number }>(
      t.db,
      sql`select u.is_gold as gold, (select count(*)::int from ratings r where r.unit_id = u.id) as n, count(*)::int as units
          from units u where u.project_id = ${project.id} group by 1, 2 order by 1, 2`,
    );
    // every normal unit has exactly k ratings
    expect(perUnit.filter((r) => !r.gold).map((r) => Number(r.n))).toEqual([2]);
    // gold units went beyond k: served to many annotators, not capped
    expect(perUnit.filter((r) => r.gold).some((r) => Number(r.n) > 2)).toBe(true);
    expect(goldTasks).toBeGreaterThan(10);
    const [{ dup }] = await queryRows<{ dup: number }>(
      t.db,
      sql`select count(*)::int as dup from (select unit_id, annotator_id from task_units where project_id = ${project.id}
          and unit_id = any (${sql.param(gold)}::bigint[]) group by 1, 2 having count(*) > 1) x`,
    );
    expect(Number(dup)).toBe(0);
    // the queue rows: the project's normal units counted as a recount would, gold rows parked with their
    // real counts and no lease left open
    const [{ n: drift }] = await queryRows<{ n: number }>(t.db, sql`select rolecall_recount_fill(${project.id}) as n`);
    expect(Number(drift)).toBe(0);
    const parked = await queryRows<{ ok: boolean }>(
      t.db,
      sql`select f.project_id = ${-project.id} and f.leases = 0 and f.rating_count = (select count(*) from ratings r where r.unit_id = f.unit_id) as ok
          from unit_fill f where f.unit_id = any (${sql.param(gold)}::bigint[])`,
    );
    expect(parked.map((p) => p.ok)).toEqual(gold.map(() => true));
  });
});
