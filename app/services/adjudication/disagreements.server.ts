// The open set's upkeep from TypeScript callers (the ratings import): the same database function the
// submits call, in the caller's transaction.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";

export async function refreshDisagreements(db: DbOrTx, projectId: number, unitIds: number[] | null) {
  if (unitIds && unitIds.length === 0) return;
  await db.execute(sql`select rolecall_refresh_disagreements(${projectId}, ${unitIds ? sql`${sql.param(unitIds)}::bigint[]` : sql`null`})`);
}
