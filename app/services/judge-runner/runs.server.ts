// The judge run's state in the database (judge_runs, judge_failures, judge_scores), so that a crash
// leaves a resumable record and two processes never run one judge at once: the partial unique index
// judge_runs_one_running settles a race between two starts; a run whose heartbeat stopped is marked
// interrupted by the next start of the same judge.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { judges } from "#db/schema";
import { keyedError } from "~/lib/errors";
import { checkJudgeName } from "../judge-import.server";
import { bumpRatingsVersion } from "../reports/cache.server";

/** A running run whose heartbeat is older than this is shown as interrupted and may be taken over. */
export const STALE_AFTER_SECONDS = 30;

export type RunOptions = { metrics: string[]; limit: number | null; concurrency: number; apiKeyEnv: string | null };

export type RunRow = {
  id: number;
  judge: string;
  endpoint: string;
  model: string;
  options: RunOptions;
  promptVersion: string;
  /** running | done | cancelled | failed | interrupted (a running row whose heartbeat stopped) */
  status: string;
  requested: number;
  scored: number;
  failed: number;
  skippedExisting: number;
  promptTokens: number;
  completionTokens: number;
  cancelRequested: boolean;
  error: string | null;
  startedAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
  /** seconds since the start (or until the finish) */
  elapsedSeconds: number;
};

const RUN_COLUMNS = sql`r.id, j.name as judge, r.endpoint, r.model, r.options, r.prompt_version, r.requested, r.scored, r.failed,
  r.skipped_existing, r.prompt_tokens, r.completion_tokens, r.cancel_requested, r.error,
  r.started_at, r.heartbeat_at, r.finished_at,
  case when r.status = 'running' and r.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}) then 'interrupted' else r.status end as status,
  extract(epoch from coalesce(r.finished_at, now()) - r.started_at)::float8 as elapsed`;

type Raw = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : new Date(String(v)).toISOString());

function toRun(r: Raw): RunRow {
  return {
    id: Number(r.id),
    judge: String(r.judge),
    endpoint: String(r.endpoint),
    model: String(r.model),
    options: JSON.parse(String(r.options)) as RunOptions,
    promptVersion: String(r.prompt_version),
    status: String(r.status),
    requested: Number(r.requested),
    scored: Number(r.scored),
    failed: Number(r.failed),
    skippedExisting: Number(r.skipped_existing),
    promptTokens: Number(r.prompt_tokens),
    completionTokens: Number(r.completion_tokens),
    cancelRequested: Boolean(r.cancel_requested),
    error: (r.error as string | null) ?? null,
    startedAt: iso(r.started_at)!,
    heartbeatAt: iso(r.heartbeat_at)!,
    finishedAt: iso(r.finished_at),
    elapsedSeconds: Number(r.elapsed),
  };
}

export async function listRuns(db: DbOrTx, projectId: number, limit = 20): Promise<RunRow[]> {
  const rows = await queryRows<Raw>(
    db,
    sql`select ${RUN_COLUMNS} from judge_runs r join judges j on j.id = r.judge_id
        where r.project_id = ${projectId} order by r.id desc limit ${limit}`,
  );
  return rows.map(toRun);
}

export async function getRun(db: DbOrTx, projectId: number, runId: number): Promise<RunRow> {
  const [row] = await queryRows<Raw>(
    db,
    sql`select ${RUN_COLUMNS} from judge_runs r join judges j on j.id = r.judge_id
        where r.project_id = ${projectId} and r.id = ${runId}`,
  );
  if (!row) throw keyedError(404, "judgeRuns.errors.noRun");
  return toRun(row);
}

/** The judge's row (created on first use, like an import does). */
export async function judgeIdFor(db: DbOrTx, projectId: number, name: string): Promise<number> {
  const judge = checkJudgeName(name);
  await db.insert(judges).values({ projectId, name: judge }).onConflictDoNothing();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`select id from judges where project_id = ${projectId} and name = ${judge}`);
  return Number(id);
}

/** Opens a run: a stale running run of the same judge becomes interrupted, then the insert either wins
 *  the partial unique index or finds another live run (409). */
