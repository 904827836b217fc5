// Reports benchmark (issues 6 and 24): one million ratings (200k units, 5 models, 12 metrics, 30
// annotators; `--ratings 10m`: ten million, 2M units, 300 annotators) and two judges written into a fresh
// project on PostgreSQL with set-based SQL; then the three reports' point estimates timed cold (cache
// cleared), each report alone, the cached page path, the bootstrap intervals, peak RSS. The project is
// removed at the end (`--keep`, or `--generate` to only make it; `--reuse SLUG` times a kept one).
// Run: DATABASE_URL=postgres://… npx tsx bench/reports.ts
import os from "node:os";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { closeDatabase, openDatabase, type Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { queryRows } from "../db/sql";
import { uniq } from "../seeds/factories";
import { createUnits } from "../app/services/corpus.server";
import { createProject, listProjectMetrics } from "../app/services/projects.server";
import { computeAgreement } from "../app/domain/reports/agreement";
import { clearReportCache } from "../app/services/reports/cache.server";
import { stopReportWorker } from "../app/services/reports/compute.server";
import { computeJudges } from "../app/domain/reports/judges";
import { computeLeaderboard } from "../app/domain/reports/leaderboard";
import { loadReportData } from "../app/services/reports/load.server";
import { alphaIntervals, computeReports, getJudgePoints, getReport } from "../app/services/reports/reports.server";

// Synthetic data: 40k dialogues × 5 models on 1 metric each = 200k units, 5 ratings per unit from 30
// annotators = 1M ratings, 2 judges on every unit. Scores follow a latent unit quality plus noise.
export type BenchShape = { dialogues: number; models: number; annotators: number; perUnit: number; judges: number };
export const FULL: BenchShape = { dialogues: 40_000, models: 5, annotators: 30, perUnit: 5, judges: 2 };
/** `--ratings 10m`: 10⁷ ratings, 2·10⁶ units (400k dialogues × 5 models), 300 annotators. */
export const TEN_MILLION: BenchShape = { dialogues: 400_000, models: 5, annotators: 300, perUnit: 5, judges: 2 };

const describe = (s: BenchShape) => {
  const units = s.dialogues * s.models;
  return `${(units * s.perUnit).toLocaleString("en-US")} ratings (${units.toLocaleString("en-US")} units, ${s.models} models, 12 metrics, ${s.annotators} annotators, ${s.judges} judges)`;
};

export async function generateReportData(db: Db, shape: BenchShape = FULL) {
  const project = await createProject(db, { slug: uniq("bench-reports"), name: "Reports benchmark", metricSetKey: "charactereval" }, null);
  const p = project.id;
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into characters (project_id, name, profile_json) values (${p}, 'bench-role', '{}')`);
    await tx.execute(sql`
      insert into dialogues (project_id, external_id, character_id, context, position)
      select ${p}, 'd-' || g, (select id from characters where project_id = ${p}), '甲：你好。', g
      from generate_series(0, ${shape.dialogues - 1}) g`);
    await tx.execute(sql`insert into models (project_id, name) select ${p}, 'model-' || g from generate_series(1, ${shape.models}) g`);
    await tx.execute(sql`
      insert into responses (project_id, dialogue_id, model_id, text, scored_text, position)
      select ${p}, d.id, m.id, 'reply', 'reply', d.position * ${shape.models} + m.id
      from dialogues d cross join models m where d.project_id = ${p} and m.project_id = ${p}`);
    await tx.execute(sql`
      insert into dialogue_metrics (project_id, dialogue_id, metric_id, position)
      select ${p}, d.id, m.id, 0 from dialogues d join metrics m on m.project_id = ${p} and m.position = d.position % 12
      where d.project_id = ${p}`);
    await createUnits(tx, p);
    await tx.execute(sql`
      insert into users (id, email, name)
      select 'bench-' || ${p} || '-' || g, 'bench-' || ${p} || '-' || g || '@imported.rolecall', 'rater ' || g
      from generate_series(0, ${shape.annotators - 1}) g`);
    await tx.execute(sql`
      insert into project_members (project_id, user_id, role)
      select ${p}, 'bench-' || ${p} || '-' || g, 'annotator' from generate_series(0, ${shape.annotators - 1}) g`);
    // latent quality per unit: model effect + unit effect; ratings and judges add noise around it
    await tx.execute(sql`
      create temporary table bench_latent on commit drop as
      select u.id, u.position, 2.2 + 0.25 * (r.model_id % ${shape.models}) + random() * 2 as latent
      from units u join responses r on r.id = u.response_id where u.project_id = ${p}`);
    await tx.execute(sql`
      insert into ratings (project_id, unit_id, annotator_id, score, source)
      select ${p}, l.id, 'bench-' || ${p} || '-' || ((l.position + j * 7) % ${shape.annotators}),
             greatest(1, least(5, round(l.latent + (random() - 0.5) * 1.8)))::int, 'import'
      from bench_latent l cross join generate_series(0, ${shape.perUnit - 1}) j`);
    await tx.execute(sql`update unit_fill set rating_count = ${shape.perUnit} where project_id = ${p}`);
    await tx.execute(sql`insert into judges (project_id, name) select ${p}, 'judge-' || g from generate_series(1, ${shape.judges}) g`);
    await tx.execute(sql`
      insert into judge_scores (judge_id, unit_id, project_id, score)
      select j.id, l.id, ${p}, l.latent + (random() - 0.5) * (j.id % 3 + 1)
      from bench_latent l cross join judges j where j.project_id = ${p}`);
    await tx.execute(sql`update projects set ratings_version = ratings_version + 1 where id = ${p}`);
  });
  // what autovacuum does to rows that have been there a while: hint bits, visibility map, statistics
  // (without it the first read after a bulk insert of 10⁶ rows pays for writing hint bits)
  for (const table of ["units", "ratings", "judge_scores", "responses"]) await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  const [counts] = await queryRows<{ units: string; ratings: string; judge_scores: string }>(
    db,
    sql`select (select count(*) from units where project_id = ${p}) as units,
               (select count(*) from ratings where project_id = ${p}) as ratings,
               (select count(*) from judge_scores where project_id = ${p}) as judge_scores`,
  );
  return { project, counts: { units: Number(counts.units), ratings: Number(counts.ratings), judgeScores: Number(counts.judge_scores) } };
}

/** Removes the benchmark project and its annotator accounts. */
export async function dropReportData(db: Db, projectId: number) {
  await db.execute(sql`delete from projects where id = ${projectId}`);
  await db.execute(sql`delete from users where id like ${`bench-${projectId}-%`}`);
}

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const ms = (t: number) => `${Math.round(t).toLocaleString("en-US")} ms`;

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL=postgres://… (the benchmark targets PostgreSQL)");
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const db = handle.db;
  // --reuse SLUG times an existing benchmark project (kept by an earlier --keep) instead of generating one
  const flag = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
  const reuse = flag("--reuse");
  const shape = flag("--ratings") === "10m" ? TEN_MILLION : FULL;
  // --runs N: cold runs (5); --runs 1 shows the peak RSS of one cold computation in a fresh process
  const runs = Number(flag("--runs") ?? 5);
  // --generate: make the project (kept) and stop, for timing it later with --reuse
  const generateOnly = process.argv.includes("--generate");
  const keep = process.argv.includes("--keep") || reuse !== null || generateOnly;
  let project: { id: number; slug: string };
  if (reuse) {
    [project] = await queryRows<{ id: number; slug: string }>(db, sql`select id, slug from projects where slug = ${reuse}`);
    if (!project) throw new Error(`no project ${reuse}`);
  } else {
    console.log(`Generating ${describe(shape)}…`);
    const [generated, genMs] = await timed(() => generateReportData(db, shape));
    const { counts } = generated;
    project = generated.project;
    console.log(
      `  generated in ${ms(genMs)}: ${counts.units.toLocaleString()} units, ${counts.ratings.toLocaleString()} ratings, ${counts.judgeScores.toLocaleString()} judge scores\n`,
    );
  }
  if (generateOnly) {
    console.log(`(kept: ${project.slug})`);
    await closeDatabase();
    return;
  }
  const ref = { id: project.id, slug: project.slug };
  const rows: [string, string][] = [];
  try {
    // the real path: one load, agreement on the worker thread, judges and leaderboard here
    const cold: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < runs; run++) {
      await clearReportCache(db, project.id);
      const before = process.cpuUsage();
      cold.push((await timed(() => computeReports(db, ref)))[1]);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    rows.push([
      "all three point estimates, cold (load + compute + cache write)",
      `${ms(cold[0])} first, ${ms(median(cold))} median, ${ms(Math.min(...cold))} best of ${runs} (this process's CPU: ${ms(median(cpu))} median)`,
    ]);
    rows.push(["  peak RSS so far (the real path, incl. worker thread)", mb(process.resourceUsage().maxRSS * 1024)]);

    // the parts, one at a time on this thread
    const [{ data }, loadMs] = await timed(() => loadReportData(db, project.id));
    rows.push(["  load (4 reads in one shared snapshot)", ms(loadMs)]);
    rows.push(["  agreement (main thread alone)", ms((await timed(() => computeAgreement(project.slug, data)))[1])]);
    rows.push(["  judges (main thread alone)", ms((await timed(() => computeJudges(project.slug, data)))[1])]);
    rows.push(["  leaderboard (main thread alone)", ms((await timed(() => computeLeaderboard(project.slug, data)))[1])]);

    // what a page loader does once the numbers are cached
    for (const kind of ["agreement", "judges", "leaderboard"] as const) {
      await getReport(db, ref, kind, "none");
      const [, t] = await timed(async () => Promise.all([getReport(db, ref, kind, "none"), listProjectMetrics(db, project.id)]));
      rows.push([`cached page loader: ${kind}`, ms(t)]);
    }
    rows.push([
      "cached judges scatter points (1 judge × 1 metric)",
      ms((await timed(() => getJudgePoints(db, ref, "judge-1", "Fluency")))[1]),
    ]);
    // at 10⁷ ratings the 26,000 resamples take minutes: --bootstrap asks for them anyway
    if (shape !== TEN_MILLION || process.argv.includes("--bootstrap")) {
      const [{ version }] = await queryRows<{ version: string }>(
        db,
        sql`select ratings_version as version from projects where id = ${project.id}`,
      );
      rows.push([
        "bootstrap 95% CIs of α (1000 resamples × 13 × 2, worker thread)",
        ms((await timed(() => alphaIntervals(db, project.id, Number(version))))[1]),
      ]);
    }
  } finally {
    if (keep) console.log(`(kept: ${project.slug})`);
    else await dropReportData(db, project.id);
    await stopReportWorker();
    await closeDatabase();
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(
    `Reports over ${describe(shape)} on PostgreSQL (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)} at the end)`,
  );
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
  console.log(`  ${"peak RSS of the process (incl. worker thread)".padEnd(width)}  ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

// run when started as a script, not when bench/annotators.ts borrows its data generator
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
