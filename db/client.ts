import fs from "node:fs";
import path from "node:path";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";
import { acquireFolderLock } from "./lock";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type Driver = "postgres" | "pglite";

export type DatabaseHandle = {
  db: Db;
  driver: Driver;
  /** true when an embedded folder was created by this open (the demo seed runs then) */
  isNewEmbedded: boolean;
  /** the location, for messages: a postgres URL without password, or the folder */
  where: string;
  close(): Promise<void>;
};

type Global = typeof globalThis & { __rolecallDb?: Promise<DatabaseHandle> };
const g = globalThis as Global;

export function defaultPgliteDir() {
  const dir = process.env.PGLITE_DIR || "./.data/pglite";
  return dir.startsWith("memory://") ? dir : path.resolve(dir);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_MAX || 10),
    onnotice: () => {},
    connection: { application_name: "rolecall" },
  });
  const db = drizzle(client, { schema });
  return {
    db,
    driver: "postgres",
    isNewEmbedded: false,
    where: url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@"),
    close: () => client.end({ timeout: 5 }),
  };
}

export type OpenOptions = {
  /** An in-memory PGlite starts from this data folder (a PGlite dumpDataDir tarball) instead of an
   *  empty one: the tests' migrated template. Ignored for PostgreSQL and a PGlite folder. */
  pgliteTemplate?: Blob;
};

async function openPglite(dir: string, options: OpenOptions): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dir.startsWith("memory://");
  let release = () => {};
  let isNew = true;
  if (!inMemory) {
    release = acquireFolderLock(dir);
    isNew = !fs.existsSync(path.join(dir, "PG_VERSION"));
  }
  try {
    const client = inMemory ? new PGlite({ loadDataDir: options.pgliteTemplate }) : new PGlite(dir);
    await client.waitReady;
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      driver: "pglite",
      isNewEmbedded: isNew,
      where: inMemory ? "memory" : dir,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Opens the process's one database handle (idempotent: options count at the first call only). */
export function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (!g.__rolecallDb) {
    const url = process.env.DATABASE_URL;
    g.__rolecallDb = url ? openPostgres(url) : openPglite(defaultPgliteDir(), options);
    g.__rolecallDb.catch(() => {
      g.__rolecallDb = undefined;
    });
  }
  return g.__rolecallDb;
}

export async function getDb(): Promise<Db> {
  return (await openDatabase()).db;
}

export async function closeDatabase() {
  const h = g.__rolecallDb;
  g.__rolecallDb = undefined;
  if (h) await (await h).close();
}
