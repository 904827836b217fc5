// Runs once before the workers start. PostgreSQL (DATABASE_URL): migrate that database. PGlite: migrate
// one in-memory database and dump it to a temporary file; every test file's useTestDb (test/db.ts) starts
// its own database from that dump, which is faster than initdb plus the migrations in each file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDatabase, openDatabase, type Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import * as schema from "../db/schema";
import { fixturesMissingMessage, fixturesPresent } from "./charactereval-fixture";

/** The variable that hands the template's path to the workers. */
export const PGLITE_TEMPLATE_ENV = "ROLECALL_TEST_PGLITE_TEMPLATE";

export default async function setup() {
  if (!fixturesPresent) console.log(fixturesMissingMessage);
  if (process.env.DATABASE_URL) {
    const handle = await openDatabase();
    await migrateDatabase(handle);
    await closeDatabase();
    return;
  }
  process.env.PGLITE_DIR = "memory://";
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-test-template-"));
  process.env[PGLITE_TEMPLATE_ENV] = await writeMigratedTemplate(path.join(folder, "pglite.tar.gz"));
  return () => fs.rmSync(folder, { recursive: true, force: true });
}

async function writeMigratedTemplate(file: string): Promise<string> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  // Its own client rather than openDatabase(): the handle does not expose the dump.
  const client = new PGlite();
  try {
    const db = drizzle(client, { schema }) as unknown as Db;
    await migrateDatabase({ db, driver: "pglite", isNewEmbedded: true, where: "memory", close: () => client.close() });
    fs.writeFileSync(file, Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer()));
    return file;
  } finally {
    await client.close();
  }
}
