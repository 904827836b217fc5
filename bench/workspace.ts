// Workspace benchmark (issue 5):
//  1. the JavaScript a browser loads for the task route (entry, root, route and their imports), gzipped;
//  2. server time of moving from one task to the next on PostgreSQL with all of CharacterEval + 5 models:
//     submit the current task, claim the next, load the task screen's data (p50/p95 over 300 moves).
// Run: DATABASE_URL=postgres://… npx tsx bench/workspace.ts   (after `npm run build`)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { closeDatabase, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { claimNextTask } from "../app/services/queue/claim.server";
import { submitRatings } from "../app/services/queue/submit.server";
import { annotatorDashboard, workspaceTask } from "../app/services/queue/workspace.server";
import { benchAnnotators, charactereValProject } from "./queue-setup";

const root = path.resolve(import.meta.dirname, "..");
// the browser manifest Remix writes: which modules each route loads
const assets = path.join(root, "build/client/assets");
const manifestFile = fs.readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("Run `npm run build` first");
const manifest = JSON.parse(
  fs
    .readFileSync(path.join(assets, manifestFile), "utf8")
    .replace(/^window\.__remixManifest=/, "")
    .replace(/;\s*$/, ""),
) as {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};
const route = manifest.routes["routes/projects.$slug_.annotate.$taskId"];
const files = new Set([
  manifest.entry.module,
  ...manifest.entry.imports,
  manifest.routes.root.module,
  ...(manifest.routes.root.imports ?? []),
  route.module,
  ...(route.imports ?? []),
]);
let gz = 0;
for (const f of files) gz += zlib.gzipSync(fs.readFileSync(path.join(root, "build/client", f))).length;
const seen = files;
console.log(`task route JavaScript: ${(gz / 1024).toFixed(1)} KB gzipped over ${seen.size} chunks (target ≤ 150 KB)`);

if (!process.env.DATABASE_URL) {
  console.log("Set DATABASE_URL for the server-time measurement.");
  process.exit(0);
}
const handle = await openDatabase();
await migrateDatabase(handle);
const db = handle.db;
const project = await charactereValProject(db);
const { users } = await benchAnnotators(db, project.id, 1);
const me = users[0].id;
const times: number[] = [];
let current = await claimNextTask(db, project, me);
let view = current.taskId === null ? null : await workspaceTask(db, current.taskId);
// a move, as the browser makes it: submit the scores of the task on screen, claim the next, load its screen
// (the first 20 moves warm up; then statistics of a running system, as in bench/queue.ts: plans cached
// from tables analysed empty would measure a state autovacuum ends within a minute)
for (let i = 0; i < 320 && current.taskId !== null && view; i++) {
  if (i === 20) await db.execute(sql`analyze ratings, task_units, tasks, skips, submissions, unit_fill`);
  const t0 = performance.now();
  await submitRatings(
    db,
    { taskId: current.taskId, annotatorId: me },
    {
      idempotencyKey: crypto.randomUUID(),
      activeMs: 1000,
      ratings: view.metrics.map((m) => ({ unit_id: m.unit_id, score: 3, comment: null })),
    },
  );
  current = await claimNextTask(db, project, me);
  if (current.taskId !== null) [view] = await Promise.all([workspaceTask(db, current.taskId), annotatorDashboard(db, project, me)]);
  if (i >= 20) times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
console.log(
  `next task (submit + claim + screen data), ${times.length} moves on ${project.slug}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms (target p95 ≤ 50 ms)`,
);
await db.execute(sql`delete from projects where id = ${project.id}`);
await closeDatabase();
