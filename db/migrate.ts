import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { DatabaseHandle, Db } from "./client";
import { readFunctionSources } from "./functions/apply";
import { queryRows } from "./sql";

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

async function appliedMigrations(db: Db): Promise<number> {
  const [{ exists }] = await queryRows<{ exists: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  if (!exists) return 0;
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(n);
}

/** Applies migrations/ with drizzle's migrator, then the database functions of db/functions/ whose
 *  text changed (all of them when a migration ran: it may have dropped one), on either driver. */
export async function migrateDatabase(handle: DatabaseHandle) {
  const before = await appliedMigrations(handle.db);
  if (handle.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, { migrationsFolder });
  }
  await applyFunctions(handle.db, { all: (await appliedMigrations(handle.db)) !== before });
}

/** Applies the changed function sources in one transaction (two processes starting together take
 *  turns on an advisory lock); returns the names applied. */
export async function applyFunctions(db: Db, opts: { all?: boolean; folder?: string } = {}): Promise<string[]> {
  const sources = readFunctionSources(opts.folder);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rolecall_function_sources'))`);
    const known = new Map(
      (await queryRows<{ name: string; sha256: string }>(tx, sql`select name, sha256 from rolecall_function_sources`)).map((r) => [
        r.name,
        r.sha256,
      ]),
    );
    const applied: string[] = [];
    for (const f of sources) {
      if (!opts.all && known.get(f.name) === f.sha256) continue;
      await tx.execute(sql.raw(f.text));
      await tx.execute(sql`insert into rolecall_function_sources (name, sha256) values (${f.name}, ${f.sha256})
                           on conflict (name) do update set sha256 = excluded.sha256, applied_at = now()`);
      applied.push(f.name);
    }
    return applied;
  });
}
