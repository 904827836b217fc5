// Gold units (product.md §9): a unit with a reference score and a tolerance, served to every annotator
// once, mixed into their queue at the project's gold_rate (db/functions/claim-gold.sql). Marking a unit
// gold parks its queue row outside the project's queue (unit_fill.project_id = -project): no normal
// claim reads it, so gold never counts toward k nor takes a normal unit's place, while submits, sweeps
// and releases keep its counts through the unit id as for any unit. units.is_gold mirrors gold_units
// (exports read either). Every change is one transaction and bumps the reports' data stamp.
import { sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "#db/client";
import { queryRows } from "#db/sql";
import { type ByteSource, DEFAULT_ERROR_LIMIT, ErrorList } from "~/domain/import";
import { parseGold } from "~/domain/import/gold";
import { keyedError, notFound } from "~/lib/errors";
import { ImportRejected } from "./import.server";
import { forgetGoldUnits } from "./quality/after-submit.server";
import { bumpRatingsVersion } from "./reports/cache.server";
import { corpusLookup } from "./reports/corpus-lookup.server";
import { requireScoringProject } from "./projects.server";

export type GoldReference = { unitId: number; score: number; tolerance: number | null };

/** Writes the reference of one unit (already checked against its scale) and parks its queue row. */
async function markIn(tx: Tx, projectId: number, g: GoldReference) {
  await tx.execute(sql`insert into gold_units (unit_id, project_id, expected_score, tolerance)
    values (${g.unitId}, ${projectId}, ${g.score}, ${g.tolerance})
    on conflict (unit_id) do update set expected_score = excluded.expected_score, tolerance = excluded.tolerance`);
  await tx.execute(sql`update units set is_gold = true where id = ${g.unitId} and project_id = ${projectId} and not is_gold`);
  await tx.execute(sql`update unit_fill set project_id = ${-projectId} where unit_id = ${g.unitId} and project_id = ${projectId}`);
}

/** The unit with its metric's scale, in the project, or a 404. */
async function unitInProject(db: DbOrTx, projectId: number, unitId: number) {
  if (!Number.isSafeInteger(unitId) || unitId <= 0) throw notFound("No such unit");
  const [u] = await queryRows<{ id: number; key: string; scale_min: number; scale_max: number }>(
    db,
    sql`select u.id, m.key, m.scale_min, m.scale_max from units u join metrics m on m.id = u.metric_id
        where u.id = ${unitId} and u.project_id = ${projectId}`,
  );
  if (!u) throw notFound("No such unit");
  return u;
}

function checkReference(u: { key: string; scale_min: number; scale_max: number }, score: number, tolerance: number | null) {
  if (!Number.isSafeInteger(score) || score < u.scale_min || score > u.scale_max)
    throw keyedError(400, "errors.goldScale", { metric: u.key, min: u.scale_min, max: u.scale_max }, "score");
  if (tolerance !== null && (!Number.isSafeInteger(tolerance) || tolerance < 0 || tolerance > 100))
    throw keyedError(400, "errors.goldTolerance", undefined, "tolerance");
}

/** Marks (or re-marks) a unit of the project gold with a reference score; tolerance null = the project's default. */
export async function markGold(db: Db, projectId: number, unitId: number, score: number, tolerance: number | null) {
  await requireScoringProject(db, projectId, "gold");
  const u = await unitInProject(db, projectId, unitId);
  checkReference(u, score, tolerance);
  await db.transaction(async (tx) => {
    await markIn(tx, projectId, { unitId, score, tolerance });
    await bumpRatingsVersion(tx, projectId);
  });
  forgetGoldUnits();
}

/** Makes a gold unit a normal one again: its queue row returns to the project's queue with counts
 *  recomputed from its ratings and open leases. */
export async function unmarkGold(db: Db, projectId: number, unitId: number) {
  await unitInProject(db, projectId, unitId);
  await db.transaction(async (tx) => {
    const gone = await queryRows(tx, sql`delete from gold_units where unit_id = ${unitId} and project_id = ${projectId} returning unit_id`);
    if (!gone.length) throw keyedError(404, "errors.notGold");
    await tx.execute(sql`update units set is_gold = false where id = ${unitId}`);
    await tx.execute(sql`update unit_fill f set project_id = ${projectId},
        rating_count = (select count(*)::int from ratings r where r.unit_id = f.unit_id),
        leases = (select count(*)::int from task_units tu join tasks t on t.id = tu.task_id where tu.unit_id = f.unit_id and t.status = 'leased')
      where f.unit_id = ${unitId}`);
    await bumpRatingsVersion(tx, projectId);
  });
  forgetGoldUnits();
}

/** Promotes an adjudicated unit to gold: its final score (the adjudication) becomes the reference. */
export async function promoteAdjudicated(db: Db, projectId: number, unitId: number, tolerance: number | null = null) {
  const u = await unitInProject(db, projectId, unitId);
  const [a] = await queryRows<{ score: number }>(
    db,
    sql`select score from adjudications where unit_id = ${unitId} and project_id = ${projectId}`,
  );
  if (!a) throw keyedError(409, "errors.noAdjudicatedScore");
  checkReference(u, Number(a.score), tolerance);
  await markGold(db, projectId, unitId, Number(a.score), tolerance);
  return { unitId, score: Number(a.score), tolerance };
}

/** The references of the given units that are gold (the dialogue page). */
export async function goldOfUnits(db: DbOrTx, projectId: number, unitIds: number[]): Promise<Map<number, GoldReference>> {
  if (!unitIds.length) return new Map();
  const rows = await queryRows<{ unit_id: number; expected_score: number; tolerance: number | null }>(
    db,
    sql`select unit_id, expected_score, tolerance from gold_units where project_id = ${projectId} and unit_id = any (${sql.param(unitIds)}::bigint[])`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.unit_id),
      { unitId: Number(r.unit_id), score: Number(r.expected_score), tolerance: r.tolerance === null ? null : Number(r.tolerance) },
    ]),
  );
}

