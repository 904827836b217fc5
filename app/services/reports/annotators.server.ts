// `report annotators` (product.md §9) and the quality page's data, from one snapshot of the project's
// on-time ratings, cached by the project's data stamp like the other reports (cache.server.ts). The bulk
// columns come back as packed binary, one bytea per column and annotator: PostgreSQL does no text
// conversion and the server no parsing (decision 019).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { numbering, unitIndexer } from "~/domain/reports/data";
import { annotatorStats, type AnnotatorColumns, type AnnotatorStats, goldAccuracySeries } from "~/domain/stats/annotators";
import { dataStamp, readReportCache, writeReportCache } from "./cache.server";
import { inOneSnapshot } from "./load.server";
import { pageRange, ratingRanges, readPacked } from "./packed.server";

export type AnnotatorsReport = { project: string; annotators: AnnotatorStats[] };

/** What the quality page shows beside the report's row: counts the report does not carry, the accuracy
 *  sparkline, and the score distribution per metric (counts per scale point, scale_min first). */
export type QualityRow = AnnotatorStats & {
  user_id: string;
  skips: number;
  flags: number;
  paused: boolean;
  paused_reason: string | null;
  accuracy_series: number[];
  distribution: Record<string, number[]>;
};
export type QualityPage = {
  project: string;
  metrics: { key: string; min: number; max: number }[];
  /** the whole project's distribution per metric */
  distribution: Record<string, number[]>;
  annotators: QualityRow[];
};

type Loaded = {
  version: number;
  columns: AnnotatorColumns;
  people: { id: string; email: string }[];
  unitMetric: Int32Array;
  metrics: QualityPage["metrics"];
};

/** One annotator's ratings in one range of the table: big-endian int8 unit ids, int2 scores, int8
 *  seconds, int8 task ids and int4 active milliseconds (−1 for none), in the same order. */
type RaterRow = {
  annotator_id: string;
  email: string;
  n: number;
  unit: Uint8Array;
  score: Uint8Array;
  created: Uint8Array;
  task: Uint8Array;
  active: Uint8Array;
};
/** The project's units packed like the ratings: int8 ids, int8 response ids (−comparison id for a
 *  pairwise unit), int4 metric ids; null lists when it has none. */
type UnitsRow = { n: number; id: Uint8Array | null; response: Uint8Array | null; metric: Uint8Array | null; tolerance: number | null };
type Head = {
  version: number;
  metrics: { id: number; key: string; scale_min: number; scale_max: number }[];
  units: UnitsRow;
  gold: { unit_id: number; expected_score: number; tolerance: number }[];
  members: { id: string; email: string }[];
};

/** How many reads share the ratings, each over its own range of the table's pages: PostgreSQL scans
 *  and packs each on its own core while this process receives the others. */
const RATING_PARTS = 3;

/**
 * The on-time ratings on pages starts[part] up to starts[part + 1] (to the end for the last part), one
 * row per annotator with one packed column each, in the same order (one aggregate pass, no text).
 * Times travel as whole seconds, rounded as `extract(epoch …)::bigint` rounds them (date_part's double
 * is far cheaper than extract's numeric, and exact to the microsecond at these magnitudes). An annotator
 * whose ratings span two ranges comes back once from each.
 */
export function ratingsQuery(projectId: number, starts: number[], part: number) {
  return sql`select a.*, us.email from users us join (
          select r.annotator_id, count(*)::int as n,
                 string_agg(int8send(r.unit_id), ''::bytea) as unit,
                 string_agg(int2send(r.score::int2), ''::bytea) as score,
                 string_agg(int8send(floor(date_part('epoch', r.created_at) + 0.5)::bigint), ''::bytea) as created,
                 string_agg(int8send(coalesce(r.task_id, -1)), ''::bytea) as task,
                 string_agg(int4send(coalesce(r.active_ms, -1)), ''::bytea) as active
          from ratings r where r.project_id = ${projectId} and not r.late ${pageRange("r", starts, part)} group by r.annotator_id) a on a.annotator_id = us.id`;
}

