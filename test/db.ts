import fs from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { closeDatabase, openDatabase, type Db } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { PGLITE_TEMPLATE_ENV } from "./global-setup";

/** The real database for a test file: PostgreSQL when DATABASE_URL is set (migrated by global setup),
 *  else a fresh in-memory PGlite started from the migrated template global setup dumped (migrated here
 *  when there is none). Tests make their own rows with unique names. */
export function useTestDb(): { readonly db: Db } {
  const holder = {} as { db: Db };
  beforeAll(async () => {
    if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";
    const templateFile = process.env.DATABASE_URL ? undefined : process.env[PGLITE_TEMPLATE_ENV];
    const pgliteTemplate = templateFile ? new Blob([fs.readFileSync(templateFile)]) : undefined;
    const handle = await openDatabase({ pgliteTemplate });
    if (handle.driver === "pglite" && !pgliteTemplate) await migrateDatabase(handle);
    holder.db = handle.db;
  });
  afterAll(async () => {
    await closeDatabase();
  });
  return holder;
}
