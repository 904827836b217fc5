import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { notFound } from "~/lib/errors";

export type OwnTask = {
  id: number;
  project_id: number;
  response_id: number;
  status: string;
  expires_at: Date;
  lease_seconds: number;
  slug: string;
};

/** A task of this annotator (another person's task, or one of a project they left, is simply not found).
 *  `tokenProjectId` keeps a project-scoped API token inside its project. */
export async function findOwnTask(db: DbOrTx, taskId: number, annotatorId: string, tokenProjectId: number | null = null): Promise<OwnTask> {
  if (!Number.isSafeInteger(taskId) || taskId <= 0) throw notFound("No such task");
  const [t] = await queryRows<OwnTask>(
    db,
    sql`select t.id, t.project_id, t.response_id, t.status, t.expires_at, p.lease_seconds, p.slug
        from tasks t join projects p on p.id = t.project_id
        join project_members pm on pm.project_id = t.project_id and pm.user_id = t.annotator_id
        where t.id = ${taskId} and t.annotator_id = ${annotatorId}`,
  );
  if (!t || (tokenProjectId !== null && tokenProjectId !== t.project_id)) throw notFound("No such task");
  return { ...t, id: Number(t.id) };
}

/** Closes open leases (rolecall_close_tasks): the tasks take `status`, and their units count as open
 *  again (or as rated, by their ratings). Returns how many were still open. */
export async function closeTasks(db: DbOrTx, taskIds: number[], status: "skipped" | "released") {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select rolecall_close_tasks(${sql.param(taskIds)}::bigint[], ${status}) as n`);
  return Number(n);
}

export async function skipTask(db: Db, task: OwnTask, annotatorId: string, reason: string) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into skips (project_id, unit_id, annotator_id, task_id, reason)
      select ${task.project_id}, tu.unit_id, ${annotatorId}, ${task.id}, ${reason}
      from task_units tu where tu.task_id = ${task.id}
        and not exists (select 1 from ratings r where r.unit_id = tu.unit_id and r.annotator_id = ${annotatorId})
      on conflict do nothing`);
    await closeTasks(tx, [task.id], "skipped");
    return { skipped: true };
  });
}

export async function flagResponse(db: DbOrTx, task: OwnTask, annotatorId: string, note: string) {
  const [f] = await queryRows<{ id: number }>(
    db,
    sql`insert into flags (project_id, response_id, annotator_id, note) values (${task.project_id}, ${task.response_id}, ${annotatorId}, ${note}) returning id`,
  );
  return { flag_id: Number(f.id) };
}
