// What a manager sees and does with the queue: progress per annotator and per metric, releasing stale
// leases, pausing an annotator, moving them between groups, and the queue settings.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { projectMembers } from "#db/schema";
import { badRequest, notFound } from "~/lib/errors";
import { bumpRatingsVersion } from "../reports/cache.server";

export type AnnotatorProgress = {
  user_id: string;
  email: string;
  name: string;
  group_name: string | null;
  paused: boolean;
  tasks: number;
  rated: number;
  skipped: number;
  live_leases: number;
  oldest_lease: Date | null;
};

export async function annotatorProgress(db: DbOrTx, projectId: number) {
  return queryRows<AnnotatorProgress>(
    db,
    sql`select pm.user_id, us.email, us.name, pm.group_name, pm.paused,
          (select count(*)::int from tasks t where t.project_id = pm.project_id and t.annotator_id = pm.user_id) as tasks,
          (select count(*)::int from ratings r where r.project_id = pm.project_id and r.annotator_id = pm.user_id) as rated,
          (select count(*)::int from skips s where s.project_id = pm.project_id and s.annotator_id = pm.user_id) as skipped,
          (select count(*)::int from tasks t where t.project_id = pm.project_id and t.annotator_id = pm.user_id and t.status = 'leased' and t.expires_at > now()) as live_leases,
          (select min(t.created_at) from tasks t where t.project_id = pm.project_id and t.annotator_id = pm.user_id and t.status = 'leased' and t.expires_at > now()) as oldest_lease
        from project_members pm join users us on us.id = pm.user_id
        where pm.project_id = ${projectId} and pm.role = 'annotator' order by us.email`,
  );
}

export type MetricProgress = { key: string; units: number; done: number; in_progress: number; open: number };

/** A live lease on unit u (f.leases may still count one that has expired, until the next claim's sweep). */
const liveLease = sql`(f.leases > 0 and exists (select 1 from task_units tu join tasks t on t.id = tu.task_id
  where tu.unit_id = u.id and t.status = 'leased' and t.expires_at > now()))`;

/** Per metric: done (≥ k ratings), in progress (some ratings or a live lease), open (untouched). */
export async function metricProgress(db: DbOrTx, projectId: number, k: number) {
  return queryRows<MetricProgress>(
    db,
    sql`select m.key, count(u.id)::int as units,
          count(u.id) filter (where f.rating_count >= ${k})::int as done,
          count(u.id) filter (where f.rating_count < ${k} and (f.rating_count > 0 or ${liveLease}))::int as in_progress,
          count(u.id) filter (where f.rating_count = 0 and not ${liveLease})::int as open
        from metrics m left join units u on u.metric_id = m.id and u.project_id = ${projectId}
        left join unit_fill f on f.unit_id = u.id
        where m.project_id = ${projectId} group by m.key, m.position order by m.position`,
  );
}

/** Releases an annotator's live leases so others can take the units. Returns how many tasks. */
export async function releaseLeases(db: DbOrTx, projectId: number, annotatorId: string) {
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select rolecall_close_tasks(array(select id from tasks where project_id = ${projectId} and annotator_id = ${annotatorId} and status = 'leased'), 'released') as n`,
  );
  return Number(n);
}

async function updateMember(
  db: DbOrTx,
  projectId: number,
  userId: string,
  set: Partial<{ paused: boolean; groupName: string | null; resumedAt: SQL }>,
) {
  const rows = await db
    .update(projectMembers)
    .set(set)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId), eq(projectMembers.role, "annotator")))
    .returning({ userId: projectMembers.userId });
  if (!rows.length) throw notFound("No such annotator in this project");
}

/** A resume of a paused member restarts the running gold accuracy that can pause them automatically
 *  (app/services/quality/after-submit.server.ts): only gold ratings after resumed_at count. */
export const setPaused = (db: DbOrTx, projectId: number, userId: string, paused: boolean) =>
  updateMember(
    db,
    projectId,
    userId,
    paused ? { paused } : { paused, resumedAt: sql`case when ${projectMembers.paused} then now() else ${projectMembers.resumedAt} end` },
  );

/** A member's group decides which ratings the between-group agreement pairs: the reports are recomputed. */
export async function setGroup(db: DbOrTx, projectId: number, userId: string, group: string) {
  const g = group.trim();
  if (g.length > 50) throw badRequest("Group names have at most 50 characters", "group");
  await updateMember(db, projectId, userId, { groupName: g || null });
  await bumpRatingsVersion(db, projectId);
}
