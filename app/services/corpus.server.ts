import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client";
import { queryRows } from "#db/sql";
import { characters, dialogueMetrics, dialogues, metrics, models, responses } from "#db/schema";
import { badRequest } from "~/lib/errors";

/** A validated corpus ready to write: what an import (or the demo seed) produces. */
export type CorpusPlan = {
  characters: { name: string; novelName: string; profileJson: string }[];
  dialogues: { externalId: string; role: string; novelName: string; context: string }[];
  subsets: { externalId: string; metrics: string[] }[];
  responses: { externalId: string; model: string; text: string; scoredText: string }[];
};

export type CorpusCounts = { characters: number; dialogues: number; subset_metrics: number; responses: number; units: number };

const CHUNK = 2000;
async function insertChunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

async function idMap(db: DbOrTx, q: Promise<{ key: string; id: number }[]>) {
  return new Map((await q).map((r) => [r.key, r.id]));
}

/** Writes a corpus into a project inside the caller's transaction. Rows that already exist (same
 *  character name, dialogue id, model, response, subset) are left as they are, so a re-import of the
 *  same files changes nothing. Units are derived in SQL: every response × its dialogue's subset metrics. */
export async function insertCorpus(tx: Tx, projectId: number, plan: CorpusPlan): Promise<CorpusCounts> {
  const before = await countCorpus(tx, projectId);
  await insertChunked(plan.characters, (chunk) =>
    tx.insert(characters).values(chunk.map((c) => ({ projectId, ...c }))).onConflictDoNothing(),
  );
  const charIds = await idMap(tx, tx.select({ key: characters.name, id: characters.id }).from(characters).where(eq(characters.projectId, projectId)));
  const [{ max }] = await queryRows<{ max: number | null }>(tx, sql`select max(position) as max from dialogues where project_id = ${projectId}`);
  const offset = Number(max ?? -1) + 1;
  await insertChunked(
    plan.dialogues.map((d, i) => {
      const characterId = charIds.get(d.role);
      if (characterId === undefined) throw badRequest(`Dialogue ${d.externalId}: no profile for the role "${d.role}"`, "role");
      return { projectId, externalId: d.externalId, characterId, novelName: d.novelName, context: d.context, position: offset + i };
    }),
    (chunk) => tx.insert(dialogues).values(chunk).onConflictDoNothing(),
  );
  const dialogueIds = await idMap(tx, tx.select({ key: dialogues.externalId, id: dialogues.id }).from(dialogues).where(eq(dialogues.projectId, projectId)));
  const metricIds = await idMap(tx, tx.select({ key: metrics.key, id: metrics.id }).from(metrics).where(eq(metrics.projectId, projectId)));
  const dialogueId = (ext: string) => {
    const id = dialogueIds.get(ext);
    if (id === undefined) throw badRequest(`Unknown dialogue id ${ext}`, "dialogue_id");
    return id;
  };
  const subsetRows = plan.subsets.flatMap((s) =>
    s.metrics.map((key, position) => {
      const metricId = metricIds.get(key);
      if (metricId === undefined) throw badRequest(`Dialogue ${s.externalId}: the metric "${key}" is not in this project's metric set`, "metric");
      return { projectId, dialogueId: dialogueId(s.externalId), metricId, position };
    }),
  );
  await insertChunked(subsetRows, (chunk) => tx.insert(dialogueMetrics).values(chunk).onConflictDoNothing());

  const modelNames = [...new Set(plan.responses.map((r) => r.model))];
  if (modelNames.length) await tx.insert(models).values(modelNames.map((name) => ({ projectId, name }))).onConflictDoNothing();
  const modelIds = modelNames.length
    ? await idMap(tx, tx.select({ key: models.name, id: models.id }).from(models).where(and(eq(models.projectId, projectId), inArray(models.name, modelNames))))
    : new Map<string, number>();
  const [{ rmax }] = await queryRows<{ rmax: number | null }>(tx, sql`select max(position) as rmax from responses where project_id = ${projectId}`);
  const roffset = Number(rmax ?? -1) + 1;
  await insertChunked(
    plan.responses.map((r, i) => ({
      projectId,
      dialogueId: dialogueId(r.externalId),
      modelId: modelIds.get(r.model)!,
      text: r.text,
      scoredText: r.scoredText,
      position: roffset + i,
    })),
    (chunk) => tx.insert(responses).values(chunk).onConflictDoNothing(),
  );
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

/** Units for every (response, subset metric) that has none yet, numbered in dialogue import order. */
export async function createUnits(tx: DbOrTx, projectId: number) {
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
  const [row] = await queryRows<Record<keyof CorpusCounts, string | number>>(
    db,
    sql`select
      (select count(*) from characters where project_id = ${projectId}) as characters,
      (select count(*) from dialogues where project_id = ${projectId}) as dialogues,
      (select count(*) from dialogue_metrics where project_id = ${projectId}) as subset_metrics,
      (select count(*) from responses where project_id = ${projectId}) as responses,
      (select count(*) from units where project_id = ${projectId}) as units`,
  );
  return {
    characters: Number(row.characters),
    dialogues: Number(row.dialogues),
    subset_metrics: Number(row.subset_metrics),
    responses: Number(row.responses),
    units: Number(row.units),
  };
}
