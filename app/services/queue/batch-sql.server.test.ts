// The batch functions (rolecall_claim_many, rolecall_submit_many; migrations 0007, 0008) called directly, and
// the services' batching seen from concurrent callers.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { queryRows } from "#db/sql";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { claimBatchesSent, claimNextTask } from "./claim.server";
import { submitBatchesSent, submitRatings } from "./submit.server";

const t = useTestDb();
type Claimed = { task_id?: number; resumed?: boolean; reason?: string; task?: { units: { unit_id: number }[] } };

async function claimMany(projectId: number, annotators: string[]) {
  const [{ r }] = await queryRows<{ r: Claimed[] | string }>(
    t.db,
    sql`select rolecall_claim_many(${sql.param(annotators.map(() => projectId))}::int[], ${sql.param(annotators)}::text[]) as r`,
  );
  return (typeof r === "string" ? JSON.parse(r) : r) as Claimed[];
}

/** rolecall_submit_many called directly: each item's units all get `score`. */
async function submitMany(items: { task: number; annotator: string; key: string; units: number[]; score: number }[]) {
  const units = items.flatMap((x) => x.units);
  const [{ r }] = await queryRows<{ r: { accepted: number; late: boolean }[] | string }>(
    t.db,
    sql`select rolecall_submit_many(${sql.param(items.map((x) => x.task))}::bigint[], ${sql.param(items.map((x) => x.annotator))}::text[],
          ${sql.param(items.map(() => null))}::int[], ${sql.param(items.map((x) => x.key))}::text[], ${sql.param(items.map(() => 5))}::int[],
          ${sql.param(items.map((x) => x.units.length))}::int[], ${sql.param(units)}::bigint[],
          ${sql.param(items.flatMap((x) => x.units.map(() => x.score)))}::int[], ${sql.param(units.map(() => ""))}::text[]) as r`,
  );
  return typeof r === "string" ? JSON.parse(r) : r;
}

const submission = (c: { taskId: number; units: number[] }, score = 3) => ({
  idempotencyKey: crypto.randomUUID(),
  activeMs: 10,
  ratings: c.units.map((unit_id) => ({ unit_id, score, comment: null })),
});

describe("claims in one batch", () => {
  it("one annotator twice in a batch gets one task, the second time resumed", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 4, models: 2, annotators: 1, k: 2 });
    const [a, b] = await claimMany(project.id, [annotators[0].id, annotators[0].id]);
    expect(a.task_id).toBeTruthy();
    expect(a.resumed).toBe(false);
    expect(b).toMatchObject({ task_id: a.task_id, resumed: true });
  });

  it("keeps the overlap within a batch; a later claim that would have to wait asks to be run alone", async () => {
    // one dialogue, one model: a single response whose units take k = 2 annotators
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 1, models: 1, annotators: 3, k: 2 });
    const out = await claimMany(
      project.id,
      annotators.map((a) => a.id),
    );
    expect(out[0].task_id).toBeTruthy();
    expect(out[1].task_id).toBeTruthy();
    expect(out[2]).toEqual({ reason: "retry" });
    // through the service, the third (run alone) is told there is nothing left for now
    const third = await claimNextTask(t.db, project, annotators[2].id);
    expect(third).toMatchObject({ taskId: null, reason: "nothing-left" });
    const [{ live, leases }] = await queryRows<{ live: number; leases: number }>(
      t.db,
      sql`select (select max(n)::int from (select count(*) as n from task_units tu join tasks tk on tk.id = tu.task_id
                  where tu.project_id = ${project.id} and tk.status = 'leased' group by tu.unit_id) x) as live,
                 (select max(leases)::int from unit_fill where project_id = ${project.id}) as leases`,
    );
    expect(Number(live)).toBe(2);
    expect(Number(leases)).toBe(2);
  });

  it("answers nothing to a batch of no claims", async () => {
    expect(await claimMany(1, [])).toEqual([]);
  });
});

