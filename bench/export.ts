// Export benchmark (issue 7). Creates a project with 1,000,000 ratings on PostgreSQL (INSERT … SELECT
// generate_series), then times:
//   - psql \copy of the joined annotation rows to a file (the physical limit) vs Rolecall's annotations
//     export to a file, CSV and JSONL (target ≥ 25% of the psql rate);
//   - Rolecall's charrm export (target ≥ 50,000 records/s);
// each Rolecall export in its own child process so its peak RSS is its own (target ≤ 256 MB).
// Run: DATABASE_URL=postgres://… npx tsx bench/export.ts      (BENCH_RATINGS=… to change the size)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { closeDatabase, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { makeProject } from "../seeds/factories";
import { writeChunksToFile } from "../app/services/exports/file.server";
import type { ExportKind } from "../app/domain/export/options";
import { parseExportOptions, searchParamsSource } from "../app/lib/forms/schemas/exports";
import { annotationQueries } from "../app/services/exports/queries.server";
import { startExport } from "../app/services/exports/run.server";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("bench/export.ts needs DATABASE_URL=postgres://… (the targets are PostgreSQL's)");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");

/** Child mode: one export to a file; prints { ms, cpuMs (this process's), records, maxRssMb } and exits. */
async function child(kind: ExportKind, query: string, projectId: number, slug: string, out: string) {
  const handle = await openDatabase();
  const options = parseExportOptions(kind, searchParamsSource(new URLSearchParams(query)));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await startExport(handle, { id: projectId, slug }, options);
  await writeChunksToFile(run.chunks, out);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await run.close();
  await closeDatabase();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpuMs, records: run.records, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
}

const PROFILE = JSON.stringify({
  姓名: "测试角色",
  性别: "女",
  年龄: "二十五岁",
  出处: "基准测试",
  性格: ["温柔", "坚定", "爱笑", "有时固执"],
  经历: "出生在江南小镇，自幼学习琴棋书画，后来离家闯荡，在京城开了一家茶馆，结识了许多朋友。".repeat(4),
  人际关系: { 朋友: ["甲", "乙", "丙"], 对手: "丁", "说明'引号\"": "含有\\反斜杠\n和换行" },
  口头禅: "这事儿包在我身上！",
});

async function seed(ratings: number) {
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const db = handle.db;
  const project = await makeProject(db);
  const p = project.id;
  const units = Math.ceil(ratings / 2); // two ratings per unit
  const models = 5;
  const dialogues = Math.ceil(units / models); // one metric per dialogue, five responses each
  const t0 = performance.now();
  await db.execute(sql`insert into characters (project_id, name, novel_name, profile_json)
    select ${p}, 'role-' || g, '小说' || g, ${PROFILE} from generate_series(0, 49) g`);
  await db.execute(sql`insert into models (project_id, name) select ${p}, 'model-' || g from generate_series(0, ${models - 1}) g`);
  await db.execute(sql`insert into dialogues (project_id, external_id, character_id, novel_name, context, position)
    select ${p}, (100000 + g)::text, c.id, c.novel_name,
      '甲：你好，今天天气怎么样？\n' || c.name || '：（笑）还不错，我们去街上走走吧。\n甲：好啊，听说新开了一家茶馆。\n' || c.name || '：那正好，第' || g || '回。', g
    from generate_series(0, ${dialogues - 1}) g join characters c on c.project_id = ${p} and c.name = 'role-' || (g % 50)`);
  await db.execute(sql`insert into dialogue_metrics (project_id, dialogue_id, metric_id, position)
    select ${p}, d.id, m.id, 0 from dialogues d join metrics m on m.project_id = ${p} and m.position = d.position % 12
    where d.project_id = ${p}`);
  await db.execute(sql`insert into responses (project_id, dialogue_id, model_id, text, scored_text, position)
    select ${p}, d.id, m.id, m.name || ' 的回答：' || d.position || '\n续写', m.name || ' 的回答：' || d.position, d.position * ${models} + m.id % ${models}
    from dialogues d cross join models m where d.project_id = ${p} and m.project_id = ${p}`);
  await db.execute(sql`insert into units (project_id, response_id, dialogue_id, metric_id, position)
    select ${p}, r.id, r.dialogue_id, dm.metric_id, r.position
    from responses r join dialogue_metrics dm on dm.dialogue_id = r.dialogue_id where r.project_id = ${p}`);
  const tag = `bench-${p}`;
  await db.execute(
    sql`insert into users (id, email, name) select ${tag} || '-' || g, ${tag} || '-' || g || '@bench.rolecall', 'rater ' || g from generate_series(0, 11) g`,
  );
  await db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, score, comment, active_ms, source, created_at)
    select ${p}, u.id, ${tag} || '-' || ((u.position * 2 + k) % 12), 1 + ((u.position * 7 + k * 3) % 5),
      case when u.position % 10 = 0 then '=HYPERLINK("x")，有逗号, 和"引号"' when u.position % 3 = 0 then '不错' end,
      1000 + (u.position % 5000), 'import', now() - (u.position || ' seconds')::interval
    from units u cross join generate_series(0, 1) k where u.project_id = ${p} limit ${ratings}`);
  await db.execute(sql`select rolecall_recount_fill(${p})`);
  await db.execute(
    sql`analyze characters; analyze dialogues; analyze responses; analyze units; analyze ratings; analyze users; analyze dialogue_metrics`,
  );
  console.log(`seeded ${dialogues} dialogues, ${units} units, ${ratings} ratings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { project, tag };
}

