// Rolecall's HTTP server: configuration, database (migrated, demo-seeded when new), security headers,
// the Remix app. One database handle per process; closed on SIGTERM/SIGINT.
import http from "node:http";
import { loadEnv, ConfigError } from "../app/lib/env.server";
import { openDatabase, closeDatabase } from "../db/client";
import { DatabaseLockedError } from "../db/lock";
import { migrateDatabase } from "../db/migrate";
import { createApp } from "./app";
import { ensureDemo } from "./demo";

async function main() {
  const env = loadEnv();
  const started = Date.now();
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const demo = await ensureDemo(handle);
  const server = http.createServer(await createApp(env));
  server.listen(env.port, env.host, () => {
    const url = `http://${env.host}:${env.port}`;
    console.log(`Rolecall is running at ${url}  (database: ${handle.driver} ${handle.where}, ready in ${Date.now() - started} ms)`);
    if (demo) {
      console.log("\nDemo sign-ins (generated when this embedded database was created):");
      for (const l of demo) console.log(`  ${l.role.padEnd(10)} ${l.email.padEnd(28)} ${l.password}`);
      console.log("");
    }
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    server.close();
    server.closeAllConnections?.();
    closeDatabase()
      .catch((e) => console.error(e))
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch(async (e) => {
  if (e instanceof ConfigError || e instanceof DatabaseLockedError) console.error(`Rolecall cannot start: ${e.message}`);
  else console.error(e);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