describe("submits in one batch", () => {
  it("a bad score rolls the batch back: nothing of it is stored", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 4, models: 2, annotators: 2, k: 2 });
    const [a, b] = await claimMany(
      project.id,
      annotators.map((x) => x.id),
    );
    const item = (c: Claimed, annotator: string, score: number) => ({
      task: c.task_id!,
      annotator,
      key: crypto.randomUUID(),
      units: c.task!.units.map((u) => u.unit_id),
      score,
    });
    const items = [item(a, annotators[0].id, 4), item(b, annotators[1].id, 9)];
    await expect(submitMany(items)).rejects.toThrow();
    const stored = async () => {
      const [{ n, keys }] = await queryRows<{ n: number; keys: number }>(
        t.db,
        sql`select (select count(*)::int from ratings where project_id = ${project.id}) as n,
                   (select count(*)::int from submissions where task_id = any(${sql.param([a.task_id!, b.task_id!])}::bigint[])) as keys`,
      );
      return { ratings: Number(n), keys: Number(keys) };
    };
    expect(await stored()).toEqual({ ratings: 0, keys: 0 });
    // the same two, good, in one batch: both stored, answers in order
    items[1] = item(b, annotators[1].id, 2);
    expect(await submitMany(items)).toEqual([
      { accepted: a.task!.units.length, late: false },
      { accepted: b.task!.units.length, late: false },
    ]);
    expect(await stored()).toEqual({ ratings: a.task!.units.length + b.task!.units.length, keys: 2 });
    // their leases are closed and their ratings counted, in one update of the queue's rows
    const [{ bad }] = await queryRows<{ bad: number }>(
      t.db,
      sql`select count(*)::int as bad from unit_fill f where f.project_id = ${project.id}
          and (f.rating_count <> (select count(*) from ratings r where r.unit_id = f.unit_id) or f.leases <> 0)`,
    );
    expect(Number(bad)).toBe(0);
    // a replay in a batch (the same key again) and another annotator's task are not the plain case: the
    // batch is refused as a whole, for each to be run alone
    const refusal = (e: { code?: string; cause?: { code?: string } }) => e.cause?.code ?? e.code;
    expect(await submitMany([items[0]]).catch(refusal)).toBe("RC499");
    expect(await submitMany([{ ...items[0], annotator: annotators[1].id, key: crypto.randomUUID() }]).catch(refusal)).toBe("RC499");
    expect(await stored()).toEqual({ ratings: a.task!.units.length + b.task!.units.length, keys: 2 });
  });

  it("concurrent submits through the service: the bad one gets its own error, the others are stored", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 12, models: 2, annotators: 6, k: 2 });
    const claims = await Promise.all(annotators.map((a) => claimNextTask(t.db, project, a.id)));
    const tasks = claims.map((c, i) => ({
      taskId: c.taskId!,
      annotatorId: annotators[i].id,
      units: c.taskId ? c.task.units.map((u) => u.unit_id) : [],
    }));
    expect(tasks.every((x) => x.taskId)).toBe(true);
    const results = await Promise.allSettled(
      tasks.map((x, i) => submitRatings(t.db, { taskId: x.taskId, annotatorId: x.annotatorId }, submission(x, i === 2 ? 0 : 4))),
    );
    // the calls did go in batches (the first alone, the others together)
    expect(claimBatchesSent(t.db).largest).toBeGreaterThan(1);
    expect(submitBatchesSent(t.db).largest).toBeGreaterThan(1);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    const err = (results[2] as PromiseRejectedResult).reason;
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    const stored = await queryRows<{ annotator_id: string }>(
      t.db,
      sql`select distinct annotator_id from ratings where project_id = ${project.id}`,
    );
    expect(stored.map((s) => s.annotator_id).sort()).toEqual(
      tasks
        .filter((_, i) => i !== 2)
        .map((x) => x.annotatorId)
        .sort(),
    );
  });

  it("a submit sent six times at once (double clicks, retries) stores its ratings once and gives every copy the same answer", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 4, models: 2, annotators: 2, k: 2 });
    const c = await claimNextTask(t.db, project, annotators[0].id);
    const input = submission({ taskId: c.taskId!, units: c.taskId ? c.task.units.map((u) => u.unit_id) : [] });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => submitRatings(t.db, { taskId: c.taskId!, annotatorId: annotators[0].id }, input)),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ accepted: input.ratings.length, late: false });
    const [{ n, keys, fill }] = await queryRows<{ n: number; keys: number; fill: number }>(
      t.db,
      sql`select (select count(*)::int from ratings where task_id = ${c.taskId}) as n,
                 (select count(*)::int from submissions where task_id = ${c.taskId}) as keys,
                 (select sum(rating_count + 10 * leases)::int from unit_fill where unit_id = any(${sql.param(input.ratings.map((r) => r.unit_id))}::bigint[])) as fill`,
    );
    // one rating per unit, one stored answer, and the lease closed once: each unit counts one rating
    expect({ n: Number(n), keys: Number(keys), fill: Number(fill) }).toEqual({
      n: input.ratings.length,
      keys: 1,
      fill: input.ratings.length,
    });
  });

  it("a key used before for another task is refused with 409, and that submit writes nothing", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 4, models: 2, annotators: 1, k: 1 });
    const a = annotators[0].id;
    const key = crypto.randomUUID();
    const body = (c: Awaited<ReturnType<typeof claimNextTask>>) => ({
      ...submission({ taskId: c.taskId!, units: c.taskId ? c.task.units.map((u) => u.unit_id) : [] }),
      idempotencyKey: key,
    });
    const first = await claimNextTask(t.db, project, a);
    expect((await submitRatings(t.db, { taskId: first.taskId!, annotatorId: a }, body(first))).accepted).toBeGreaterThan(0);
    const next = await claimNextTask(t.db, project, a);
    const reused = await submitRatings(t.db, { taskId: next.taskId!, annotatorId: a }, body(next)).catch((e) => e);
    expect(reused).toBeInstanceOf(AppError);
    expect((reused as AppError).status).toBe(409);
    const [{ n, open }] = await queryRows<{ n: number; open: string }>(
      t.db,
      sql`select (select count(*)::int from ratings where task_id = ${next.taskId}) as n, (select status from tasks where id = ${next.taskId}) as open`,
    );
    expect({ n: Number(n), open }).toEqual({ n: 0, open: "leased" });
  });
});
