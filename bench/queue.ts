// Queue benchmark (issue 4), against two app processes sharing one PostgreSQL:
//  1. capacity: 200 annotators over HTTP in a closed loop (claim → submit), tasks/s, beside the bare
//     claim SQL (SELECT … FOR UPDATE SKIP LOCKED + the lease write) run by pgbench with 50 connections,
//     in turn, BENCH_ROUNDS times (3), with the ratio of each round and their median;
//  2. latency: an open loop at 100 claim+submit pairs/s, p50/p95/p99, on 40k units and on 1M units.
// Run: DATABASE_URL=postgres://…/db npx tsx bench/queue.ts   (builds the app first if needed)
// BENCH_WORKERS=N: the servers as one WEB_CONCURRENCY=N cluster (issue 24); BENCH_PARTS=capacity for capacity alone.
// BENCH_GOLD_UNITS=N: N units of the CharacterEval-sized project are gold, mixed in at its gold_rate (0.05).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Pool } from "undici";
import { closeDatabase, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { cpuPer, cpuSeconds } from "./cpu";
import { benchAnnotators, charactereValProject, millionUnitProject, spreadGold, unitCount } from "./queue-setup";

// one secret for this process (which makes the API tokens) and the servers (which check them)
process.env.ROLECALL_SECRET ||= "bench-secret-bench-secret-bench-secret-00";
const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL");
const root = path.resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS || 15);
// capacity and the bare SQL measured in turn, this many times each
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
// which measurements to run (all by default): capacity, latency (40k units), million (1M units)
const PARTS = new Set((process.env.BENCH_PARTS || "capacity,latency,million").split(","));
if (!fs.existsSync(path.join(root, "build/server/index.js"))) spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });

function startServer(port: number, workers?: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    ...(workers ? { WEB_CONCURRENCY: String(workers) } : {}),
    DATABASE_POOL_MAX: process.env.BENCH_POOL || "20",
  };
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/main.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve) => child.stdout!.on("data", (d) => String(d).includes("running at") && resolve(child)));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