export type GoldImportResult = { rows: number; written: number; unchanged: number; gold_units: number };

/** `import gold`: CSV/JSONL of dialogue_id, model, metric, score[, tolerance]; all or nothing — any bad
 *  record (unknown unit, score off the scale, a unit twice) and nothing is written, each error naming
 *  its record and field. Re-importing the same file changes nothing. */
export async function importGold(db: Db, projectId: number, file: { source: ByteSource; name: string }): Promise<GoldImportResult> {
  await requireScoringProject(db, projectId, "gold");
  const parsed = await parseGold(file.source, { file: file.name });
  if (!parsed.ok) throw new ImportRejected(parsed.errors, parsed.errorsTruncated);
  const result = await db.transaction(async (tx) => {
    const lookup = await corpusLookup(tx, projectId);
    await lookup.loadUnits(tx);
    const errors = new ErrorList(DEFAULT_ERROR_LIMIT);
    const planned: GoldReference[] = [];
    await errors.capture(async () => {
      for (const row of parsed.rows) {
        const unitId = lookup.scoredUnit(row, errors);
        if (unitId !== null) planned.push({ unitId, score: row.score, tolerance: row.tolerance });
      }
    });
    if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);
    const current = new Map(
      (
        await queryRows<{ unit_id: string; expected_score: number; tolerance: number | null }>(
          tx,
          sql`select unit_id, expected_score, tolerance from gold_units where project_id = ${projectId}`,
        )
      ).map((g) => [Number(g.unit_id), g]),
    );
    let written = 0;
    for (const p of planned) {
      const c = current.get(p.unitId);
      if (c && Number(c.expected_score) === p.score && (c.tolerance === null ? null : Number(c.tolerance)) === p.tolerance) continue;
      await markIn(tx, projectId, p);
      written++;
    }
    if (written) await bumpRatingsVersion(tx, projectId);
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from gold_units where project_id = ${projectId}`);
    return { rows: planned.length, written, unchanged: planned.length - written, gold_units: Number(n) };
  });
  forgetGoldUnits();
  return result;
}