async function readHead(tx: DbOrTx, projectId: number): Promise<Head> {
  const [{ version }] = await queryRows<{ version: string | number }>(tx, sql`select ${dataStamp(projectId)} as version`);
  const metrics = await queryRows<Head["metrics"][number]>(
    tx,
    sql`select id, key, scale_min, scale_max from metrics where project_id = ${projectId} order by position, id`,
  );
  const [units] = await queryRows<UnitsRow>(
    tx,
    sql`select count(*)::int as n, string_agg(int8send(u.id), ''::bytea) as id, string_agg(int8send(u.response_id), ''::bytea) as response,
               string_agg(int4send(u.metric_id), ''::bytea) as metric, (select gold_tolerance from projects where id = ${projectId}) as tolerance
        from units u where u.project_id = ${projectId}`,
  );
  const gold = await queryRows<Head["gold"][number]>(
    tx,
    sql`select g.unit_id, g.expected_score, coalesce(g.tolerance, p.gold_tolerance) as tolerance
        from gold_units g join units u on u.id = g.unit_id join projects p on p.id = u.project_id where u.project_id = ${projectId}`,
  );
  // every annotator member, rated or not (a row of zeros is news too)
  const members = await queryRows<{ id: string; email: string }>(
    tx,
    sql`select us.id, us.email from project_members m join users us on us.id = m.user_id
        where m.project_id = ${projectId} and m.role = 'annotator'`,
  );
  return { version: Number(version), metrics, units, gold, members };
}

/** The reads' results as the statistics' columns, annotators by e-mail (case-insensitive, then id). */
function assemble(head: Head, raterParts: RaterRow[][]): Loaded {
  const metricIndex = new Map(head.metrics.map((m, i) => [Number(m.id), i]));
  const n = Number(head.units.n);
  const none = new Uint8Array(0);
  const ids = readPacked(head.units.id ?? none, n, 8, new Float64Array(n));
  const unitResponse = numbering(readPacked(head.units.response ?? none, n, 8, new Float64Array(n)));
  const metricIds = readPacked(head.units.metric ?? none, n, 4, new Float64Array(n));
  const unitMetric = new Int32Array(n);
  for (let i = 0; i < n; i++) unitMetric[i] = metricIndex.get(metricIds[i]) ?? -1;
  const indexOf = unitIndexer(ids);
  const goldReference = new Float64Array(n).fill(NaN);
  const goldTolerance = new Float64Array(n).fill(head.units.tolerance === null ? NaN : Number(head.units.tolerance));
  for (const g of head.gold) {
    const u = indexOf(Number(g.unit_id));
    if (u < 0) continue;
    goldReference[u] = Number(g.expected_score);
    goldTolerance[u] = Number(g.tolerance);
  }

  const raters = new Map<string, { id: string; email: string; rows: RaterRow[]; n: number }>();
  const rater = (id: string, email: string) => {
    let r = raters.get(id);
    if (!r) raters.set(id, (r = { id, email, rows: [], n: 0 }));
    return r;
  };
  for (const m of head.members) rater(m.id, m.email);
  for (const part of raterParts)
    for (const row of part) {
      const r = rater(row.annotator_id, row.email);
      r.rows.push(row);
      r.n += Number(row.n);
    }
  const people = [...raters.values()].sort((x, y) =>
    x.email.toLowerCase() < y.email.toLowerCase() ? -1 : x.email.toLowerCase() > y.email.toLowerCase() ? 1 : x.id < y.id ? -1 : 1,
  );
  const total = people.reduce((t, p) => t + p.n, 0);
  const columns: AnnotatorColumns = {
    annotators: people.map((p) => p.email),
    start: new Int32Array(people.length + 1),
    unit: new Int32Array(total),
    score: new Float64Array(total),
    createdMs: new Float64Array(total),
    task: new Float64Array(total),
    activeMs: new Float64Array(total),
    unitCount: n,
    unitResponse,
    goldReference,
    goldTolerance,
  };
  // each annotator's ranges straight into the columns, one after another; a rating of a unit the project
  // no longer has (none, in practice) is dropped by moving the rest up
  const unitIds = new Float64Array(Math.max(0, ...raterParts.flatMap((part) => part.map((row) => Number(row.n)))));
  let k = 0;
  people.forEach(({ rows }, a) => {
    columns.start[a] = k;
    for (const row of rows) {
      const count = Number(row.n);
      readPacked(row.unit, count, 8, unitIds);
      readPacked(row.score, count, 2, columns.score, k);
      readPacked(row.created, count, 8, columns.createdMs, k);
      readPacked(row.task, count, 8, columns.task, k, true);
      readPacked(row.active, count, 4, columns.activeMs, k, true);
      const from = k;
      for (let i = 0; i < count; i++) {
        const u = indexOf(unitIds[i]);
        if (u < 0) continue;
        if (k !== from + i) {
          columns.score[k] = columns.score[from + i];
          columns.createdMs[k] = columns.createdMs[from + i];
          columns.task[k] = columns.task[from + i];
          columns.activeMs[k] = columns.activeMs[from + i];
        }
        columns.unit[k] = u;
        columns.createdMs[k] *= 1000;
        k++;
      }
    }
  });
  columns.start[people.length] = k;
  if (k < total) {
    const trim = <T extends Float64Array | Int32Array>(x: T) => x.subarray(0, k) as T;
    Object.assign(columns, {
      unit: trim(columns.unit),
      score: trim(columns.score),
      createdMs: trim(columns.createdMs),
      task: trim(columns.task),
      activeMs: trim(columns.activeMs),
    });
  }
  return {
    version: head.version,
    columns,
    people: people.map((p) => ({ id: p.id, email: p.email })),
    unitMetric,
    metrics: head.metrics.map((m) => ({ key: m.key, min: Number(m.scale_min), max: Number(m.scale_max) })),
  };
}

