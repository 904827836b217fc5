// Import benchmark (issue 3): all of CharacterEval + five made-up models (22,820 responses, 40,160 units)
// into PostgreSQL through Rolecall's import, beside a raw COPY of the same rows into the same tables.
// Also the same import into an in-memory PGlite. Run: DATABASE_URL=postgres://… npx tsx bench/import.ts
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import postgres from "postgres";
import { closeDatabase, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { makeProject } from "../seeds/factories";
import { importCharacterEval } from "../app/services/import.server";
import { fixtureDialogues, fixtureStream } from "../test/charactereval-fixture";

const MODELS = ["glm", "baichuan", "qwen", "minimax", "gpt4"];
const dialogues = fixtureDialogues();
const generation = (m: string) =>
  Buffer.from(JSON.stringify(dialogues.map((d, i) => ({ ...d, model_output: `（${m}）第${i}句：${d.context.slice(-20)}\n第二行` }))));
const generations = Object.fromEntries(MODELS.map((m) => [m, generation(m)]));
const files = () => ({
  dialogues: { source: fixtureStream("test_data.jsonl"), name: "test_data.jsonl" },
  profiles: { source: fixtureStream("character_profiles.json"), name: "character_profiles.json" },
  metrics: { source: fixtureStream("id2metric.jsonl"), name: "id2metric.jsonl" },
  responses: MODELS.map((m) => ({ model: m, source: Readable.from([generations[m]]), name: `${m}.jsonl` })),
});

async function timeImport() {
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const project = await makeProject(handle.db);
  const t0 = performance.now();
  const s = await importCharacterEval(handle.db, project, files());
  const ms = performance.now() - t0;
  return { handle, project, s, ms };
}

// The same rows, COPYed by psql into the same tables: the physical floor.
const TABLES: [string, string][] = [
  ["characters", "id, project_id, name, novel_name, profile_json"],
  ["dialogues", "id, project_id, external_id, character_id, novel_name, context, position"],
  ["models", "id, project_id, name"],
  ["responses", "id, project_id, dialogue_id, model_id, text, scored_text, position"],
  ["dialogue_metrics", "project_id, dialogue_id, metric_id, position"],
  // (copying units fires the trigger that makes their unit_fill rows, as the import does)
  ["units", "id, project_id, response_id, dialogue_id, metric_id, position, is_gold"],
];

function psql(url: string, script: string) {
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
}

async function timeCopy(url: string, projectId: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-copy-"));
  for (const [table, cols] of TABLES)
    psql(url, `\\copy (select ${cols} from ${table} where project_id = ${projectId}) to '${dir}/${table}.tsv'`);
  // remove the source rows, then COPY them back into the same tables (same ids, same indexes), one transaction
  psql(url, `delete from characters where project_id = ${projectId}; delete from models where project_id = ${projectId};`);
  const script = ["begin;", ...TABLES.map(([t, cols]) => `\\copy ${t} (${cols}) from '${dir}/${t}.tsv'`), "commit;"].join("\n");
  fs.writeFileSync(`${dir}/load.sql`, script);
  const t0 = performance.now();
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-f", `${dir}/load.sql`], { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(r.stderr);
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to a PostgreSQL database (the PGlite figure is measured as well).");
  process.exit(2);
}
const pg = await timeImport();
console.log(
  `PostgreSQL import: ${pg.s.responses} responses, ${pg.s.units} units, ${pg.s.dialogues} dialogues in ${(pg.ms / 1000).toFixed(2)} s`,
);
await closeDatabase();
const copyMs = await timeCopy(url, pg.project.id);
console.log(`raw COPY of the same rows: ${(copyMs / 1000).toFixed(2)} s`);
console.log(`ratio import / COPY: ${(pg.ms / copyMs).toFixed(2)}x  (target ≤ 3x and ≤ 5 s)`);

delete process.env.DATABASE_URL;
process.env.PGLITE_DIR = "memory://";
const lite = await timeImport();
console.log(`PGlite (in memory) import: ${lite.s.responses} responses, ${lite.s.units} units in ${(lite.ms / 1000).toFixed(2)} s`);
await closeDatabase();
const cleanup = postgres(url, { max: 1, onnotice: () => {} });
await cleanup.unsafe(`delete from projects where id = ${pg.project.id}`);
await cleanup.end();
