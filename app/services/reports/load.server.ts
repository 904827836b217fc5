// Reads a project's report inputs in one consistent snapshot with a handful of queries. The bulk columns
// (units, ratings per annotator, judge scores per judge) come back as packed binary, one bytea per column
// (decision 019), and go straight into typed arrays on shared memory: no text, and no object per rating.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { dataStamp } from "./cache.server";
import { int8At, packedView, pageRange, ratingRanges, sharedFloat64, sharedInt32 } from "./packed.server";
import { unitIndexer, type MetricInfo, type ReportData } from "~/domain/reports/data";

export type LoadedReportData = { version: number; data: ReportData };

type MetricRow = { id: number; key: string; dimension: string; scale_min: number; scale_max: number; higher_is_better: boolean };
/** The raters in report order (e-mail, case-insensitive as the database compares, then id), with their group. */
type RaterRow = { id: string; email: string; group_name: string | null };
/** The units in id order, in chunks of at most 65,536 ids, 24 bytes each: int8 id, int4 metric id, int4
 *  model id, float8 adjudicated score (NaN: none). */
type UnitsRow = { n: number; packed: Uint8Array };
/** A judge's scores on a chunk of units: int8 unit ids and float8 scores, in the same order. */
type JudgeRow = { judge_id: number; n: number; unit: Uint8Array; score: Uint8Array };
type Head = {
  version: number;
  groupMode: boolean;
  metrics: MetricRow[];
  models: { id: number; name: string }[];
  raters: RaterRow[];
  units: UnitsRow[];
  judges: { id: number; name: string }[];
  judgeScores: JudgeRow[];
};
/** One annotator's ratings in one range of the table's pages: int8 unit ids and int2 scores. */
type RatingsRow = { annotator_id: string; n: number; unit: Uint8Array | null; score: Uint8Array };

/** Units per row of the unit and judge reads: every message stays a few megabytes, which the driver
 *  receives (and keeps as its buffer) far more cheaply than one message of the whole column. */
const chunk = sql.raw(String(65536));