export async function openRun(
  db: DbOrTx,
  projectId: number,
  input: { judge: string; endpoint: string; model: string; options: RunOptions; promptVersion: string; startedBy: string | null },
): Promise<{ runId: number; judgeId: number }> {
  return db.transaction(async (tx) => {
    const judgeId = await judgeIdFor(tx, projectId, input.judge);
    await tx.execute(sql`
      update judge_runs set status = 'interrupted', finished_at = heartbeat_at
      where project_id = ${projectId} and judge_id = ${judgeId} and status = 'running'
        and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`);
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into judge_runs (project_id, judge_id, endpoint, model, options, prompt_version, started_by)
          values (${projectId}, ${judgeId}, ${input.endpoint}, ${input.model}, ${JSON.stringify(input.options)},
                  ${input.promptVersion}, ${input.startedBy})
          on conflict (project_id, judge_id) where status = 'running' do nothing
          returning id`,
    );
    if (!row) throw keyedError(409, "judgeRuns.errors.alreadyRunning", { judge: input.judge.trim() });
    return { runId: Number(row.id), judgeId };
  });
}

export async function setRequested(db: DbOrTx, runId: number, requested: number, skipped: number) {
  await db.execute(
    sql`update judge_runs set requested = ${requested}, skipped_existing = ${skipped}, heartbeat_at = now() where id = ${runId}`,
  );
}

export type UnitOutcome = { unitId: number; score: number; raw: string } | { unitId: number; error: string; raw: string | null };

export type Flush = { outcomes: UnitOutcome[]; promptTokens: number; completionTokens: number };

/** Writes a batch of outcomes and beats the heartbeat in one transaction. Says whether the run goes on,
 *  was asked to cancel, or is no longer ours (marked interrupted after a stall and taken over). */
export async function flushOutcomes(
  db: DbOrTx,
  run: { runId: number; judgeId: number; projectId: number; promptVersion: string },
  batch: Flush,
): Promise<{ state: "go" | "cancelled" | "lost"; scored: number }> {
  return db.transaction(async (tx) => {
    const scores = batch.outcomes.filter((o): o is Extract<UnitOutcome, { score: number }> => "score" in o);
    const failures = batch.outcomes.filter((o): o is Extract<UnitOutcome, { error: string }> => "error" in o);
    let scored = 0;
    if (scores.length) {
      const values = sql.join(
        scores.map(
          (s) =>
            sql`(${run.judgeId}::int, ${s.unitId}::bigint, ${run.projectId}::int, ${s.score}::float8, ${run.runId}::int, ${run.promptVersion}, ${s.raw})`,
        ),
        sql`, `,
      );
      // a score imported meanwhile stays: the run only fills units the judge has no score for
      const rows = await queryRows<{ unit_id: number }>(
        tx,
        sql`insert into judge_scores (judge_id, unit_id, project_id, score, run_id, prompt_version, raw_reply)
            values ${values} on conflict (judge_id, unit_id) do nothing returning unit_id`,
      );
      scored = rows.length;
    }
    if (failures.length) {
      const values = sql.join(
        failures.map((f) => sql`(${run.runId}::int, ${f.unitId}::bigint, ${f.raw}, ${f.error})`),
        sql`, `,
      );
      await tx.execute(sql`insert into judge_failures (run_id, unit_id, raw_reply, error) values ${values}
                           on conflict (run_id, unit_id) do update set raw_reply = excluded.raw_reply, error = excluded.error`);
    }
    const [state] = await queryRows<{ cancel_requested: boolean }>(
      tx,
      sql`update judge_runs set scored = scored + ${scored}, failed = failed + ${failures.length},
            prompt_tokens = prompt_tokens + ${batch.promptTokens}, completion_tokens = completion_tokens + ${batch.completionTokens},
            heartbeat_at = now()
          where id = ${run.runId} and status = 'running' returning cancel_requested`,
    );
    if (scored > 0) await bumpRatingsVersion(tx, run.projectId);
    return { state: !state ? "lost" : state.cancel_requested ? "cancelled" : "go", scored };
  });
}

export async function finishRun(db: DbOrTx, runId: number, status: "done" | "cancelled" | "failed", error: string | null = null) {
  await db.execute(sql`update judge_runs set status = ${status}, error = ${error}, finished_at = now(), heartbeat_at = now()
                       where id = ${runId} and status = 'running'`);
}

/** Asks a running run to stop; the runner sees it at its next flush (about a second). A run whose
 *  heartbeat has stopped has no runner to see it, so it is closed as cancelled at once. */
export async function requestCancel(db: DbOrTx, projectId: number, runId: number): Promise<void> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update judge_runs set cancel_requested = true,
          status = case when status = 'running' and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})
                        then 'cancelled' else status end,
          finished_at = case when status = 'running' and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})
                        then now() else finished_at end
        where project_id = ${projectId} and id = ${runId} returning id`,
  );
  if (!rows.length) throw keyedError(404, "judgeRuns.errors.noRun");
}
