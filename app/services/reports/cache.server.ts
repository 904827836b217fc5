// report_cache: one computed document per (project, kind), valid while the project's data stamp is the
// one it was computed at. The stamp is ratings_version (bumped by imports, judge imports, adjudications)
// plus the largest rating id of the project: the queue's submits add ratings without touching the project
// row (a hot row under many annotators), and a new rating always raises the largest id. Both parts only
// grow, so their sum changes whenever either does; a stale document is never served, and an older
// computation finishing late never overwrites a newer one.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";

export type CacheKind = "agreement" | "agreement_ci" | "judges" | "judges_points" | "leaderboard" | "annotators" | "pairwise";

/** The data stamp of a project as an SQL expression: the project row and one index probe on ratings. */
export const dataStamp = (projectId: number): SQL =>
  sql`((select ratings_version from projects where id = ${projectId}) + coalesce((select max(id) from ratings where project_id = ${projectId}), 0))`;

export type CacheLookup = { version: number; bodies: Partial<Record<CacheKind, string>> };

/** The project's current data stamp and the cached bodies of `kinds` that are valid for it. */
export async function readReportCache(db: DbOrTx, projectId: number, kinds: CacheKind[]): Promise<CacheLookup> {
  const rows = await queryRows<{ version: string | number; kind: string | null; body: string | null }>(
    db,
    sql`select s.version, c.kind, c.body
        from (select ${dataStamp(projectId)} as version) s
        left join report_cache c on c.project_id = ${projectId} and c.ratings_version = s.version
          and c.kind in (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})`,
  );
  const bodies: CacheLookup["bodies"] = {};
  for (const r of rows) if (r.kind && r.body !== null) bodies[r.kind as CacheKind] = r.body;
  return { version: Number(rows[0]?.version ?? 0), bodies };
}

export async function writeReportCache(db: DbOrTx, projectId: number, version: number, entries: Partial<Record<CacheKind, unknown>>) {
  for (const [kind, value] of Object.entries(entries)) {
    await db.execute(sql`
      insert into report_cache (project_id, kind, ratings_version, body, computed_at)
      values (${projectId}, ${kind}, ${version}, ${JSON.stringify(value)}, now())
      on conflict (project_id, kind) do update
        set ratings_version = excluded.ratings_version, body = excluded.body, computed_at = excluded.computed_at
        where report_cache.ratings_version <= excluded.ratings_version`);
  }
}

export async function clearReportCache(db: DbOrTx, projectId: number) {
  await db.execute(sql`delete from report_cache where project_id = ${projectId}`);
}

/** Called in the same transaction as any write that changes what the reports show other than a new
 *  rating row (imports may call it anyway): adjudications, judge scores, edited or deleted ratings. */
export async function bumpRatingsVersion(db: DbOrTx, projectId: number) {
  await db.execute(sql`update projects set ratings_version = ratings_version + 1 where id = ${projectId}`);
}
