import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";

export type DialogueFilter = { characterId?: number | null; metric?: string | null; q?: string | null; page: number; pageSize: number };

export type DialogueRow = {
  id: number;
  external_id: string;
  character: string;
  novel_name: string;
  context: string;
  metrics: string[] | null;
  responses: number;
};

/** One page of a project's dialogues in import order; filters by character, metric and text. */
export async function listDialogues(db: DbOrTx, projectId: number, f: DialogueFilter) {
  const where = sql`d.project_id = ${projectId}
    ${f.characterId ? sql`and d.character_id = ${f.characterId}` : sql``}
    ${f.metric ? sql`and exists (select 1 from dialogue_metrics dm join metrics m on m.id = dm.metric_id where dm.dialogue_id = d.id and m.key = ${f.metric})` : sql``}
    ${f.q ? sql`and (strpos(d.context, ${f.q}) > 0 or d.external_id = ${f.q})` : sql``}`;
  const rows = await queryRows<DialogueRow>(
    db,
    sql`select d.id, d.external_id, c.name as character, c.novel_name, left(d.context, 400) as context,
          (select array_agg(m.key order by dm.position) from dialogue_metrics dm join metrics m on m.id = dm.metric_id where dm.dialogue_id = d.id) as metrics,
          (select count(*)::int from responses r where r.dialogue_id = d.id) as responses
        from dialogues d join characters c on c.id = d.character_id
        where ${where}
        order by d.position
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from dialogues d where ${where}`);
  return { rows, total: Number(total) };
}

export async function listCharacters(db: DbOrTx, projectId: number) {
  return queryRows<{ id: number; name: string; novel_name: string; dialogues: number }>(
    db,
    sql`select c.id, c.name, c.novel_name, (select count(*)::int from dialogues d where d.character_id = c.id) as dialogues
        from characters c where c.project_id = ${projectId} order by c.name`,
  );
}

/** A dialogue with its character, metric subset and every model's response (null when not in the project). */
export async function getDialogue(db: DbOrTx, projectId: number, externalId: string) {
  const [d] = await queryRows<{
    id: number;
    external_id: string;
    context: string;
    character: string;
    novel_name: string;
    profile_json: string;
  }>(
    db,
    sql`select d.id, d.external_id, d.context, c.name as character, c.novel_name, c.profile_json
        from dialogues d join characters c on c.id = d.character_id
        where d.project_id = ${projectId} and d.external_id = ${externalId}`,
  );
  if (!d) return null;
  const metrics = await queryRows<{ key: string; name_zh: string; name_en: string }>(
    db,
    sql`select m.key, m.name_zh, m.name_en from dialogue_metrics dm join metrics m on m.id = dm.metric_id
        where dm.dialogue_id = ${d.id} and dm.project_id = ${projectId} order by dm.position`,
  );
  const responses = await queryRows<{ id: number; model: string; text: string; scored_text: string; ratings: number }>(
    db,
    sql`select r.id, mo.name as model, r.text, r.scored_text,
          (select count(*)::int from ratings ra join units u on u.id = ra.unit_id where u.response_id = r.id) as ratings
        from responses r join models mo on mo.id = r.model_id
        where r.dialogue_id = ${d.id} and r.project_id = ${projectId} order by r.position`,
  );
  return { ...d, metrics, responses };
}
