// Data for the queue benchmark: a CharacterEval-sized project (the real fixture + five made-up models,
// 40,160 units) or a synthetic one with a million units, plus 200 annotators with API tokens.
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/sql";
import { projectMembers } from "../db/schema";
import { importCharacterEval } from "../app/services/import.server";
import { markGold } from "../app/services/gold.server";
import { createApiToken } from "../app/services/tokens.server";
import { makeAnnotators } from "../seeds/corpus-factory";
import { makeProject } from "../seeds/factories";
import { fixtureDialogues, fixtureStream } from "../test/charactereval-fixture";

export async function charactereValProject(db: Db) {
  const project = await makeProject(db, { overlapK: 3 });
  const dialogues = fixtureDialogues();
  const models = ["glm", "baichuan", "qwen", "minimax", "gpt4"];
  await importCharacterEval(db, project, {
    dialogues: { source: fixtureStream("test_data.jsonl"), name: "test_data.jsonl" },
    profiles: { source: fixtureStream("character_profiles.json"), name: "character_profiles.json" },
    metrics: { source: fixtureStream("id2metric.jsonl"), name: "id2metric.jsonl" },
    responses: models.map((m) => ({
      model: m,
      name: m,
      source: Readable.from([Buffer.from(JSON.stringify(dialogues.map((d, i) => ({ ...d, model_output: `${m} ${i}` }))))]),
    })),
  });
  return project;
}

/** A synthetic project of `dialogues` × 5 models × 2 metrics units, written set-based in SQL. */
export async function millionUnitProject(db: Db, dialogues = 100_000) {
  const project = await makeProject(db, { overlapK: 3 });
  const p = project.id;
  await db.execute(sql`insert into characters (project_id, name, profile_json) values (${p}, '甲', '{"姓名":"甲"}')`);
  await db.execute(sql`insert into dialogues (project_id, external_id, character_id, context, position)
    select ${p}, g::text, (select id from characters where project_id = ${p}), '乙：你好\n甲：好', g from generate_series(0, ${dialogues - 1}) g`);
  await db.execute(sql`insert into models (project_id, name) select ${p}, 'm' || g from generate_series(0, 4) g`);
  await db.execute(sql`insert into responses (project_id, dialogue_id, model_id, text, scored_text, position)
    select ${p}, d.id, m.id, 'reply', 'reply', d.position * 5 + row_number() over (partition by d.id order by m.id)
    from dialogues d cross join models m where d.project_id = ${p} and m.project_id = ${p}`);
  await db.execute(sql`insert into dialogue_metrics (project_id, dialogue_id, metric_id, position)
    select ${p}, d.id, m.id, 0 from dialogues d join metrics m on m.project_id = ${p} and m.position in (d.position % 12, (d.position + 5) % 12)
    where d.project_id = ${p}`);
  await db.execute(sql`insert into units (project_id, response_id, dialogue_id, metric_id, position)
    select ${p}, r.id, r.dialogue_id, dm.metric_id, row_number() over (order by r.position, dm.metric_id)
    from responses r join dialogue_metrics dm on dm.dialogue_id = r.dialogue_id where r.project_id = ${p}`);
  await db.execute(sql`analyze units; analyze unit_fill; analyze responses; analyze dialogues; analyze task_units; analyze ratings`);
  return project;
}

export async function benchAnnotators(db: Db, projectId: number, n: number) {
  const users = await makeAnnotators(db, n);
  await db.insert(projectMembers).values(users.map((u) => ({ projectId, userId: u.id, role: "annotator" as const })));
  const tokens = [];
  for (const u of users) tokens.push((await createApiToken(db, { userId: u.id, projectId })).token);
  return { users, tokens };
}

export async function unitCount(db: Db, projectId: number) {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from units where project_id = ${projectId}`);
  return Number(n);
}

/** `n` units spread evenly over the project become gold (reference 3), served at the project's gold_rate. */
export async function spreadGold(db: Db, projectId: number, n: number) {
  const units = await queryRows<{ id: number }>(
    db,
    sql`select id from (select id, row_number() over (order by position) as i, count(*) over () as total from units where project_id = ${projectId}) u
        where u.i % greatest(u.total / ${n}, 1) = 0 limit ${n}`,
  );
  for (const u of units) await markGold(db, projectId, Number(u.id), 3, null);
  return units.length;
}
