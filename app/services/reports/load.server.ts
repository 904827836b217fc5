// Reads a project's report inputs in one consistent snapshot with a handful of queries. The bulk columns
// (units, ratings per annotator, judge scores per judge) come back as comma-separated text built by
// string_agg: a few long strings parse far faster, and in far less memory, than a million row objects.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { dataStamp } from "./cache.server";
import { groupRatings, parseNumberList, unitIndexer, type MetricInfo, type ReportData } from "~/domain/reports/data";

export type LoadedReportData = { version: number; data: ReportData };

type MetricRow = { id: number; key: string; dimension: string; scale_min: number; scale_max: number; higher_is_better: boolean };
type Head = { version: number; groupMode: boolean; metrics: MetricRow[]; models: { id: number; name: string }[] };

async function readHead(tx: DbOrTx, projectId: number): Promise<Head> {
  const [stamp] = await queryRows<{ version: string | number | null; group_mode: boolean | null }>(
    tx,
    sql`select ${dataStamp(projectId)} as version, (select group_mode from projects where id = ${projectId}) as group_mode`,
  );
  const metrics = await queryRows<MetricRow>(
    tx,
    sql`select id, key, dimension, scale_min, scale_max, higher_is_better from metrics where project_id = ${projectId} order by position, id`,
  );
  const models = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select id, name from models where project_id = ${projectId} order by id`,
  );
  return { version: Number(stamp?.version ?? 0), groupMode: !!stamp?.group_mode, metrics, models };
}

async function readUnits(tx: DbOrTx, projectId: number) {
  const [units] = await queryRows<{ s: string | null }>(
    tx,
    sql`select string_agg(u.id || ',' || u.metric_id || ',' || r.model_id || ',' || coalesce(a.score::text, ''), ',' order by u.id) as s
        from units u
        join responses r on r.id = u.response_id
        left join adjudications a on a.unit_id = u.id and a.project_id = ${projectId}
        where u.project_id = ${projectId}`,
  );
  return parseNumberList(units?.s);
}

/** Ratings annotator by annotator (sorted by e-mail), as "unit_id,score,…" per annotator, with the
 *  annotator's group in the project (group mode's between-group agreement). */
function readRatings(tx: DbOrTx, projectId: number) {
  return queryRows<RaterRow>(
    tx,
    sql`select us.email, pm.group_name, a.s
        from (select annotator_id, string_agg(unit_id || ',' || score, ',') as s
              from ratings where project_id = ${projectId} group by annotator_id) a
        join users us on us.id = a.annotator_id
        left join project_members pm on pm.project_id = ${projectId} and pm.user_id = a.annotator_id
        order by lower(us.email), us.id`,
  );
}

function readJudges(tx: DbOrTx, projectId: number) {
  return queryRows<{ name: string; s: string | null }>(
    tx,
    sql`select j.name, s.s from judges j
        left join (select judge_id, string_agg(unit_id || ',' || score, ',') as s
                   from judge_scores where project_id = ${projectId} group by judge_id) s on s.judge_id = j.id
        where j.project_id = ${projectId} order by j.name`,
  );
}

type RaterRow = { email: string; group_name: string | null; s: string };

const READ_ONLY = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

/** postgres.js with room in its pool (PGlite has one connection): the only case where reads can overlap. */
function isPool(db: DbOrTx) {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (typeof client !== "function") return false;
  return ((client as { options?: { max?: number } }).options?.max ?? 10) >= 6;
}

let parallelLoads = 0;

/**
 * Runs the reads in one snapshot and returns their results in order. On PostgreSQL they run on separate
 * connections at the same time (at most four), sharing the snapshot the first exports (SET TRANSACTION
 * SNAPSHOT); elsewhere one after another in one transaction.
 */
export async function inOneSnapshot<T extends unknown[]>(db: DbOrTx, reads: { [K in keyof T]: (tx: DbOrTx) => Promise<T[K]> }): Promise<T> {
  const [first, ...rest] = reads as ((tx: DbOrTx) => Promise<unknown>)[];
  // at most two loads hold 4 connections each at a time, so exporters can never wait on a full pool
  if (!isPool(db) || parallelLoads >= 2 || reads.length > 4) {
    return db.transaction(async (tx) => {
      const out: unknown[] = [];
      for (const read of reads as ((tx: DbOrTx) => Promise<unknown>)[]) out.push(await read(tx));
      return out as T;
    }, READ_ONLY);
  }
  parallelLoads++;
  let share!: (id: string) => void;
  let fail!: (e: unknown) => void;
  const snapshot = new Promise<string>((resolve, reject) => ((share = resolve), (fail = reject)));
  const imported: Promise<unknown>[] = [];
  const joined = <R>(read: (tx: DbOrTx) => Promise<R>) => {
    let done!: () => void;
    imported.push(new Promise<void>((resolve) => (done = resolve)));
    return snapshot.then((id) =>
      db.transaction(async (tx) => {
        try {
          await tx.execute(sql.raw(`set transaction snapshot '${id}'`));
        } finally {
          done();
        }
        return read(tx);
      }, READ_ONLY),
    );
  };
  const others = rest.map(joined);
  const exporter = db
    .transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(tx, sql`select pg_export_snapshot() as id`);
      if (!/^[0-9A-F-]+$/i.test(row.id)) throw new Error(`unexpected snapshot id ${row.id}`);
      share(row.id);
      const result = await first(tx);
      await Promise.all(imported); // keep the exporting transaction open until every reader has joined
      return result;
    }, READ_ONLY)
    .catch((e) => {
      fail(e);
      throw e;
    });
  return Promise.all([exporter, ...others]).finally(() => parallelLoads--) as unknown as Promise<T>;
}

/** The four reads in one snapshot; the ratings, the largest, export it. */
async function readAll(db: DbOrTx, projectId: number) {
  const [ratings, head, units, judges] = await inOneSnapshot<[RaterRow[], Head, Float64Array, { name: string; s: string | null }[]]>(db, [
    (tx) => readRatings(tx, projectId),
    (tx) => readHead(tx, projectId),
    (tx) => readUnits(tx, projectId),
    (tx) => readJudges(tx, projectId),
  ]);
  return [head, units, ratings, judges] as const;
}

export async function loadReportData(db: DbOrTx, projectId: number): Promise<LoadedReportData> {
  const [head, unitFields, raterRows, judgeRows] = await readAll(db, projectId);
  const data = assemble(head.metrics, head.models, judgeRows, unitFields, raterRows);
  return { version: head.version, data: head.groupMode ? { ...data, ...annotatorGroups(raterRows) } : data };
}

/** The sorted group names and each annotator's group index (−1: none), in the annotators' order. */
function annotatorGroups(raterRows: RaterRow[]) {
  const groups = [...new Set(raterRows.flatMap((r) => (r.group_name ? [r.group_name] : [])))].sort();
  const index = new Map(groups.map((g, i) => [g, i]));
  return { groups, annotatorGroup: Int32Array.from(raterRows, (r) => (r.group_name ? index.get(r.group_name)! : -1)) };
}

function assemble(
  metricRows: MetricRow[],
  modelRows: { id: number; name: string }[],
  judgeRows: { name: string; s: string | null }[],
  unitFields: Float64Array,
  raterRows: RaterRow[],
): ReportData {
  const metricIndex = new Map(metricRows.map((m, i) => [Number(m.id), i]));
  const modelIndex = new Map(modelRows.map((m, i) => [Number(m.id), i]));
  const unitCount = unitFields.length / 4;
  const unitIds = new Float64Array(unitCount);
  const unitMetric = new Int32Array(unitCount);
  const unitModel = new Int32Array(unitCount);
  const adjudicated = new Float64Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    unitIds[u] = unitFields[4 * u];
    unitMetric[u] = metricIndex.get(unitFields[4 * u + 1]) ?? 0;
    unitModel[u] = modelIndex.get(unitFields[4 * u + 2]) ?? 0;
    adjudicated[u] = unitFields[4 * u + 3];
  }

  // ratings arrive annotator by annotator (sorted by e-mail): concatenate the columns
  const perRater = raterRows.map((r) => parseNumberList(r.s));
  const total = perRater.reduce((n, f) => n + f.length / 2, 0);
  const ratingUnit = new Float64Array(total);
  const ratingScore = new Float64Array(total);
  const ratingAnnotator = new Int32Array(total);
  let at = 0;
  perRater.forEach((fields, a) => {
    for (let i = 0; i < fields.length; i += 2, at++) {
      ratingUnit[at] = fields[i];
      ratingScore[at] = fields[i + 1];
      ratingAnnotator[at] = a;
    }
  });
  const grouped = groupRatings(unitIds, { unitId: ratingUnit, annotator: ratingAnnotator, score: ratingScore });

  const indexOf = unitIndexer(unitIds);
  const judgeScore = judgeRows.map((j) => {
    const scores = new Float64Array(unitCount).fill(NaN);
    const fields = parseNumberList(j.s);
    for (let i = 0; i < fields.length; i += 2) {
      const u = indexOf(fields[i]);
      if (u >= 0) scores[u] = fields[i + 1];
    }
    return scores;
  });

  const metrics: MetricInfo[] = metricRows.map((m) => ({
    key: m.key,
    dimension: m.dimension,
    scaleMin: Number(m.scale_min),
    scaleMax: Number(m.scale_max),
    higherIsBetter: !!m.higher_is_better,
  }));
  return {
    metrics,
    models: modelRows.map((m) => m.name),
    annotators: raterRows.map((r) => r.email),
    judges: judgeRows.map((j) => j.name),
    unitCount,
    unitIds,
    unitMetric,
    unitModel,
    adjudicated,
    ...grouped,
    judgeScore,
  };
}
