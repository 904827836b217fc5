// claimNextTask: the queue's one short transaction, run by the database function rolecall_claim_many
// (migrations/0008_queue-fill.sql) in one round trip that also returns the task's payload. The rules
// are those of app/domain/assignment/choose-next-task.ts; claim-agreement.test.ts checks that the two
// agree. Concurrent claims of one process go to the database together, as one call. Races are settled
// in the database: a lock on the claimant's membership, transaction-scoped advisory locks on candidate
// units, a re-check of the cap under them and the row locks of the lease write.
// docs/decisions/005-queue-claims.md, 008-queue-in-plpgsql.md, 009-queue-batches.md, 010-queue-fill.md.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryPrepared, queryRows } from "#db/sql";
import { Batcher, batcherFor } from "#db/batch";
import { type TaskPayload, toTaskPayload } from "./task-view.server";

export type ClaimOutcome = { taskId: number; resumed: boolean; task: TaskPayload } | { taskId: null; reason: "nothing-left" | "paused" | "not-annotator" };

type ClaimRow = { task_id?: number; resumed?: boolean; task?: Parameters<typeof toTaskPayload>[0]; reason?: "nothing-left" | "paused" | "not-annotator" | "retry" };

type ClaimCall = { projectId: number; annotatorId: string };

/** One call of rolecall_claim_many for these claims, in order (a lone claim is a batch of one). */
async function claimMany(db: DbOrTx, cs: ClaimCall[]): Promise<ClaimRow[]> {
  const [{ r }] = await queryPrepared<{ r: ClaimRow[] | string }>(
    db,
    sql`select rolecall_claim_many(${sql.param(cs.map((c) => c.projectId))}::int[], ${sql.param(cs.map((c) => c.annotatorId))}::text[]) as r`,
  );
  return typeof r === "string" ? JSON.parse(r) : r;
}

const claimBatchers = new WeakMap<DbOrTx, Batcher<ClaimCall, ClaimRow>>();
const claimBatcher = (db: DbOrTx) =>
  batcherFor(claimBatchers, db, () =>
    new Batcher<ClaimCall, ClaimRow>({
      one: async (c) => (await claimMany(db, [c]))[0],
      many: (cs) => claimMany(db, cs),
      again: (row) => row.reason === "retry",
    }),
  );

/** What this database handle's batcher has sent (tests check that batches formed). */
export const claimBatchesSent = (db: DbOrTx) => claimBatcher(db).sent;

/** Claims go through this process's batcher (db/batch.ts): alone when nothing else is in flight. */
export async function claimNextTask(db: DbOrTx, project: { id: number }, annotatorId: string): Promise<ClaimOutcome> {
  const row = await claimBatcher(db).call({ projectId: project.id, annotatorId });
  if (row.task_id != null && row.task) return { taskId: Number(row.task_id), resumed: !!row.resumed, task: toTaskPayload(row.task) };
  return { taskId: null, reason: row.reason === "paused" || row.reason === "not-annotator" ? row.reason : "nothing-left" };
}

/** Extends a live lease (heartbeat), in one statement. An expired lease is not revived: its units may be taken. */
export async function extendLease(db: DbOrTx, taskId: number, leaseSeconds: number) {
  const rows = await queryRows<{ expires_at: Date }>(
    db,
    sql`update tasks set expires_at = now() + make_interval(secs => ${leaseSeconds})
        where id = ${taskId} and status = 'leased' and expires_at > now() returning expires_at`,
  );
  return rows[0] ? new Date(rows[0].expires_at) : null;
}
