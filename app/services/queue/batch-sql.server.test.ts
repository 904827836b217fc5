// The batch functions of migration 0007 (rolecall_claim_many, rolecall_submit_many) called directly, and
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
    const out = await claimMany(project.id, annotators.map((a) => a.id));
    expect(out[0].task_id).toBeTruthy();
    expect(out[1].task_id).toBeTruthy();
    expect(out[2]).toEqual({ reason: "retry" });
    // through the service, the third (run alone) is told there is nothing left for now
    const third = await claimNextTask(t.db, project, annotators[2].id);
    expect(third).toMatchObject({ taskId: null, reason: "nothing-left" });
    const [{ live }] = await queryRows<{ live: number }>(t.db, sql`select max(n)::int as live from (select count(*) as n from task_units where project_id = ${project.id} and live_until > now() group by unit_id) x`);
    expect(Number(live)).toBe(2);
  });

  it("answers nothing to a batch of no claims", async () => {
    expect(await claimMany(1, [])).toEqual([]);
  });
});

describe("submits in one batch", () => {
  it("a bad score rolls the batch back: nothing of it is stored", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 4, models: 2, annotators: 2, k: 2 });
    const [a, b] = await claimMany(project.id, annotators.map((x) => x.id));
    const item = (c: Claimed, annotator: string, score: number) => ({
      task: c.task_id, annotator, token_project: null, key: crypto.randomUUID(),
      units: c.task!.units.map((u) => u.unit_id), scores: c.task!.units.map(() => score), comments: c.task!.units.map(() => ""), active_ms: 5,
    });
    const items = [item(a, annotators[0].id, 4), item(b, annotators[1].id, 9)];
    await expect(t.db.execute(sql`select rolecall_submit_many(${JSON.stringify(items)}::text::json)`)).rejects.toThrow();
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ratings where project_id = ${project.id}`);
    expect(Number(n)).toBe(0);
    // the same two, good, in one batch: both stored, answers in order
    items[1] = item(b, annotators[1].id, 2);
    const [{ r }] = await queryRows<{ r: { accepted: number; late: boolean }[] | string }>(t.db, sql`select rolecall_submit_many(${JSON.stringify(items)}::text::json) as r`);
    const answers = typeof r === "string" ? JSON.parse(r) : r;
    expect(answers).toEqual([
      { accepted: a.task!.units.length, late: false },
      { accepted: b.task!.units.length, late: false },
    ]);
  });

  it("concurrent submits through the service: the bad one gets its own error, the others are stored", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 12, models: 2, annotators: 6, k: 2 });
    const claims = await Promise.all(annotators.map((a) => claimNextTask(t.db, project, a.id)));
    const tasks = claims.map((c, i) => ({ taskId: c.taskId!, annotatorId: annotators[i].id, units: c.taskId ? c.task.units.map((u) => u.unit_id) : [] }));
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
    const stored = await queryRows<{ annotator_id: string }>(t.db, sql`select distinct annotator_id from ratings where project_id = ${project.id}`);
    expect(stored.map((s) => s.annotator_id).sort()).toEqual(tasks.filter((_, i) => i !== 2).map((x) => x.annotatorId).sort());
  });
});
