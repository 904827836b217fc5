// PostgreSQL (DATABASE_URL): migrate once before the workers start. PGlite: every test file opens its
// own in-memory database (PGLITE_DIR=memory://) and migrates it in test/db.ts.
import { closeDatabase, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";

export default async function setup() {
  if (!process.env.DATABASE_URL) {
    process.env.PGLITE_DIR = "memory://";
    return;
  }
  const handle = await openDatabase();
  await migrateDatabase(handle);
  await closeDatabase();
}
