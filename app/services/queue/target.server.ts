// How many ratings a unit of a project needs: overlap k, or in group mode one from every group (the
// number of groups that have annotators), which is how rolecall_claim counts it. Progress shown to
// managers and annotators uses the same figure, so "done" means what the queue means by it.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryPrepared } from "#db/sql";

export async function ratingsPerUnit(db: DbOrTx, project: { id: number; overlapK: number; groupMode: boolean }): Promise<number> {
  if (!project.groupMode) return project.overlapK;
  const [{ groups }] = await queryPrepared<{ groups: number }>(
    db,
    sql`select count(distinct group_name)::int as groups from project_members
        where project_id = ${project.id} and role = 'annotator' and group_name is not null`,
  );
  return Number(groups);
}
