// submitRatings: stores an annotator's scores for the units of their task, once per idempotency key.
// Late submissions (after the lease expired) are kept and marked late; they are the only way a unit can
// end up with more than k ratings.
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { queryRows } from "#db/sql";
import { AppError, badRequest } from "~/lib/errors";
import { closeTask, type OwnTask } from "./tasks.server";

export type SubmittedRating = { unit_id: number; score: number; comment?: string | null };
export type SubmitResult = { accepted: number; late: boolean };

export function parseSubmission(body: unknown): { idempotencyKey: string; ratings: SubmittedRating[]; activeMs: number | null } {
  if (!body || typeof body !== "object") throw badRequest("The body must be a JSON object", "body");
  const b = body as Record<string, unknown>;
  const key = b.idempotency_key;
  if (typeof key !== "string" || key.length < 8 || key.length > 100) throw badRequest("idempotency_key must be a string of 8–100 characters", "idempotency_key");
  if (!Array.isArray(b.ratings) || b.ratings.length === 0 || b.ratings.length > 50) throw badRequest("ratings must be a non-empty list", "ratings");
  const ratings = b.ratings.map((r, i) => {
    const x = (r ?? {}) as Record<string, unknown>;
    if (!Number.isSafeInteger(x.unit_id)) throw badRequest(`ratings[${i}].unit_id must be an integer`, `ratings[${i}].unit_id`);
    if (!Number.isInteger(x.score)) throw badRequest(`ratings[${i}].score must be an integer`, `ratings[${i}].score`);
    if (x.comment != null && (typeof x.comment !== "string" || x.comment.length > 5000)) throw badRequest(`ratings[${i}].comment must be text up to 5000 characters`, `ratings[${i}].comment`);
    return { unit_id: x.unit_id as number, score: x.score as number, comment: (x.comment as string | null | undefined) ?? null };
  });
  if (new Set(ratings.map((r) => r.unit_id)).size !== ratings.length) throw badRequest("A unit is rated twice", "ratings");
  const active = b.active_ms;
  const activeMs = Number.isSafeInteger(active) && (active as number) >= 0 && (active as number) < 86_400_000 ? (active as number) : null;
  return { idempotencyKey: key, ratings, activeMs };
}

export async function submitRatings(db: Db, task: OwnTask, annotatorId: string, input: ReturnType<typeof parseSubmission>): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    // the key is claimed first: a concurrent duplicate waits here, then finds the stored answer
    const claimed = await queryRows<{ task_id: number }>(
      tx,
      sql`insert into submissions (annotator_id, idempotency_key, task_id, result) values (${annotatorId}, ${input.idempotencyKey}, ${task.id}, '')
          on conflict do nothing returning task_id`,
    );
    if (!claimed.length) {
      const [prev] = await queryRows<{ task_id: number; result: string }>(
        tx,
        sql`select task_id, result from submissions where annotator_id = ${annotatorId} and idempotency_key = ${input.idempotencyKey}`,
      );
      if (Number(prev.task_id) !== task.id) throw new AppError(409, "This idempotency_key was used for another task");
      return JSON.parse(prev.result) as SubmitResult;
    }
    const units = await queryRows<{ unit_id: number; min: number; max: number }>(
      tx,
      sql`select tu.unit_id, m.scale_min as min, m.scale_max as max from task_units tu
          join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id
          where tu.task_id = ${task.id}`,
    );
    const scale = new Map(units.map((u) => [Number(u.unit_id), u]));
    for (const [i, r] of input.ratings.entries()) {
      const s = scale.get(r.unit_id);
      if (!s) throw new AppError(409, `Unit ${r.unit_id} is not part of this task`, `ratings[${i}].unit_id`);
      if (r.score < s.min || r.score > s.max) throw badRequest(`ratings[${i}].score must be from ${s.min} to ${s.max}`, `ratings[${i}].score`);
    }
    const [{ late }] = await queryRows<{ late: boolean }>(tx, sql`select (expires_at <= now() or status <> 'leased') as late from tasks where id = ${task.id}`);
    const inserted = await queryRows<{ unit_id: number }>(
      tx,
      sql`insert into ratings (project_id, unit_id, annotator_id, task_id, score, comment, active_ms, late)
          select ${task.project_id}, x.unit_id, ${annotatorId}, ${task.id}, x.score, nullif(x.comment, ''), ${input.activeMs}, ${late}
          from unnest(${sql.param(input.ratings.map((r) => r.unit_id))}::bigint[], ${sql.param(input.ratings.map((r) => r.score))}::int[],
                      ${sql.param(input.ratings.map((r) => r.comment ?? ""))}::text[]) as x(unit_id, score, comment)
          on conflict (unit_id, annotator_id) do nothing
          returning unit_id`,
    );
    if (inserted.length) {
      // no per-submit write to the project row: it would serialise every submit of a project; report
      // caches notice new ratings by the newest rating id instead (app/services/reports/cache.server.ts)
      await tx.execute(sql`update units set rating_count = rating_count + 1 where id = any(${sql.param(inserted.map((r) => Number(r.unit_id)))}::bigint[])`);
    }
    await closeTask(tx, task.id, "submitted");
    const result: SubmitResult = { accepted: inserted.length, late };
    await tx.execute(sql`update submissions set result = ${JSON.stringify(result)} where annotator_id = ${annotatorId} and idempotency_key = ${input.idempotencyKey}`);
    return result;
  });
}
