// After a submit (product.md §9): a task with gold units may end the annotator's qualification round,
// pause them below the project's gold accuracy, and, with feedback on, answer with the references.
// The round judges all the annotator's gold ratings. The automatic pause judges the running accuracy:
// after a manager resumed the annotator (project_members.resumed_at), only the gold ratings made since,
// so old mistakes do not pause them again at their next gold submit, and it waits for
// MIN_GOLD_FOR_PAUSE of those new ratings, as it did at first.
// A submit without gold costs nothing here: the ids of all gold units are kept per process and
// re-read at most every few seconds, so the queue's hot path makes no extra database call.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { formatPauseReason, goldVerdict } from "~/domain/stats/gold-checks";
import { goldCorrect } from "~/domain/stats/annotators";

const REFRESH_MS = 3000;
let known: { at: number; ids: Set<number>; loading?: Promise<Set<number>> } = { at: 0, ids: new Set() };

async function goldUnitIds(db: DbOrTx): Promise<Set<number>> {
  if (Date.now() - known.at < REFRESH_MS) return known.ids;
  known.loading ??= queryRows<{ unit_id: number }>(db, sql`select unit_id from gold_units`)
    .then((rows) => {
      known = { at: Date.now(), ids: new Set(rows.map((r) => Number(r.unit_id))) };
      return known.ids;
    })
    .finally(() => (known.loading = undefined));
  return known.loading;
}

/** A unit was marked or unmarked gold in this process: read the ids again at the next submit. */
export function forgetGoldUnits() {
  known = { at: 0, ids: known.ids };
}

export type GoldFeedback = { unit_id: number; metric: string; score: number; reference: number; tolerance: number; correct: boolean }[];

/** Runs the checks for a submitted task whose units include gold; returns the references to show when
 *  the project gives feedback, else null. The verdict is written in one conditional update, so two
 *  submits at once pause (or qualify) the annotator once. */
export async function afterSubmit(db: DbOrTx, taskId: number, unitIds: number[]): Promise<GoldFeedback | null> {
  const gold = await goldUnitIds(db);
  if (!unitIds.some((u) => gold.has(u))) return null;
  const [row] = await queryRows<{
    project_id: number;
    annotator_id: string;
    gold_feedback: boolean;
    qualification_units: number;
    qualification_min_accuracy: number;
    pause_below_accuracy: number | null;
    in_round: boolean;
    paused: boolean;
    gold_n: number;
    correct: number;
    gold_n_since: number;
    correct_since: number;
    gold_open: number;
  }>(
    db,
    sql`select t.project_id, t.annotator_id, p.gold_feedback, p.qualification_units, p.qualification_min_accuracy, p.pause_below_accuracy,
          m.qualified_at is null as in_round, m.paused, s.gold_n, s.correct, s.gold_n_since, s.correct_since,
          -- open = never served to them (rolecall_claim_gold's rule: no lease of theirs on it, no rating)
          (select count(*)::int from gold_units g where g.project_id = t.project_id
             and not exists (select 1 from task_units tu where tu.unit_id = g.unit_id and tu.annotator_id = t.annotator_id)
             and not exists (select 1 from ratings r where r.unit_id = g.unit_id and r.annotator_id = t.annotator_id)) as gold_open
        from tasks t join projects p on p.id = t.project_id
        join project_members m on m.project_id = t.project_id and m.user_id = t.annotator_id
        cross join lateral (
          select count(*)::int as gold_n, count(*) filter (where c.ok)::int as correct,
                 count(*) filter (where c.since)::int as gold_n_since, count(*) filter (where c.since and c.ok)::int as correct_since
          from gold_units g join ratings r on r.unit_id = g.unit_id and r.annotator_id = t.annotator_id and not r.late
          cross join lateral (select abs(r.score - g.expected_score) <= coalesce(g.tolerance, p.gold_tolerance) as ok,
                                     m.resumed_at is null or r.created_at > m.resumed_at as since) c
          where g.project_id = t.project_id) s
        where t.id = ${taskId}`,
  );
  if (!row) return null;
  const [goldN, correct] = row.in_round ? [row.gold_n, row.correct] : [row.gold_n_since, row.correct_since];
  const verdict = goldVerdict(
    { goldN: Number(goldN), correct: Number(correct), goldOpen: Number(row.gold_open) },
    {
      qualificationUnits: Number(row.qualification_units),
      qualificationMinAccuracy: Number(row.qualification_min_accuracy),
      pauseBelowAccuracy: row.pause_below_accuracy === null ? null : Number(row.pause_below_accuracy),
    },
    row.in_round,
  );
  if (verdict.kind === "qualified") {
    await db.execute(sql`update project_members set qualified_at = now()
      where project_id = ${row.project_id} and user_id = ${row.annotator_id} and qualified_at is null`);
  } else if (verdict.kind === "pause" && !row.paused) {
    await db.execute(sql`update project_members set paused = true, paused_reason = ${formatPauseReason(verdict.reason)},
        qualified_at = coalesce(qualified_at, now())
      where project_id = ${row.project_id} and user_id = ${row.annotator_id} and not paused`);
  }
  if (!row.gold_feedback) return null;
  const refs = await queryRows<{ unit_id: number; metric: string; score: number; reference: number; tolerance: number }>(
    db,
    sql`select r.unit_id, m.key as metric, r.score, g.expected_score as reference, coalesce(g.tolerance, p.gold_tolerance) as tolerance
        from ratings r join gold_units g on g.unit_id = r.unit_id join units u on u.id = r.unit_id join metrics m on m.id = u.metric_id
        join projects p on p.id = g.project_id
        where r.task_id = ${taskId} order by u.position`,
  );
  return refs.map((r) => ({
    unit_id: Number(r.unit_id),
    metric: r.metric,
    score: Number(r.score),
    reference: Number(r.reference),
    tolerance: Number(r.tolerance),
    correct: goldCorrect(Number(r.score), Number(r.reference), Number(r.tolerance)),
  }));
}
