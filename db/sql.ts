import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";

/** Raw SQL returning rows, the same on postgres.js (an array) and PGlite ({ rows }). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows: T[] }).rows ?? []) as T[];
}
