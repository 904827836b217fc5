// Rolecall's HTTP server: configuration, database (migrated, demo-seeded when new; waited for while it
// is unreachable, up to DATABASE_WAIT_SECONDS), security headers, the Remix app. One database handle
// per process; closed on SIGTERM/SIGINT. Once serving, no request's failure ends the process
// (server/failure.ts). WEB_CONCURRENCY=N (PostgreSQL only) runs N such processes as node:cluster
// workers sharing the port (docs/decisions/018); whatever they share lives in the database.
import cluster from "node:cluster";
import http from "node:http";
import { loadEnv, ConfigError } from "../app/lib/env.server";
import { openDatabase, closeDatabase } from "../db/client";
import { parseTrustProxy } from "../app/auth/client-address.server";
import { DatabaseLockedError } from "../db/lock";
import { migrateDatabase } from "../db/migrate";
import { createApp } from "./app";
import { DatabaseWaitExpired, waitForDatabase } from "./database-wait";
import { ensureDemo } from "./demo";
import { guardProcess } from "./failure";

async function main() {
  const env = loadEnv();
  // a bad TRUST_PROXY stops the start here rather than failing every sign-in later
  parseTrustProxy(process.env.TRUST_PROXY);
  const started = Date.now();
  const handle = await openDatabase();
  await waitForDatabase(() => migrateDatabase(handle), { seconds: env.databaseWaitSeconds, where: handle.where });
  const demo = await ensureDemo(handle);
  const server = http.createServer(await createApp(env));
  const cannotListen = (e: Error) => {
    console.error(`Rolecall cannot start: ${e.message}`);
    process.exit(1);
  };
  server.once("error", cannotListen);
  server.listen(env.port, env.host, () => {
    server.off("error", cannotListen);
    server.on("error", (e) => console.error("Server error; the server keeps running:", e));
    guardProcess();
    const url = `http://${env.host}:${env.port}`;
    if (cluster.isWorker) console.log(`worker ${process.pid} ready in ${Date.now() - started} ms`);
    else console.log(`Rolecall is running at ${url}  (database: ${handle.driver} ${handle.where}, ready in ${Date.now() - started} ms)`);
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

/** WEB_CONCURRENCY: how many server processes; unset or empty = 1. */
function workerCount(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${raw}")`);
  return n;
}

/** The primary of a cluster: forks the workers, replaces one that dies, and stops them all on a signal.
 *  It opens no database itself; each worker migrates (a no-op after the first, under a lock). */
function runPrimary(n: number) {
  const env = loadEnv();
  let closing = false;
  let listening = 0;
  let announced = false;
  const started = Date.now();
  const ready = new Set<number>();
  const fork = () =>
    cluster.fork().once("listening", function (this: import("node:cluster").Worker) {
      ready.add(this.id);
      if (++listening === n && !announced && (announced = true))
        console.log(`Rolecall is running at http://${env.host}:${env.port}  (${n} workers, ready in ${Date.now() - started} ms)`);
    });
  cluster.on("exit", (worker, code, signal) => {
    if (closing) return;
    if (!ready.has(worker.id)) {
      // it never listened (configuration, database): another would fail the same way
      console.error(`Rolecall cannot start: worker ${worker.process.pid} exited (${signal ?? `exit ${code}`}) before listening`);
      closing = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      process.exitCode = 1;
      return;
    }
    console.error(`worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    listening--;
    setTimeout(fork, 1000).unref();
  });
  for (let i = 0; i < n; i++) fork();
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: stopping ${n} workers`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 100);
    setTimeout(() => process.exit(0), 10_000).unref();
    check.unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

async function start(): Promise<void> {
  const n = workerCount(process.env.WEB_CONCURRENCY);
  if (n === 1 || !cluster.isPrimary) return main();
  if (!process.env.DATABASE_URL) {
    // the embedded database admits one process (db/lock.ts)
    console.warn(`WEB_CONCURRENCY=${n} needs PostgreSQL (DATABASE_URL); the embedded database runs in one process.`);
    return main();
  }
  runPrimary(n);
}

start().catch(async (e) => {
  if (e instanceof ConfigError || e instanceof DatabaseLockedError || e instanceof DatabaseWaitExpired)
    console.error(`Rolecall cannot start: ${e.message}`);
  else console.error(e);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
