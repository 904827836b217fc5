import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

/** Raw SQL returning rows, the same on postgres.js (an array) and PGlite ({ rows }). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows: T[] }).rows ?? []) as T[];
}

type PostgresJs = { unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]> };
const dialect = new PgDialect();

/** queryRows for the hot paths (auth, project access, the task payload): on PostgreSQL the statement is
 *  prepared once per connection and then only bound and executed (drizzle's `execute` re-parses and
 *  re-plans every time). Only for fixed-shape queries: every distinct text stays prepared on every
 *  pooled connection. PGlite (one connection in the process) runs it as queryRows. */
export async function queryPrepared<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const client = (db as { $client?: Partial<PostgresJs> }).$client;
  if (typeof client?.unsafe !== "function") return queryRows<T>(db, query);
  const { sql, params } = dialect.sqlToQuery(query);
  return (await client.unsafe(sql, params, { prepare: true })) as T[];
}
