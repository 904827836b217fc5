import fs from "node:fs";
import path from "node:path";
import type { DatabaseHandle } from "../db/client";
import { seedDemo, type DemoLogin } from "../seeds/demo";

/** Embedded mode only: a new database gets the demo seed, and its sign-ins are kept beside the data
 *  folder (readable by the owner only) so that every start can print them. PostgreSQL is never seeded here. */
export async function ensureDemo(handle: DatabaseHandle): Promise<DemoLogin[] | null> {
  if (handle.driver !== "pglite" || handle.where === "memory") return null;
  const file = path.join(path.dirname(handle.where), `${path.basename(handle.where)}.demo-logins.json`);
  if (handle.isNewEmbedded) {
    const logins = await seedDemo(handle.db);
    fs.writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
    return logins;
  }
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as DemoLogin[];
  } catch {
    return null;
  }
}