/** The reads (in one snapshot, in parallel on PostgreSQL) and their assembly, timed apart for the benchmark. */
export async function loadAnnotatorPhases(db: DbOrTx, projectId: number, parts = RATING_PARTS) {
  const cpu = process.cpuUsage();
  let t = performance.now();
  const starts = await ratingRanges(db, parts);
  const [head, ...ranges] = await inOneSnapshot<[Head, ...RaterRow[][]]>(db, [
    (tx) => readHead(tx, projectId),
    ...starts.map((_, part) => (tx: DbOrTx) => queryRows<RaterRow>(tx, ratingsQuery(projectId, starts, part))),
  ]);
  const read = [performance.now() - t, cpuMs(process.cpuUsage(cpu))] as const;
  const cpu2 = process.cpuUsage();
  t = performance.now();
  const loaded = assemble(head, ranges);
  const phases: [string, number, number][] = [
    ["reads (SQL, transfer, received as bytea; in parallel)", ...read],
    ["decoding into columns", performance.now() - t, cpuMs(process.cpuUsage(cpu2))],
  ];
  return { loaded, phases };
}

const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000;

async function load(db: DbOrTx, projectId: number): Promise<Loaded> {
  return (await loadAnnotatorPhases(db, projectId)).loaded;
}

/** The per-metric score counts of ratings from..to (all of them when a is null). */
function distribution(l: Loaded, a: number | null): Record<string, number[]> {
  const out = l.metrics.map((m) => new Array<number>(m.max - m.min + 1).fill(0));
  const from = a === null ? 0 : l.columns.start[a];
  const to = a === null ? l.columns.score.length : l.columns.start[a + 1];
  for (let i = from; i < to; i++) {
    const m = l.unitMetric[l.columns.unit[i]];
    if (m < 0) continue;
    const slot = l.columns.score[i] - l.metrics[m].min;
    if (slot >= 0 && slot < out[m].length) out[m][slot]++;
  }
  return Object.fromEntries(l.metrics.map((m, i) => [m.key, out[i]]));
}

async function extras(db: DbOrTx, projectId: number) {
  const rows = await queryRows<{ user_id: string; skips: number; flags: number; paused: boolean | null; paused_reason: string | null }>(
    db,
    sql`select us.id as user_id,
          (select count(*)::int from skips s where s.project_id = ${projectId} and s.annotator_id = us.id) as skips,
          (select count(*)::int from flags f where f.project_id = ${projectId} and f.annotator_id = us.id) as flags,
          m.paused, m.paused_reason
        from users us left join project_members m on m.project_id = ${projectId} and m.user_id = us.id
        where exists (select 1 from ratings r where r.project_id = ${projectId} and r.annotator_id = us.id) or m.role = 'annotator'`,
  );
  return new Map(rows.map((r) => [r.user_id, r]));
}

