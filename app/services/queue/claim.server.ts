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
import { type PairwiseTaskPayload, type TaskPayload, toTaskPayload } from "./task-view.server";

export type ClaimOutcome =
  | { taskId: number; resumed: boolean; task: TaskPayload | PairwiseTaskPayload }
  | { taskId: null; reason: "nothing-left" | "paused" | "not-annotator" };

type ClaimRow = {
  task_id?: number;
  resumed?: boolean;
  task?: Parameters<typeof toTaskPayload>[0];
  reason?: "nothing-left" | "paused" | "not-annotator" | "retry";
};

type ClaimCall = { projectId: number; annotatorId: string };
type TokenClaimCall = { tokenHash: string; slug: string };
type TokenClaimRow = ClaimRow & { status?: 401 | 403 | 404 };

/** One call of a claim function over these claims, in order: its answer is a JSON array. */
async function jsonArray<T>(db: DbOrTx, call: ReturnType<typeof sql>): Promise<T[]> {
  const [{ r }] = await queryPrepared<{ r: T[] | string }>(db, call);
  return typeof r === "string" ? JSON.parse(r) : r;
}

/** A claim batcher per database handle: a lone claim is a batch of one; an answer "retry" (it would
 *  have had to wait inside a batch) runs alone. */
function claimBatcherOf<I, O extends ClaimRow>(cache: WeakMap<DbOrTx, Batcher<I, O>>, db: DbOrTx, many: (items: I[]) => Promise<O[]>) {
  return batcherFor(
    cache,
    db,
    () => new Batcher<I, O>({ one: async (c) => (await many([c]))[0], many, again: (row) => row.reason === "retry" }),
  );
}

const claimBatchers = new WeakMap<DbOrTx, Batcher<ClaimCall, ClaimRow>>();
// rolecall_claim_many (migrations/0008)
const claimBatcher = (db: DbOrTx) =>
  claimBatcherOf(claimBatchers, db, (cs: ClaimCall[]) =>
    jsonArray<ClaimRow>(
      db,
      sql`select rolecall_claim_many(${sql.param(cs.map((c) => c.projectId))}::int[], ${sql.param(cs.map((c) => c.annotatorId))}::text[]) as r`,
    ),
  );

const tokenClaimBatchers = new WeakMap<DbOrTx, Batcher<TokenClaimCall, TokenClaimRow>>();
// rolecall_token_claim_many (migrations/0009): the tokens resolved, the guards applied and the claims of
// those let through made, in one round trip
const tokenClaimBatcher = (db: DbOrTx) =>
  claimBatcherOf(tokenClaimBatchers, db, (cs: TokenClaimCall[]) =>
    jsonArray<TokenClaimRow>(
      db,
      sql`select rolecall_token_claim_many(${sql.param(cs.map((c) => c.tokenHash))}::text[], ${sql.param(cs.map((c) => c.slug))}::text[]) as r`,
    ),
  );

export type TokenClaimOutcome = { refused: 401 | 403 | 404 } | ClaimOutcome;

/** The claim of an API request with a token (its keyed hash, app/auth/api-token.server.ts): refused as
 *  the route's guards refuse (401 no such user, 404 no such project or not theirs, 403 a member who does
 *  not annotate), or claimed, in the same one call. Batched like claimNextTask. */
export async function claimForToken(db: DbOrTx, tokenHash: string, slug: string): Promise<TokenClaimOutcome> {
  const row = await tokenClaimBatcher(db).call({ tokenHash, slug });
  if (row.status) return { refused: row.status };
  return outcomeOf(row);
}

function outcomeOf(row: ClaimRow): ClaimOutcome {
  if (row.task_id != null && row.task) return { taskId: Number(row.task_id), resumed: !!row.resumed, task: toTaskPayload(row.task) };
  return { taskId: null, reason: row.reason === "paused" || row.reason === "not-annotator" ? row.reason : "nothing-left" };
}

/** What this database handle's batcher has sent (tests check that batches formed). */
export const claimBatchesSent = (db: DbOrTx) => claimBatcher(db).sent;
export const tokenClaimBatchesSent = (db: DbOrTx) => tokenClaimBatcher(db).sent;

/** Claims go through this process's batcher (db/batch.ts): alone when nothing else is in flight. */
export async function claimNextTask(db: DbOrTx, project: { id: number }, annotatorId: string): Promise<ClaimOutcome> {
  return outcomeOf(await claimBatcher(db).call({ projectId: project.id, annotatorId }));
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
