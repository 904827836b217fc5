// How many ratings a unit of a project needs: overlap k, or in group mode one from every group. The
// rule lives in db/functions/_ratings_per_unit.sql, which the claim uses too.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryPrepared } from "#db/sql";

export async function ratingsPerUnit(db: DbOrTx, project: { id: number }): Promise<number> {
  const [{ k }] = await queryPrepared<{ k: number }>(db, sql`select rolecall_ratings_per_unit(${project.id}) as k`);
  return Number(k);
}
