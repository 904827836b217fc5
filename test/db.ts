import { afterAll, beforeAll } from "vitest";
import { closeDatabase, openDatabase, type Db } from "#db/client";
import { migrateDatabase } from "#db/migrate";

/** The real database for a test file: PostgreSQL when DATABASE_URL is set (migrated by global setup),
 *  else a fresh in-memory PGlite migrated here. Tests make their own rows with unique names. */
export function useTestDb(): { readonly db: Db } {
  const holder = {} as { db: Db };
  beforeAll(async () => {
    if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";
    const handle = await openDatabase();
    if (handle.driver === "pglite") await migrateDatabase(handle);
    holder.db = handle.db;
  });
  afterAll(async () => {
    await closeDatabase();
  });
  return holder;
}