function compute(
  slug: string,
  l: Loaded,
): {
  report: AnnotatorsReport;
  page: Omit<QualityPage, "annotators"> & { rows: (AnnotatorStats & { series: number[]; dist: Record<string, number[]> })[] };
} {
  const stats = annotatorStats(l.columns);
  return {
    report: { project: slug, annotators: stats },
    page: {
      project: slug,
      metrics: l.metrics,
      distribution: distribution(l, null),
      rows: stats.map((s, a) => ({ ...s, series: goldAccuracySeries(l.columns, a), dist: distribution(l, a) })),
    },
  };
}

type Cached = { report: AnnotatorsReport; page: ReturnType<typeof compute>["page"] & { user_ids: string[] } };

const inFlight = new Map<string, Promise<Cached>>();

async function cachedOrComputed(db: DbOrTx, project: { id: number; slug: string }): Promise<Cached> {
  const cached = await readReportCache(db, project.id, ["annotators"]);
  if (cached.bodies.annotators) return JSON.parse(cached.bodies.annotators) as Cached;
  const key = `${project.id}:${cached.version}`;
  let p = inFlight.get(key);
  if (!p) {
    p = (async () => {
      const l = await load(db, project.id);
      const { report, page } = compute(project.slug, l);
      const doc: Cached = { report, page: { ...page, user_ids: l.people.map((x) => x.id) } };
      await writeReportCache(db, project.id, l.version, { annotators: doc });
      return doc;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
  }
  return p;
}

/** `report annotators --json` and GET /api/projects/:slug/reports/annotators. */
export async function annotatorsReport(db: DbOrTx, project: { id: number; slug: string }): Promise<AnnotatorsReport> {
  return (await cachedOrComputed(db, project)).report;
}

/** The quality page: the report's rows with skips, flags, pause state, sparkline and distributions. */
export async function qualityPage(db: DbOrTx, project: { id: number; slug: string }): Promise<QualityPage> {
  const { page } = await cachedOrComputed(db, project);
  const more = await extras(db, project.id);
  return {
    project: page.project,
    metrics: page.metrics,
    distribution: page.distribution,
    annotators: page.rows.map(({ series, dist, ...s }, i) => {
      const x = more.get(page.user_ids[i]);
      return {
        ...s,
        user_id: page.user_ids[i],
        skips: Number(x?.skips ?? 0),
        flags: Number(x?.flags ?? 0),
        paused: Boolean(x?.paused),
        paused_reason: x?.paused_reason ?? null,
        accuracy_series: series,
        distribution: dist,
      };
    }),
  };
}

export type RecentRating = {
  dialogue_id: string;
  model: string;
  metric: string;
  score: number;
  reference: number | null;
  comment: string | null;
  late: boolean;
  created_at: string;
};

/** An annotator's latest ratings in the project (the quality page's click-through); a user who is not
 *  a rater of the project gets an empty list. */
export async function recentRatings(db: DbOrTx, projectId: number, userId: string, limit = 50): Promise<RecentRating[]> {
  const rows = await queryRows<RecentRating & { created_at: string | Date }>(
    db,
    sql`select d.external_id as dialogue_id, mo.name as model, m.key as metric, r.score, g.expected_score as reference, r.comment, r.late, r.created_at
        from ratings r join units u on u.id = r.unit_id join responses rs on rs.id = u.response_id join dialogues d on d.id = rs.dialogue_id
        join models mo on mo.id = rs.model_id join metrics m on m.id = u.metric_id left join gold_units g on g.unit_id = u.id
        where r.project_id = ${projectId} and r.annotator_id = ${userId}
        order by r.created_at desc, r.id desc limit ${limit}`,
  );
  return rows.map((r) => ({
    ...r,
    score: Number(r.score),
    reference: r.reference === null ? null : Number(r.reference),
    created_at: new Date(r.created_at).toISOString(),
  }));
}
