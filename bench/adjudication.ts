// Adjudication queue (issue 19): "next" (claim + the item's screen data) on a project with a million
// units and 50k open disagreements, p95 service time (target ≤ 50 ms), with 20 adjudicators settling what
// they are handed; then `adjudication list` streaming the open set (time to the first unit and to the end).
// Run: DATABASE_URL=postgres://… npx tsx bench/adjudication.ts   (BENCH_NEXT=400)
import os from "node:os";
import { sql } from "drizzle-orm";
import { closeDatabase, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { queryRows } from "../db/sql";
import { projectMembers } from "../db/schema";
import { refreshDisagreements } from "../app/services/adjudication/disagreements.server";
import { listAdjudications } from "../app/services/adjudication/list.server";
import { adjudicationItem, claimAdjudication } from "../app/services/adjudication/queue.server";
import { resolveUnits } from "../app/services/adjudication/resolve.server";
import { makeAnnotators } from "../seeds/corpus-factory";
import { millionUnitProject, unitCount } from "./queue-setup";

if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL");
const N = Number(process.env.BENCH_NEXT || 400);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const handle = await openDatabase();
const db = handle.db;
await migrateDatabase(handle);
console.log(
  `load average before: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
let t0 = performance.now();
const project = await millionUnitProject(db);
console.log(`setup: ${await unitCount(db, project.id)} units in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

// 50k disputed units (every 20th): two ratings, 1 and 5
const raters = await makeAnnotators(db, 2);
t0 = performance.now();
await db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, score, source)
  select ${project.id}, u.id, a.id, case when a.n = 0 then 1 else 5 end, 'import'
  from (select id from units where project_id = ${project.id} and position % 20 = 0) u
  cross join (values (${raters[0].id}, 0), (${raters[1].id}, 1)) a(id, n)`);
const disputed = await queryRows<{ id: string }>(db, sql`select id from units where project_id = ${project.id} and position % 20 = 0`);
await refreshDisagreements(
  db,
  project.id,
  disputed.map((r) => Number(r.id)),
);
await db.execute(sql`analyze disagreements; analyze ratings`);
const [{ open }] = await queryRows<{ open: number }>(
  db,
  sql`select count(*)::int as open from disagreements where project_id = ${project.id} and resolved_at is null`,
);
console.log(`open disagreements: ${open} (refresh of ${disputed.length} units: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const adjudicators = await makeAnnotators(db, 20);
await db.insert(projectMembers).values(adjudicators.map((a) => ({ projectId: project.id, userId: a.id, role: "adjudicator" as const })));

const next: number[] = [];
for (let i = 0; i < N; i++) {
  const a = adjudicators[i % adjudicators.length];
  const start = performance.now();
  const responseId = await claimAdjudication(db, project, a.id);
  const item = responseId === null ? null : await adjudicationItem(db, project.id, responseId, a.id);
  next.push(performance.now() - start);
  if (!item) break;
  // every other adjudicator settles what they got; the others hold it (their next resumes the lease)
  if (i % 2 === 0)
    await resolveUnits(
      db,
      item.units.map((u) => ({
        projectId: project.id,
        unitId: u.unit_id,
        adjudicatorId: a.id,
        score: 3,
        source: "api",
        respectLease: true,
      })),
    );
}
console.log(
  `next (claim + item), ${next.length} calls: p50 ${pct(next, 50).toFixed(1)} ms, p95 ${pct(next, 95).toFixed(1)} ms (target ≤ 50 ms)`,
);

t0 = performance.now();
let first = 0;
let n = 0;
for await (const _u of listAdjudications(db, project.id, "open")) {
  if (n++ === 0) first = performance.now() - t0;
}
console.log(
  `adjudication list --status open: first unit after ${first.toFixed(0)} ms, ${n} units in ${(performance.now() - t0).toFixed(0)} ms`,
);
console.log(
  `load average after: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
await db.execute(sql`delete from projects where id = ${project.id}`);
await closeDatabase();
