// claimNextTask: the queue's one short transaction, run by the database function rolecall_claim
// (migrations/0003_queue-functions.sql) in one round trip that also returns the task's payload. The
// rules are those of app/domain/assignment/choose-next-task.ts; claim-agreement.test.ts checks that the
// two agree. Races are settled in the database: a lock on the claimant's membership, transaction-scoped
// advisory locks on candidate units, a re-check of the cap under them.
// docs/decisions/005-queue-claims.md, 008-queue-in-plpgsql.md.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryPrepared, queryRows } from "#db/sql";
import { type TaskPayload, toTaskPayload } from "./task-view.server";

export type ClaimOutcome = { taskId: number; resumed: boolean; task: TaskPayload } | { taskId: null; reason: "nothing-left" | "paused" | "not-annotator" };

type ClaimRow = { task_id?: number; resumed?: boolean; task?: Parameters<typeof toTaskPayload>[0]; reason?: "nothing-left" | "paused" | "not-annotator" };

/** `window` / `siblings` override the database's bounds on the candidates (tests compare the choice with
 *  the specification on windows that hold every unit). */
export async function claimNextTask(
  db: DbOrTx,
  project: { id: number },
  annotatorId: string,
  bounds?: { window: number; siblings: number },
): Promise<ClaimOutcome> {
  const call = bounds
    ? sql`select rolecall_claim(${project.id}, ${annotatorId}, ${bounds.window}, ${bounds.siblings}) as r`
    : sql`select rolecall_claim(${project.id}, ${annotatorId}) as r`;
  const [{ r }] = await queryPrepared<{ r: ClaimRow | string }>(db, call);
  const row = (typeof r === "string" ? JSON.parse(r) : r) as ClaimRow;
  if (row.task_id != null && row.task) return { taskId: Number(row.task_id), resumed: !!row.resumed, task: toTaskPayload(row.task) };
  return { taskId: null, reason: row.reason ?? "nothing-left" };
}

/** Extends a live lease (heartbeat), in one statement. An expired lease is not revived: its units may be taken. */
export async function extendLease(db: DbOrTx, taskId: number, leaseSeconds: number) {
  const rows = await queryRows<{ expires_at: Date }>(
    db,
    sql`with t as (update tasks set expires_at = now() + make_interval(secs => ${leaseSeconds})
                   where id = ${taskId} and status = 'leased' and expires_at > now() returning id, expires_at),
             u as (update task_units tu set live_until = t.expires_at from t where tu.task_id = t.id)
        select expires_at from t`,
  );
  return rows[0] ? new Date(rows[0].expires_at) : null;
}
