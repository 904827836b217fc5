// Test-only helpers: run an export into a string, write ratings and adjudications straight into tables.
import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "#db/client";
import { adjudications, ratings } from "#db/schema";
import { queryRows } from "#db/sql";
import { parseExportKind, parseExportOptions, searchParamsSource } from "~/lib/forms/schemas/exports";
import { startExport, type ExportProject, type StartOptions } from "../run.server";

export async function exportText(
  project: ExportProject,
  kind: string,
  params: Record<string, string | string[]> = {},
  start: StartOptions = {},
) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  const options = parseExportOptions(parseExportKind(kind), searchParamsSource(q));
  const run = await startExport(await openDatabase(), project, options, start);
  let text = "";
  for await (const chunk of run.chunks) text += decodeChunk(chunk);
  return { text, count: run.count, records: run.records };
}

/** Chunks end at line ends, so each one decodes on its own. */
export const decodeChunk = (chunk: Uint8Array) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("utf8");

export const jsonLines = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

export type UnitRef = { id: number; dialogue: string; model: string; metric: string; character: string };

/** The project's units in import order with what identifies them. */
export async function listUnits(db: Db, projectId: number): Promise<UnitRef[]> {
  const rows = await queryRows<UnitRef>(
    db,
    sql`select u.id::int as id, d.external_id as dialogue, m.name as model, mt.key as metric, c.name as character
        from units u join dialogues d on d.id = u.dialogue_id join responses r on r.id = u.response_id
        join models m on m.id = r.model_id join metrics mt on mt.id = u.metric_id join characters c on c.id = d.character_id
        where u.project_id = ${projectId} order by u.position`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export type NewRating = { unitId: number; annotatorId: string; score: number; comment?: string | null; activeMs?: number | null };

export async function addRatings(db: Db, projectId: number, list: NewRating[]) {
  for (let i = 0; i < list.length; i += 2000) {
    await db.insert(ratings).values(list.slice(i, i + 2000).map((r) => ({ projectId, source: "import", ...r })));
  }
  await db.execute(sql`select rolecall_recount_fill(${projectId})`);
}

export async function adjudicate(db: Db, projectId: number, unitId: number, score: number) {
  await db.insert(adjudications).values({ projectId, unitId, score });
}
