import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client";
import { queryRows } from "#db/sql";
import { badRequest } from "~/lib/errors";
import { createComparisonUnits, type PairSettings } from "./pairwise/comparisons.server";
import { projectStats } from "./projects.server";

/** A validated corpus ready to write: what an import (or the demo seed) produces. */
export type CorpusPlan = {
  characters: { name: string; novelName: string; profileJson: string }[];
  dialogues: { externalId: string; role: string; novelName: string; context: string }[];
  subsets: { externalId: string; metrics: string[] }[];
  responses: { externalId: string; model: string; text: string; scoredText: string }[];
};

export type CorpusCounts = { characters: number; dialogues: number; subset_metrics: number; responses: number; units: number };

const texts = (xs: string[]) => sql.param(xs);
const ints = (xs: number[]) => sql.param(xs);

/** A large batch changes a table more than its statistics know (a new project's rows are all invisible
 *  to them), and the next statement would be planned for the old table: joining 22,820 responses to
 *  "one" dialogue of the new project ran as a nested loop for over a minute. ANALYZE inside the
 *  transaction samples its own uncommitted rows too. */
async function refreshStats(tx: Tx, table: "dialogues" | "dialogue_metrics" | "responses", rows: number) {
  if (rows >= 1000) await tx.execute(sql.raw(`analyze ${table}`));
}

/** Rows of the plan that name something the project does not have (a role, dialogue or metric). */
async function missing(tx: Tx, query: ReturnType<typeof sql>) {
  return (await queryRows<{ name: string }>(tx, query)).map((r) => r.name);
}

/** Writes a corpus into a project inside the caller's transaction, one set-based statement per table
 *  (INSERT … SELECT FROM unnest(arrays)): rows that already exist (same character name, dialogue id,
 *  model, response, subset) are left as they are, so a re-import of the same files changes nothing.
 *  Units are derived in SQL: every response × its dialogue's subset metrics. */
