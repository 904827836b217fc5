// Productivity on the queue page (issue 20): ratings per hour over the last 24 hours, the median time
// per unit, the ratings still needed (normal units below k; gold units are outside the queue) and the
// estimated completion at this pace.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { estimateCompletion, type Productivity } from "~/domain/stats/productivity";

export async function productivity(db: DbOrTx, projectId: number, k: number): Promise<Productivity> {
  const [row] = await queryRows<{ recent: number; median: number | null; remaining: number | null; now: string | Date }>(
    db,
    sql`select
          (select count(*)::int from ratings where project_id = ${projectId} and created_at > now() - interval '24 hours') as recent,
          (select percentile_cont(0.5) within group (order by r.active_ms::float8 / t.n)
             from ratings r join (select task_id, count(*) as n from ratings where project_id = ${projectId}
                                  and created_at > now() - interval '24 hours' and task_id is not null group by task_id) t on t.task_id = r.task_id
             where r.active_ms is not null) as median,
          (select sum(greatest(${k} - rating_count, 0))::int from unit_fill where project_id = ${projectId}) as remaining,
          now() as now`,
  );
  const perHour = Number(row.recent) / 24;
  const remaining = Number(row.remaining ?? 0);
  return {
    ratingsPerHour: perHour,
    medianMsPerUnit: row.median === null ? null : Number(row.median),
    remaining,
    etaMs: estimateCompletion(remaining, perHour, new Date(row.now).getTime()),
  };
}