// undici's request API on a keep-alive pool per app process: the load generator shares the two cores
// with the servers and PostgreSQL, and fetch() costs several times more CPU per request
type Client = { token: string; pool: Pool };
async function call(c: Client, path: string, body?: unknown) {
  const res = await c.pool.request({
    path,
    method: "POST",
    headers: { authorization: `Bearer ${c.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, json: res.statusCode === 200 ? await res.body.json() : (await res.body.dump(), null) };
}

async function pair(c: Client, slug: string, lat?: { claim: number[]; submit: number[] }) {
  let t0 = performance.now();
  const r = await call(c, `/api/projects/${slug}/tasks/next`);
  lat?.claim.push(performance.now() - t0);
  if (r.status !== 200) return false;
  const { task } = r.json as { task: { id: number; units: { unit_id: number }[] } };
  t0 = performance.now();
  const s = await call(c, `/api/tasks/${task.id}/submit`, {
    idempotency_key: crypto.randomUUID(),
    ratings: task.units.map((u) => ({ unit_id: u.unit_id, score: 1 + (u.unit_id % 5) })),
  });
  lat?.submit.push(performance.now() - t0);
  return s.status === 200;
}

async function capacity(clients: Client[], slug: string) {
  let done = 0;
  const cpu0 = cpuSeconds();
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) if (await pair(c, slug)) done++;
    }),
  );
  console.log(cpuPer(cpu0, cpuSeconds(), done, "claim+submit pair over HTTP"));
  return done / SECONDS;
}

async function openLoop(clients: Client[], slug: string, rate: number, seconds = SECONDS) {
  const lat = { claim: [] as number[], submit: [] as number[] };
  const free = [...clients];
  const jobs: Promise<unknown>[] = [];
  let missed = 0;
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const c = free.pop();
    if (!c) {
      missed++;
      continue;
    }
    jobs.push(pair(c, slug, lat).finally(() => free.push(c)));
  }
  await Promise.all(jobs);
  return { ...lat, missed };
}

function pgbench(projectId: number, annotatorId: string) {
  const script = path.join(os.tmpdir(), `rc-claim-${process.pid}.sql`);
  fs.writeFileSync(
    script,
    `BEGIN;
SELECT unit_id AS uid, response_id AS rid, dialogue_id AS did FROM unit_fill WHERE project_id = ${projectId} AND fill < 3 ORDER BY fill DESC NULLS LAST, position LIMIT 1 FOR UPDATE SKIP LOCKED \\gset
INSERT INTO tasks (project_id, annotator_id, response_id, dialogue_id, status, expires_at) VALUES (${projectId}, '${annotatorId}', :rid, :did, 'leased', now() + interval '20 minutes') RETURNING id AS tid \\gset
INSERT INTO task_units (task_id, unit_id, project_id, annotator_id) VALUES (:tid, :uid, ${projectId}, '${annotatorId}');
COMMIT;
`,
  );
  const r = spawnSync("pgbench", ["-n", "-c", "50", "-j", "2", "-T", String(SECONDS), "-f", script, url!], { encoding: "utf8" });
  const tps = Number(r.stdout.match(/tps = ([\d.]+)/)?.[1]);
  if (!tps) console.error(r.stdout, r.stderr);
  return tps;
}

/** After the warm-up, statistics of a running system, as autovacuum keeps them: the vacuum at the start
 *  left the queue's tables analysed empty, and the functions' cached plans were made from that (see
 *  docs/decisions/008). ANALYZE also makes every connection plan them again. */
async function settle() {
  await db.execute(sql`analyze ratings, task_units, tasks, skips, submissions, unit_fill`);
}

/** Every unit of the project open again (its ratings and skips removed, the leases still held
 *  released), the annotators' past tasks kept, as in the middle of a session: each capacity round
 *  starts where the first did (three rounds at this speed would rate most of the project). Vacuumed,
 *  as autovacuum would leave the tables (and analysed by the caller once there is work in them). */
async function reopenQueue(projectId: number) {
  await db.execute(
    sql`select rolecall_close_tasks(array(select id from tasks where project_id = ${projectId} and status = 'leased'), 'released')`,
  );
  await db.execute(sql`delete from ratings where project_id = ${projectId}`);
  await db.execute(sql`delete from skips where project_id = ${projectId}`);
  await db.execute(sql`select rolecall_recount_fill(${projectId})`);
  await db.execute(sql`vacuum ratings, skips, unit_fill`);
}

const handle = await openDatabase();
await migrateDatabase(handle);
const db = handle.db;
// earlier runs leave dead rows behind (their projects are deleted at the end); scans would wade through them
await db.execute(sql`vacuum analyze`);
console.log("setting up the CharacterEval-sized project…");
const ce = await charactereValProject(db);
const ceAnn = await benchAnnotators(db, ce.id, 200);
if (Number(process.env.BENCH_GOLD_UNITS) > 0)
  console.log(`gold units: ${await spreadGold(db, ce.id, Number(process.env.BENCH_GOLD_UNITS))}, gold_rate ${ce.goldRate}`);
// BENCH_WORKERS=N: one server with WEB_CONCURRENCY=N (node:cluster workers on one port) instead of two
// separate processes on two ports
const WORKERS = Number(process.env.BENCH_WORKERS || 0);
const servers = WORKERS ? [await startServer(3411, WORKERS)] : await Promise.all([startServer(3411), startServer(3412)]);
const pools = servers.map((_, i) => new Pool(`http://127.0.0.1:${3411 + i}`, { connections: 100 }));
const clientsFor = (tokens: string[]) => tokens.map((token, i) => ({ token, pool: pools[i % pools.length] }));
const processes = WORKERS ? `WEB_CONCURRENCY=${WORKERS} (one server, ${WORKERS} workers)` : "2 app processes";
try {
  console.log(`project: ${await unitCount(db, ce.id)} units, 200 annotators, ${processes}, ${SECONDS} s per run`);
  const report = (name: string, l: Awaited<ReturnType<typeof openLoop>>) =>
    console.log(
      `${name}: claim p50/p95/p99 ${pct(l.claim, 50).toFixed(1)}/${pct(l.claim, 95).toFixed(1)}/${pct(l.claim, 99).toFixed(1)} ms, submit ${pct(l.submit, 50).toFixed(1)}/${pct(l.submit, 95).toFixed(1)}/${pct(l.submit, 99).toFixed(1)} ms (${l.claim.length} pairs, ${l.missed} not sent)`,
    );
  // warm up first (JIT of both servers, prepared statements and PL/pgSQL plans on every pooled
  // connection): the figures are for a running system, not its first seconds
  await openLoop(clientsFor(ceAnn.tokens), ce.slug, 50, 3);
  await settle();
  if (PARTS.has("latency")) report("latency at 100 pairs/s, 40k units", await openLoop(clientsFor(ceAnn.tokens), ce.slug, 100));
  if (PARTS.has("capacity")) {
    // the bare SQL leases as an annotator of its own, none of the 200
    const bareUser = (await benchAnnotators(db, ce.id, 1)).users[0];
    const ratios: number[] = [];
    // rounds of the two in turn: this machine's speed drifts by a third from one minute to the next
    for (let round = 1; round <= ROUNDS; round++) {
      await reopenQueue(ce.id);
      // the emptied tables' statistics say "empty": a moment of work, then ANALYZE, as autovacuum does
      await openLoop(clientsFor(ceAnn.tokens), ce.slug, 50, 2);
      await settle();
      const tasksPerSec = await capacity(clientsFor(ceAnn.tokens), ce.slug);
      // the leases the clients held when the loop stopped are released, as a manager would
      await db.execute(
        sql`select rolecall_close_tasks(array(select id from tasks where project_id = ${ce.id} and status = 'leased'), 'released')`,
      );
      const bare = pgbench(ce.id, bareUser.id);
      // the bare SQL's leases write no fill: they are not the queue's, and go
      await db.execute(sql`delete from tasks where project_id = ${ce.id} and annotator_id = ${bareUser.id}`);
      ratios.push((100 * tasksPerSec) / bare);
      console.log(
        `capacity, round ${round}: ${tasksPerSec.toFixed(0)} claim+submit tasks/s over HTTP; bare claim SQL (pgbench, 50 conns): ${bare.toFixed(0)}/s; ratio ${ratios.at(-1)!.toFixed(0)}%`,
      );
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    console.log(
      `capacity: ratio over ${ROUNDS} rounds min/median/max ${sorted[0].toFixed(0)}/${sorted[Math.floor(sorted.length / 2)].toFixed(0)}/${sorted.at(-1)!.toFixed(0)}% (target ≥ 50%)`,
    );
  }
  await db.execute(sql`delete from projects where id = ${ce.id}`);
  if (PARTS.has("million")) {
    console.log("setting up the 1M-unit project…");
    const big = await millionUnitProject(db);
    const bigAnn = await benchAnnotators(db, big.id, 200);
    console.log(`project: ${await unitCount(db, big.id)} units`);
    await openLoop(clientsFor(bigAnn.tokens), big.slug, 50, 3);
    await settle();
    report("latency at 100 pairs/s, 1M units", await openLoop(clientsFor(bigAnn.tokens), big.slug, 100));
    await db.execute(sql`delete from projects where id = ${big.id}`);
  }
} finally {
  for (const p of pools) await p.close();
  for (const s of servers) s.kill("SIGTERM");
  await closeDatabase();
}