/** How many reads share the ratings, each over its own range of the table's pages (as the annotators report). */
const RATING_PARTS = 3;

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
  // one index probe per user (offset 0 keeps the planner from turning it into a scan of every rating)
  const raters = await queryRows<RaterRow>(
    tx,
    sql`select us.id, us.email, pm.group_name from users us
        left join project_members pm on pm.project_id = ${projectId} and pm.user_id = us.id
        where exists (select 1 from ratings r where r.project_id = ${projectId} and r.annotator_id = us.id offset 0)
        order by lower(us.email), us.id`,
  );
  const units = await queryRows<UnitsRow>(
    tx,
    sql`select count(*)::int as n,
               string_agg(int8send(u.id) || int4send(u.metric_id) || int4send(r.model_id) || float8send(coalesce(a.score::float8, 'NaN')), ''::bytea order by u.id) as packed
        from units u
        join responses r on r.id = u.response_id
        left join adjudications a on a.unit_id = u.id and a.project_id = ${projectId}
        where u.project_id = ${projectId}
        group by u.id / ${chunk} order by u.id / ${chunk}`,
  );
  const judges = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select id, name from judges where project_id = ${projectId} order by name`,
  );
  const judgeScores = await queryRows<JudgeRow>(
    tx,
    sql`select judge_id, count(*)::int as n, string_agg(int8send(unit_id), ''::bytea) as unit, string_agg(float8send(score), ''::bytea) as score
        from judge_scores where project_id = ${projectId} group by judge_id, unit_id / ${chunk}`,
  );
  return { version: Number(stamp?.version ?? 0), groupMode: !!stamp?.group_mode, metrics, models, raters, units, judges, judgeScores };
}

function readRatings(tx: DbOrTx, projectId: number, starts: number[], part: number) {
  return queryRows<RatingsRow>(
    tx,
    sql`select r.annotator_id, count(*)::int as n, string_agg(int8send(r.unit_id), ''::bytea) as unit, string_agg(int2send(r.score::int2), ''::bytea) as score
        from ratings r where r.project_id = ${projectId} ${pageRange("r", starts, part)} group by r.annotator_id`,
  );
}

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

/** The head (with units and judges) and the ratings in parts, in one snapshot. */
async function readAll(db: DbOrTx, projectId: number) {
  const starts = await ratingRanges(db, RATING_PARTS);
  const [head, ...parts] = await inOneSnapshot<[Head, ...RatingsRow[][]]>(db, [
    (tx) => readHead(tx, projectId),
    ...starts.map((_, part) => (tx: DbOrTx) => readRatings(tx, projectId, starts, part)),
  ]);
  return { head, parts };
}

export async function loadReportData(db: DbOrTx, projectId: number): Promise<LoadedReportData> {
  const { head, parts } = await readAll(db, projectId);
  const data = assemble(head, parts);
  return { version: head.version, data: head.groupMode ? { ...data, ...annotatorGroups(head.raters) } : data };
}

/** The sorted group names and each annotator's group index (−1: none), in the annotators' order. */
function annotatorGroups(raters: RaterRow[]) {
  const groups = [...new Set(raters.flatMap((r) => (r.group_name ? [r.group_name] : [])))].sort();
  const index = new Map(groups.map((g, i) => [g, i]));
  return { groups, annotatorGroup: Int32Array.from(raters, (r) => (r.group_name ? index.get(r.group_name)! : -1)) };
}

function assemble(head: Head, parts: RatingsRow[][]): ReportData {
  const metricIndex = new Map(head.metrics.map((m, i) => [Number(m.id), i]));
  const modelIndex = new Map(head.models.map((m, i) => [Number(m.id), i]));
  const unitCount = head.units.reduce((n, row) => n + Number(row.n), 0);
  const unitIds = sharedFloat64(unitCount);
  const unitMetric = sharedInt32(unitCount);
  const unitModel = sharedInt32(unitCount);
  const adjudicated = sharedFloat64(unitCount);
  let u = 0;
  for (const row of head.units) {
    const view = packedView(row.packed, Number(row.n), 24);
    for (let o = 0; o < view.byteLength; u++, o += 24) {
      unitIds[u] = int8At(view, o);
      unitMetric[u] = metricIndex.get(view.getInt32(o + 8)) ?? 0;
      unitModel[u] = modelIndex.get(view.getInt32(o + 12)) ?? 0;
      adjudicated[u] = view.getFloat64(o + 16);
    }
  }
  const indexOf = unitIndexer(unitIds);
  const { start, score, annotator } = groupByUnit(head.raters, parts, indexOf, unitCount);

  const judgeIndex = new Map(head.judges.map((j, i) => [Number(j.id), i]));
  const judgeScore = head.judges.map(() => sharedFloat64(unitCount).fill(NaN));
  for (const row of head.judgeScores) {
    const scores = judgeScore[judgeIndex.get(Number(row.judge_id))!];
    const n = Number(row.n);
    const units = packedView(row.unit, n, 8);
    const values = packedView(row.score, n, 8);
    for (let i = 0; i < n; i++) {
      const at = indexOf(int8At(units, 8 * i));
      if (at >= 0) scores[at] = values.getFloat64(8 * i);
    }
  }

  const metrics: MetricInfo[] = head.metrics.map((m) => ({
    key: m.key,
    dimension: m.dimension,
    scaleMin: Number(m.scale_min),
    scaleMax: Number(m.scale_max),
    higherIsBetter: !!m.higher_is_better,
  }));
  return {
    metrics,
    models: head.models.map((m) => m.name),
    annotators: head.raters.map((r) => r.email),
    judges: head.judges.map((j) => j.name),
    unitCount,
    unitIds,
    unitMetric,
    unitModel,
    adjudicated,
    start,
    score,
    annotator,
    judgeScore,
  };
}

/**
 * The ratings grouped by unit (CSR), a unit's ratings in annotator order: a counting sort straight from
 * the packed parts. Each part's unit ids become unit indices first (half the bytes), then every rating is
 * placed, annotator by annotator. Ratings of units the project does not have are dropped.
 */
function groupByUnit(raters: RaterRow[], parts: RatingsRow[][], indexOf: (id: number) => number, unitCount: number) {
  const rank = new Map(raters.map((r, i) => [r.id, i]));
  const start = sharedInt32(unitCount + 1);
  const pieces = parts.flat().map((row) => {
    const a = rank.get(row.annotator_id);
    if (a === undefined) throw new Error(`report data: ratings of ${row.annotator_id}, who is not among the raters read`);
    const n = Number(row.n);
    const ids = packedView(row.unit, n, 8);
    const unitOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const u = indexOf(int8At(ids, 8 * i));
      unitOf[i] = u;
      if (u >= 0) start[u + 1]++;
    }
    row.unit = null; // the ids' bytes can go now
    return { a, n, unitOf, scores: packedView(row.score, n, 2) };
  });
  pieces.sort((p, q) => p.a - q.a); // stable: one annotator's parts keep their order
  for (let u = 0; u < unitCount; u++) start[u + 1] += start[u];
  const fill = start.slice(0, unitCount);
  const score = sharedFloat64(start[unitCount]);
  const annotator = sharedInt32(start[unitCount]);
  for (const { a, n, unitOf, scores } of pieces) {
    for (let i = 0; i < n; i++) {
      const u = unitOf[i];
      if (u < 0) continue;
      const at = fill[u]++;
      score[at] = scores.getInt16(2 * i);
      annotator[at] = a;
    }
  }
  return { start, score, annotator };
}