export async function insertCorpus(tx: Tx, projectId: number, plan: CorpusPlan): Promise<CorpusCounts> {
  const before = await countCorpus(tx, projectId);
  const c = plan.characters;
  await tx.execute(sql`
    insert into characters (project_id, name, novel_name, profile_json)
    select ${projectId}, t.name, t.novel, t.profile
    from unnest(${texts(c.map((x) => x.name))}::text[], ${texts(c.map((x) => x.novelName))}::text[], ${texts(c.map((x) => x.profileJson))}::text[]) as t(name, novel, profile)
    on conflict do nothing`);

  const d = plan.dialogues;
  const noRole = await missing(
    tx,
    sql`
    select distinct t.role as name from unnest(${texts(d.map((x) => x.role))}::text[]) as t(role)
    where not exists (select 1 from characters c where c.project_id = ${projectId} and c.name = t.role)`,
  );
  if (noRole.length)
    throw badRequest(
      `No profile for the role(s) ${noRole
        .slice(0, 5)
        .map((r) => JSON.stringify(r))
        .join(", ")}`,
      "role",
    );
  await tx.execute(sql`
    insert into dialogues (project_id, external_id, character_id, novel_name, context, position)
    select ${projectId}, t.ext, c.id, t.novel, t.context,
           coalesce((select max(position) from dialogues where project_id = ${projectId}), -1) + t.ord
    from unnest(${texts(d.map((x) => x.externalId))}::text[], ${texts(d.map((x) => x.role))}::text[],
                ${texts(d.map((x) => x.novelName))}::text[], ${texts(d.map((x) => x.context))}::text[])
         with ordinality as t(ext, role, novel, context, ord)
    join characters c on c.project_id = ${projectId} and c.name = t.role
    order by t.ord
    on conflict do nothing`);
  await refreshStats(tx, "dialogues", d.length);

  const subExt = plan.subsets.flatMap((x) => x.metrics.map(() => x.externalId));
  const subKey = plan.subsets.flatMap((x) => x.metrics);
  const subPos = plan.subsets.flatMap((x) => x.metrics.map((_, i) => i));
  const badSubset = await missing(
    tx,
    sql`
    select t.ext || ' / ' || t.key as name from unnest(${texts(subExt)}::text[], ${texts(subKey)}::text[]) as t(ext, key)
    where not exists (select 1 from dialogues d where d.project_id = ${projectId} and d.external_id = t.ext)
       or not exists (select 1 from metrics m where m.project_id = ${projectId} and m.key = t.key)`,
  );
  if (badSubset.length) throw badRequest(`Unknown dialogue or metric in the metric subsets: ${badSubset.slice(0, 5).join(", ")}`, "metric");
  await tx.execute(sql`
    insert into dialogue_metrics (project_id, dialogue_id, metric_id, position)
    select ${projectId}, d.id, m.id, t.pos
    from unnest(${texts(subExt)}::text[], ${texts(subKey)}::text[], ${ints(subPos)}::int[]) as t(ext, key, pos)
    join dialogues d on d.project_id = ${projectId} and d.external_id = t.ext
    join metrics m on m.project_id = ${projectId} and m.key = t.key
    on conflict do nothing`);
  await refreshStats(tx, "dialogue_metrics", subExt.length);

  const r = plan.responses;
  const modelNames = [...new Set(r.map((x) => x.model))];
  await tx.execute(sql`
    insert into models (project_id, name) select ${projectId}, t.name from unnest(${texts(modelNames)}::text[]) as t(name)
    on conflict do nothing`);
  const noDialogue = await missing(
    tx,
    sql`
    select distinct t.ext as name from unnest(${texts(r.map((x) => x.externalId))}::text[]) as t(ext)
    where not exists (select 1 from dialogues d where d.project_id = ${projectId} and d.external_id = t.ext)`,
  );
  if (noDialogue.length) throw badRequest(`Responses for unknown dialogue id(s) ${noDialogue.slice(0, 5).join(", ")}`, "dialogue_id");
  await tx.execute(sql`
    insert into responses (project_id, dialogue_id, model_id, text, scored_text, position)
    select ${projectId}, d.id, m.id, t.text, t.scored,
           coalesce((select max(position) from responses where project_id = ${projectId}), -1) + t.ord
    from unnest(${texts(r.map((x) => x.externalId))}::text[], ${texts(r.map((x) => x.model))}::text[],
                ${texts(r.map((x) => x.text))}::text[], ${texts(r.map((x) => x.scoredText))}::text[])
         with ordinality as t(ext, model, text, scored, ord)
    join dialogues d on d.project_id = ${projectId} and d.external_id = t.ext
    join models m on m.project_id = ${projectId} and m.name = t.model
    on conflict do nothing`);
  await refreshStats(tx, "responses", r.length);
  await createUnits(tx, projectId);
  const after = await countCorpus(tx, projectId);
  return {
    characters: after.characters - before.characters,
    dialogues: after.dialogues - before.dialogues,
    subset_metrics: after.subset_metrics - before.subset_metrics,
    responses: after.responses - before.responses,
    units: after.units - before.units,
  };
}

/** Units for every (response, subset metric) that has none yet, numbered in dialogue import order; in a
 *  pairwise project, for every (comparison, subset metric) instead (services/pairwise/comparisons). */
export async function createUnits(tx: DbOrTx, projectId: number) {
  const [project] = await queryRows<PairSettings & { mode: string }>(
    tx,
    sql`select id, mode, pair_design as "pairDesign", pair_reference_model as "pairReferenceModel", pair_target as "pairTarget",
               planner_seed as "plannerSeed" from projects where id = ${projectId}`,
  );
  if (project?.mode === "pairwise") return createComparisonUnits(tx, project);
  await tx.execute(sql`
    insert into units (project_id, response_id, dialogue_id, metric_id, position)
    select r.project_id, r.id, r.dialogue_id, dm.metric_id,
           coalesce((select max(position) from units where project_id = ${projectId}), -1)
             + row_number() over (order by d.position, r.position, dm.position)
    from responses r
    join dialogues d on d.id = r.dialogue_id
    join dialogue_metrics dm on dm.dialogue_id = r.dialogue_id
    where r.project_id = ${projectId}
      and not exists (select 1 from units u where u.response_id = r.id and u.metric_id = dm.metric_id)
    on conflict do nothing`);
}

export async function countCorpus(db: DbOrTx, projectId: number): Promise<CorpusCounts> {
  const { characters, dialogues, subset_metrics, responses, units } = await projectStats(db, projectId);
  return { characters, dialogues, subset_metrics, responses, units };
}