function psqlCopy(projectId: number, out: string) {
  const q = annotationQueries({
    projectId,
    metricIds: null,
    modelIds: null,
    minRatings: 0,
    adjudicatedOnly: false,
    excludeGold: false,
  }).rows;
  const text = q.text.replaceAll("$1", String(projectId)).replace(/\s+/g, " ");
  const t0 = performance.now();
  const r = spawnSync("psql", [url!, "-X", "-q", "-c", `\\copy (${text}) to '${out}' with (format csv, header)`], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return performance.now() - t0;
}

function runChild(kind: ExportKind, query: string, project: { id: number; slug: string }, out: string) {
  const r = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    [import.meta.filename, "--child", kind, query, String(project.id), project.slug, out],
    {
      cwd: root,
      env: process.env,
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`child ${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as { ms: number; cpuMs: number; records: number; maxRssMb: number };
}

async function main() {
  const n = Number(process.env.BENCH_RATINGS || 1_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-bench-export-"));
  const { project, tag } = await seed(n);
  try {
    const psqlMs = psqlCopy(project.id, path.join(dir, "psql.csv"));
    const psqlRate = n / (psqlMs / 1000);
    const rows: string[][] = [["export", "records", "seconds", "records/s", "peak RSS", "Node CPU s"]];
    const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
    rows.push(["psql \\copy (annotations)", fmt(n), (psqlMs / 1000).toFixed(2), fmt(psqlRate), "—", "—"]);
    const results: Record<string, { ms: number; cpuMs: number; records: number; maxRssMb: number }> = {};
    for (const [name, kind, query] of [
      ["annotations csv", "annotations", "format=csv"],
      ["annotations jsonl", "annotations", "format=jsonl"],
      ["charrm", "charrm", ""],
    ] as const) {
      const r = runChild(kind, query, project, path.join(dir, `${kind}-${name.split(" ").pop()}.out`));
      results[name] = r;
      rows.push([
        `rolecall ${name}`,
        fmt(r.records),
        (r.ms / 1000).toFixed(2),
        fmt(r.records / (r.ms / 1000)),
        `${r.maxRssMb.toFixed(0)} MB`,
        (r.cpuMs / 1000).toFixed(1),
      ]);
    }
    console.log("");
    for (const r of rows)
      console.log(
        `${r[0].padEnd(28)} ${r[1].padStart(10)} ${r[2].padStart(8)} ${r[3].padStart(12)} ${r[4].padStart(9)} ${r[5].padStart(11)}`,
      );
    console.log("");
    const rate = (k: string) => results[k].records / (results[k].ms / 1000);
    const ratio = (k: string) => rate(k) / psqlRate;
    const ok = (b: boolean) => (b ? "ok" : "MISSED");
    console.log(
      `annotations csv   / psql: ${(ratio("annotations csv") * 100).toFixed(0)}%  (target ≥ 25%)  ${ok(ratio("annotations csv") >= 0.25)}`,
    );
    console.log(
      `annotations jsonl / psql: ${(ratio("annotations jsonl") * 100).toFixed(0)}%  (target ≥ 25%)  ${ok(ratio("annotations jsonl") >= 0.25)}`,
    );
    console.log(`charrm: ${fmt(rate("charrm"))} records/s  (target ≥ 50,000)  ${ok(rate("charrm") >= 50_000)}`);
    const peak = Math.max(...Object.values(results).map((r) => r.maxRssMb));
    console.log(`peak RSS of the exports: ${peak.toFixed(0)} MB  (target ≤ 256 MB)  ${ok(peak <= 256)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP) console.log(`kept project ${project.id} (${project.slug})`);
    else await cleanUp(project.id, tag);
    await closeDatabase();
  }
}

/** On a fresh connection: the long idle one may have been closed while the children ran. */
async function cleanUp(projectId: number, tag: string) {
  await closeDatabase().catch(() => {});
  const db = (await openDatabase()).db;
  await db.execute(sql`delete from projects where id = ${projectId}`);
  await db.execute(sql`delete from users where id like ${tag + "-%"}`);
  await closeDatabase();
}

if (process.argv[2] === "--child") {
  const [, , , kind, query, id, slug, out] = process.argv;
  await child(kind as ExportKind, query, Number(id), slug, out);
} else {
  await main();
}
