// Annotators report benchmark (issue 20): one million ratings from 300 annotators (the reports
// benchmark's synthetic project, 200k units) with 1,000 gold units, every rating submitted through a
// task with its active time and spread over a fortnight as queue ratings are. `report annotators` is
// timed cold (cache cleared: load, compute, cache write) and cached, five times each, then its phases one
// at a time; peak RSS at the end. The project is removed at the end unless --keep; --reuse SLUG times a
// kept one. Run: DATABASE_URL=postgres://… npx tsx bench/annotators.ts [--keep | --reuse SLUG]
import os from "node:os";
import { type SQL, sql } from "drizzle-orm";
import { closeDatabase, openDatabase, type Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { queryRows } from "../db/sql";
import { clearReportCache } from "../app/services/reports/cache.server";
import { annotatorsReport, loadAnnotatorPhases, qualityPage, ratingsQuery } from "../app/services/reports/annotators.server";
import { annotatorStats, goldAccuracySeries } from "../app/domain/stats/annotators";
import { dropReportData, FULL, generateReportData } from "./reports";

async function setUp(db: Db) {
  console.log("writing 1M ratings by 300 annotators, with their tasks…");
  const { project } = await generateReportData(db, { ...FULL, annotators: 300 });
  const p = project.id;
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into gold_units (unit_id, project_id, expected_score)
      select id, project_id, 3 from units where project_id = ${p} and id % 200 = 0`);
    await tx.execute(sql`update units set is_gold = true where id in (select unit_id from gold_units where project_id = ${p})`);
    // each rating gets a submitted task (one response per task, as the bench project has one metric per
    // dialogue), an active time of 5–120 s, and a time: an annotator rates every 45 s or so in sessions
    await tx.execute(sql`
      create temporary table bench_t on commit drop as
      select r.id, r.annotator_id, u.response_id, u.dialogue_id, (5000 + random() * 115000)::int as active_ms,
             timestamptz '2026-11-01' + n * interval '45 s' + (n / 200) * interval '20 h' + random() * interval '30 s' as at
      from (select id, unit_id, annotator_id, row_number() over (partition by annotator_id order by id) as n
            from ratings where project_id = ${p}) r join units u on u.id = r.unit_id`);
    await tx.execute(sql`
      insert into tasks (project_id, annotator_id, response_id, dialogue_id, status, created_at, expires_at, closed_at)
      select ${p}, annotator_id, response_id, dialogue_id, 'submitted', at - interval '1 min', at + interval '29 min', at from bench_t`);
    await tx.execute(sql`
      update ratings r set task_id = t.id, active_ms = b.active_ms, created_at = b.at, source = 'queue'
      from bench_t b join tasks t on t.project_id = ${p} and t.annotator_id = b.annotator_id and t.response_id = b.response_id
      where r.id = b.id`);
  });
  // the update left a dead copy of every rating: rewrite the tables as a long-lived database holds them
  for (const table of ["ratings", "tasks"]) await db.execute(sql.raw(`vacuum (full) ${table}`));
  await db.execute(sql`vacuum analyze`);
  return project;
}

const ms = (t: number) => `${t.toFixed(0)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
function timed(fn: () => unknown): [number, number] {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  fn();
  return [performance.now() - t0, cpuMs(cpu)];
}
async function explainMs(db: Db, query: SQL) {
  const [row] = await queryRows<{ "QUERY PLAN": { "Execution Time": number }[] }>(
    db,
    sql`explain (analyze, timing off, format json) ${query}`,
  );
  return row["QUERY PLAN"][0]["Execution Time"];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The project of --reuse SLUG, or a new one. */
async function benchProject(db: Db, reuse: string | undefined) {
  if (!reuse) return setUp(db);
  const found = await queryRows<{ id: number; slug: string }>(db, sql`select id, slug from projects where slug = ${reuse}`);
  if (!found.length) throw new Error(`no project ${reuse}`);
  return found[0];
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL=postgres://… (the benchmark targets PostgreSQL)");
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const db = handle.db;
  const at = process.argv.indexOf("--reuse");
  const reuse = at > 0 ? process.argv[at + 1] : undefined;
  const keep = reuse !== undefined || process.argv.includes("--keep");
  const project = await benchProject(db, reuse);
  const ref = { id: project.id, slug: project.slug };
  try {
    const [{ n, a, g, t }] = await queryRows<{ n: number; a: number; g: number; t: number }>(
      db,
      sql`select count(*)::int as n, count(distinct annotator_id)::int as a, count(task_id)::int as t,
                 (select count(*)::int from gold_units where project_id = ${project.id}) as g
          from ratings where project_id = ${project.id}`,
    );
    console.log(`project ${project.slug}: ${n} ratings (${t} with a task), ${a} annotators, ${g} gold units`);
    console.log(
      `load average at the start: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
    const cold: number[] = [];
    const coldCpu: number[] = [];
    const warm: number[] = [];
    for (let i = 1; i <= 5; i++) {
      await clearReportCache(db, project.id);
      const cpu = process.cpuUsage();
      let t0 = performance.now();
      const r = await annotatorsReport(db, ref);
      cold.push(performance.now() - t0);
      coldCpu.push(cpuMs(cpu));
      t0 = performance.now();
      await annotatorsReport(db, ref);
      warm.push(performance.now() - t0);
      console.log(
        `run ${i}: report annotators cold ${ms(cold[i - 1])} (this process's CPU ${ms(coldCpu[i - 1])}; ${r.annotators.length} rows), cached ${ms(warm[i - 1])}`,
      );
    }
    console.log(`cold: median ${ms(median(cold))}, best ${ms(Math.min(...cold))}; cached: median ${ms(median(warm))}`);
    console.log(`peak RSS after the cold runs: ${mb(process.resourceUsage().maxRSS * 1024)}`);
    const t0 = performance.now();
    await qualityPage(db, ref);
    console.log(`quality page data from the cached report: ${ms(performance.now() - t0)}`);

    // the phases, one at a time (the last of three runs), wall time and this process's CPU
    let phases: [string, number, number][] = [];
    for (let i = 0; i < 3; i++) {
      phases = [];
      const { loaded, phases: reads } = await loadAnnotatorPhases(db, project.id);
      phases.push(...reads);
      phases.push(["compute: annotatorStats", ...timed(() => annotatorStats(loaded.columns))]);
      phases.push([
        "compute: accuracy series (quality page)",
        ...timed(() => loaded.columns.annotators.forEach((_, a) => goldAccuracySeries(loaded.columns, a))),
      ]);
    }
    // what PostgreSQL itself spends, without sending: the whole ratings read as one query, then the rest
    phases.push([
      "  of which SQL alone (EXPLAIN ANALYZE), ratings as one query",
      await explainMs(db, ratingsQuery(project.id, [0], 0)),
      NaN,
    ]);
    const width = Math.max(...phases.map((p) => p[0].length));
    for (const [name, wall, cpu] of phases)
      console.log(`  ${name.padEnd(width)}  ${ms(wall)}${Number.isNaN(cpu) ? "" : ` (CPU ${ms(cpu)})`}`);
    console.log(`  ${"leave-one-out α".padEnd(width)}  not computed by this report (the agreement report's)`);
  } finally {
    if (keep) console.log(`(kept: ${project.slug})`);
    else await dropReportData(db, project.id);
    await closeDatabase();
  }
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
