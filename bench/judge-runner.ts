// Judge runner benchmark (issue 23): 40k units (8,000 dialogues × 5 models, one metric each, profiles and
// contexts of CharacterEval's size) judged at concurrency 32 by a stub endpoint in another process that
// answers every request after 50 ms. Target: ≤ 90 s (the floor is 40,000 × 50 ms / 32 = 62.5 s), so the
// runner and the database are never the bottleneck; peak RSS ≤ 256 MB. The project is removed at the end.
// Run: DATABASE_URL=postgres://… npx tsx bench/judge-runner.ts   (BENCH_UNITS=… for a smaller run)
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { closeDatabase, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { uniq } from "../seeds/factories";
import { createUnits } from "../app/services/corpus.server";
import { checkRunInput } from "../app/services/judge-runner/options.server";
import { executeJudgeRun, openJudgeRun } from "../app/services/judge-runner/runner.server";
import { createProject } from "../app/services/projects.server";

const UNITS = Number(process.env.BENCH_UNITS ?? 40_000);
const MODELS = 5;
const CONCURRENCY = 32;
const DELAY_MS = 50;

const STUB = `
const http = require("node:http");
const server = http.createServer((req, res) => {
  let n = 0;
  req.on("data", (c) => (n += c.length));
  req.on("end", () => setTimeout(() => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: "评分：" + (1 + (n % 5)) } }], usage: { prompt_tokens: n >> 2, completion_tokens: 3 } }));
  }, ${DELAY_MS}));
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;

async function main() {
  const stub = spawn(process.execPath, ["-e", STUB], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => stub.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const db = handle.db;
  const project = await createProject(
    db,
    { slug: uniq("bench-judge"), name: "Judge runner benchmark", metricSetKey: "charactereval" },
    null,
  );
  const p = project.id;
  const dialogues = Math.ceil(UNITS / MODELS);
  const profile = JSON.stringify(
    Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`属性${i}`, "这是一段角色资料的描述文字，".repeat(4)])),
  );
  const context = Array.from({ length: 12 }, (_, i) => `${i % 2 ? "角色" : "用户"}：这是第${i}句对话，内容大致这么长。`).join("\n");
  try {
    const t0 = Date.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into characters (project_id, name, profile_json) values (${p}, '角色', ${profile})`);
      await tx.execute(sql`
        insert into dialogues (project_id, external_id, character_id, context, position)
        select ${p}, 'd-' || g, (select id from characters where project_id = ${p}), ${context}, g from generate_series(0, ${dialogues - 1}) g`);
      await tx.execute(sql`insert into models (project_id, name) select ${p}, 'model-' || g from generate_series(1, ${MODELS}) g`);
      await tx.execute(sql`
        insert into responses (project_id, dialogue_id, model_id, text, scored_text, position)
        select ${p}, d.id, m.id, '（微笑）好啊，我们一起去吧。' || d.position, '（微笑）好啊，我们一起去吧。' || d.position, d.position * ${MODELS} + m.id
        from dialogues d cross join models m where d.project_id = ${p} and m.project_id = ${p}`);
      await tx.execute(sql`
        insert into dialogue_metrics (project_id, dialogue_id, metric_id, position)
        select ${p}, d.id, m.id, 0 from dialogues d join metrics m on m.project_id = ${p} and m.position = d.position % 12
        where d.project_id = ${p}`);
      await createUnits(tx, p);
    });
    console.log(`corpus: ${dialogues * MODELS} units in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    const input = checkRunInput({ judge: "bench", endpoint: `http://127.0.0.1:${port}/v1`, model: "stub", concurrency: CONCURRENCY });
    const opened = await openJudgeRun(db, p, input, null);
    const r = await executeJudgeRun(db, p, input, opened);
    clearInterval(sampler);
    const floor = (r.requested * DELAY_MS) / CONCURRENCY / 1000;
    console.log(
      `judge run: ${r.status}, ${r.scored} scored, ${r.failed} failed of ${r.requested} in ${r.seconds.toFixed(1)} s ` +
        `(${(r.requested / r.seconds).toFixed(0)} units/s; floor ${floor.toFixed(1)} s = ${((floor / r.seconds) * 100).toFixed(0)}% of it; target ≤ 90 s for 40k); ` +
        `peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (target ≤ 256 MB)`,
    );
  } finally {
    await db.execute(sql`delete from projects where id = ${p}`);
    await closeDatabase();
    stub.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
