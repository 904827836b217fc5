import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { claimNextTask } from "./claim.server";
import { submitRatings } from "./submit.server";
import { taskPayload } from "./task-view.server";

process.env.DATABASE_POOL_MAX = "25";
const t = useTestDb();
const onPostgres = !!process.env.DATABASE_URL;

async function submitAll(annotatorId: string, taskId: number) {
  const payload = await taskPayload(t.db, taskId);
  return submitRatings(
    t.db,
    { taskId, annotatorId },
    {
      idempotencyKey: crypto.randomUUID(),
      activeMs: 1000,
      ratings: payload.units.map((u) => ({ unit_id: u.unit_id, score: 1 + (u.unit_id % 5), comment: null })),
    },
  );
}

/** Units this annotator could still be handed: not rated/skipped by them, below k with live leases. */
async function openFor(projectId: number, annotatorId: string, k: number) {
  const [{ n }] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from units u where u.project_id = ${projectId}
        and not exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = ${annotatorId})
        and not exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = ${annotatorId})
        and (select count(*) from ratings r where r.unit_id = u.id)
          + (select count(*) from task_units tu join tasks tk on tk.id = tu.task_id
             where tu.unit_id = u.id and tk.status = 'leased' and tk.expires_at > now()) < ${k}`,
  );
  return Number(n);
}

describe.runIf(onPostgres)("claiming under concurrency (PostgreSQL)", () => {
  it("50 clients (5 walk away, 45 work) over 300 responses with k = 3: exactly k ratings per unit, expired leases reclaimed, late submits kept", async () => {
    const { project, annotators, units } = await makeQueueProject(t.db, { dialogues: 100, models: 3, annotators: 50, k: 3 });
    expect(units).toBeGreaterThan(300);

    // five annotators take a task and walk away; their leases expire before the others start
    const abandoned: { annotatorId: string; taskId: number }[] = [];
    for (const a of annotators.slice(0, 5)) {
      const c = await claimNextTask(t.db, project, a.id);
      expect(c.taskId).not.toBeNull();
      abandoned.push({ annotatorId: a.id, taskId: c.taskId! });
    }
    const ids = sql.param(abandoned.map((x) => x.taskId));
    await t.db.execute(sql`update tasks set expires_at = now() - interval '1 second' where id = any(${ids}::bigint[])`);

    const emptyButOpen: string[] = [];
    await Promise.all(
      annotators.slice(5).map(async (a) => {
        for (;;) {
          const c = await claimNextTask(t.db, project, a.id);
          if (c.taskId === null) {
            if ((await openFor(project.id, a.id, 3)) > 0) {
              // someone else's lease may still be open; only a queue that stays empty while work remains is wrong
              const [{ live }] = await queryRows<{ live: number }>(
                t.db,
                sql`select count(*)::int as live from tasks where project_id = ${project.id} and status = 'leased' and expires_at > now()`,
              );
              if (Number(live) === 0) emptyButOpen.push(a.id);
              await new Promise((r) => setTimeout(r, 20));
              continue;
            }
            return;
          }
          await submitAll(a.id, c.taskId);
        }
      }),
    );
    expect(emptyButOpen).toEqual([]);
    const counts = await queryRows<{ rating_count: number; leases: number; n: number; real: number }>(
      t.db,
      sql`select f.rating_count, f.leases, count(*)::int as n, sum((select count(*) from ratings r where r.unit_id = f.unit_id))::int as real
          from unit_fill f where f.project_id = ${project.id} group by f.rating_count, f.leases`,
    );
    // every unit has k ratings and no lease left open, and the queue's counts are the ratings stored
    expect(counts.map((c) => [Number(c.rating_count), Number(c.leases)])).toEqual([[3, 0]]);
    expect(Number(counts[0].n)).toBe(units);
    expect(Number(counts[0].real)).toBe(3 * units);
    // the walked-away annotators' leases were found expired and closed by the claims
    const [{ expired }] = await queryRows<{ expired: number }>(
      t.db,
      sql`select count(*)::int as expired from tasks where id = any(${ids}::bigint[]) and status = 'expired'`,
    );
    expect(Number(expired)).toBe(abandoned.length);
    const [{ dup }] = await queryRows<{ dup: number }>(
      t.db,
      sql`select count(*)::int as dup from (select unit_id, annotator_id from ratings where project_id = ${project.id} group by 1, 2 having count(*) > 1) x`,
    );
    expect(Number(dup)).toBe(0);

    // the walked-away annotators come back: their late scores are stored and marked late
    for (const x of abandoned) {
      const res = await submitAll(x.annotatorId, x.taskId);
      expect(res.late).toBe(true);
      expect(res.accepted).toBeGreaterThan(0);
    }
    const [{ late, over }] = await queryRows<{ late: number; over: number }>(
      t.db,
      sql`select (select count(*)::int from ratings where project_id = ${project.id} and late) as late,
                 (select coalesce(sum(rating_count - 3), 0)::int from unit_fill where project_id = ${project.id} and rating_count > 3) as over`,
    );
    expect(Number(late)).toBeGreaterThan(0);
    // every rating beyond k is a late one: nothing else can exceed the overlap
    expect(Number(over)).toBe(Number(late));
    // and the queue's counts still agree with a recount from ratings and open tasks
    const [{ n: drift }] = await queryRows<{ n: number }>(t.db, sql`select rolecall_recount_fill(${project.id}) as n`);
    expect(Number(drift)).toBe(0);
  });

  it("two tabs of one annotator asking at once get one task", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 10, models: 2, annotators: 1, k: 2 });
    const [a, b] = await Promise.all([claimNextTask(t.db, project, annotators[0].id), claimNextTask(t.db, project, annotators[0].id)]);
    expect(a.taskId).toBe(b.taskId);
  });

  it("gives one rating per group in group mode", async () => {
    const { project, annotators, units } = await makeQueueProject(t.db, { dialogues: 20, models: 2, annotators: 6, groups: ["A", "B"] });
    await Promise.all(
      annotators.map(async (a) => {
        for (;;) {
          const c = await claimNextTask(t.db, project, a.id);
          if (c.taskId === null) return;
          await submitAll(a.id, c.taskId);
        }
      }),
    );
    const rows = await queryRows<{ groups: number; n: number }>(
      t.db,
      sql`select count(distinct pm.group_name)::int as groups, count(*)::int as n from ratings r
          join project_members pm on pm.project_id = r.project_id and pm.user_id = r.annotator_id
          where r.project_id = ${project.id} group by r.unit_id`,
    );
    expect(rows).toHaveLength(units);
    expect(rows.every((r) => Number(r.groups) === 2 && Number(r.n) === 2)).toBe(true);
  });
});
