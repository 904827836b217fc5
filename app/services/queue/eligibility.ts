import { sql, type SQL } from "drizzle-orm";

export type Claimant = { projectId: number; annotatorId: string; group: string | null; groupMode: boolean; k: number };

/** Live leases on unit u (alias u), counted through the task_units_unit_live index. */
export const liveLeases = sql`(select count(*) from task_units tu where tu.unit_id = u.id and tu.live_until > now())`;

/** SQL conditions on `units u`: the claimant may be handed this unit now. Shared by the candidate
 *  window and the re-check under lock, so the two can never disagree. */
export function eligibleFor(c: Claimant, opts: { capacity: boolean }): SQL {
  const notDone = sql`not exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = ${c.annotatorId})
    and not exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = ${c.annotatorId})`;
  const group = c.groupMode
    ? sql`and not exists (select 1 from ratings r join project_members pm on pm.project_id = ${c.projectId} and pm.user_id = r.annotator_id
                          where r.unit_id = u.id and pm.group_name = ${c.group})
          and not exists (select 1 from task_units tu where tu.unit_id = u.id and tu.group_name = ${c.group} and tu.live_until > now())`
    : sql``;
  const capacity = opts.capacity ? sql`and u.rating_count + ${liveLeases} < ${c.k}` : sql``;
  return sql`u.project_id = ${c.projectId} and u.rating_count < ${c.k} and ${notDone} ${group} ${capacity}`;
}
