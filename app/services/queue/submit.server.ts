// submitRatings: stores an annotator's scores for the units of their task, once per idempotency key.
// Late submissions (after the lease expired) are kept and marked late; they are the only way a unit can
// end up with more than k ratings.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryPrepared } from "#db/sql";
import { AppError, fromDatabaseError, invalid, notFound } from "~/lib/errors";
import { parseSubmitBody } from "~/lib/forms/schemas/submit";
import { Batcher, batcherFor } from "#db/batch";

export type SubmittedRating = { unit_id: number; score: number; comment?: string | null };
export type SubmitResult = { accepted: number; late: boolean };

/** The one reading of a submit body, for both ways a submit arrives (Remix, and server/hot-api.ts, which
 *  calls the same route action): the workspace's schema (lib/forms/schemas/submit.ts), every number
 *  checked against the column it goes to; a refusal is a 400 naming the field. */
export function parseSubmission(body: unknown): { idempotencyKey: string; ratings: SubmittedRating[]; activeMs: number | null } {
  const r = parseSubmitBody(body);
  if (!r.ok) throw invalid(r.message.key, r.message.params, r.field);
  return { idempotencyKey: r.value.idempotency_key, ratings: r.value.ratings, activeMs: r.value.active_ms };
}

type SubmitCall = { taskId: number; annotatorId: string; tokenProjectId: number | null; input: ReturnType<typeof parseSubmission> };

async function submitOne(db: DbOrTx, c: SubmitCall): Promise<SubmitResult> {
  const r = c.input.ratings;
  const rows = await queryPrepared<{ r: SubmitResult | string }>(
    db,
    sql`select rolecall_submit(${c.taskId}, ${c.annotatorId}, ${c.tokenProjectId}::int, ${c.input.idempotencyKey},
          ${sql.param(r.map((x) => x.unit_id))}::bigint[], ${sql.param(r.map((x) => x.score))}::int[],
          ${sql.param(r.map((x) => x.comment ?? ""))}::text[], ${c.input.activeMs}::int) as r`,
  ).catch(fromDatabaseError);
  const out = rows[0].r;
  return typeof out === "string" ? (JSON.parse(out) as SubmitResult) : out;
}

const submitBatchers = new WeakMap<DbOrTx, Batcher<SubmitCall, SubmitResult>>();
const submitBatcher = (db: DbOrTx) =>
  batcherFor(
    submitBatchers,
    db,
    () =>
      new Batcher<SubmitCall, SubmitResult>({
        one: (c) => submitOne(db, c),
        many: async (cs) => {
          const ratings = cs.flatMap((c) => c.input.ratings);
          const [{ r }] = await queryPrepared<{ r: SubmitResult[] | string }>(
            db,
            sql`select rolecall_submit_many(${sql.param(cs.map((c) => c.taskId))}::bigint[], ${sql.param(cs.map((c) => c.annotatorId))}::text[],
                ${sql.param(cs.map((c) => c.tokenProjectId))}::int[], ${sql.param(cs.map((c) => c.input.idempotencyKey))}::text[],
                ${sql.param(cs.map((c) => c.input.activeMs))}::int[], ${sql.param(cs.map((c) => c.input.ratings.length))}::int[],
                ${sql.param(ratings.map((x) => x.unit_id))}::bigint[], ${sql.param(ratings.map((x) => x.score))}::int[],
                ${sql.param(ratings.map((x) => x.comment ?? ""))}::text[]) as r`,
          );
          return typeof r === "string" ? JSON.parse(r) : r;
        },
      }),
  );

/** Resolves a token hash to its user and scope the way the route's guard does (app/auth). */
export type TokenAuthenticator = (tokenHash: string) => Promise<{ user: { id: string }; projectId: number | null } | null>;
type TokenSubmitCall = { tokenHash: string; taskId: number; input: ReturnType<typeof parseSubmission>; authenticate: TokenAuthenticator };

const tokenSubmitBatchers = new WeakMap<DbOrTx, Batcher<TokenSubmitCall, SubmitResult>>();
const tokenSubmitBatcher = (db: DbOrTx) =>
  batcherFor(
    tokenSubmitBatchers,
    db,
    () =>
      new Batcher<TokenSubmitCall, SubmitResult>({
        // alone: the token looked up as the route would, then the submit
        one: async (c) => {
          const auth = await c.authenticate(c.tokenHash);
          if (!auth) throw new AppError(401, "Unauthorized");
          return submitOne(db, { taskId: c.taskId, annotatorId: auth.user.id, tokenProjectId: auth.projectId, input: c.input });
        },
        // together: the tokens resolved in the same call (rolecall_token_submit_many)
        many: async (cs) => {
          const ratings = cs.flatMap((c) => c.input.ratings);
          const [{ r }] = await queryPrepared<{ r: SubmitResult[] | string }>(
            db,
            sql`select rolecall_token_submit_many(${sql.param(cs.map((c) => c.tokenHash))}::text[], ${sql.param(cs.map((c) => c.taskId))}::bigint[],
                ${sql.param(cs.map((c) => c.input.idempotencyKey))}::text[], ${sql.param(cs.map((c) => c.input.activeMs))}::int[],
                ${sql.param(cs.map((c) => c.input.ratings.length))}::int[], ${sql.param(ratings.map((x) => x.unit_id))}::bigint[],
                ${sql.param(ratings.map((x) => x.score))}::int[], ${sql.param(ratings.map((x) => x.comment ?? ""))}::text[]) as r`,
          );
          return typeof r === "string" ? JSON.parse(r) : r;
        },
      }),
  );

/** submitRatings for an API request with a token (its keyed hash): the token is resolved in the same
 *  database call as the submits it is batched with (rolecall_token_users, the rule `authenticate`
 *  applies too, for a submit that runs alone); one that does not resolve is a 401 (AppError). */
export async function submitForToken(
  db: DbOrTx,
  call: { tokenHash: string; taskId: number; authenticate: TokenAuthenticator },
  input: ReturnType<typeof parseSubmission>,
): Promise<SubmitResult> {
  if (!Number.isSafeInteger(call.taskId) || call.taskId <= 0) throw notFound("No such task");
  return tokenSubmitBatcher(db).call({ ...call, input });
}

/** What this database handle's batcher has sent (tests check that batches formed). */
export const submitBatchesSent = (db: DbOrTx) => submitBatcher(db).sent;
export const tokenSubmitBatchesSent = (db: DbOrTx) => tokenSubmitBatcher(db).sent;

/** One call of rolecall_submit (migrations/0008_queue-fill.sql), batched with this process's other
 *  submits (rolecall_submit_many, db/batch.ts): the task is looked up as the annotator's own (and
 *  inside the token's project), the key is claimed, the scores are checked against each metric's scale
 *  and stored, all in one transaction and one round trip. A batch that is not the plain case (a
 *  replay, a bad rating) is rolled back and its submits run alone, each getting its own answer. */
export async function submitRatings(
  db: DbOrTx,
  task: { taskId: number; annotatorId: string; tokenProjectId?: number | null },
  input: ReturnType<typeof parseSubmission>,
): Promise<SubmitResult> {
  if (!Number.isSafeInteger(task.taskId) || task.taskId <= 0) throw notFound("No such task");
  return submitBatcher(db).call({ taskId: task.taskId, annotatorId: task.annotatorId, tokenProjectId: task.tokenProjectId ?? null, input });
}
