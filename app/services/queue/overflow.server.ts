// What the queue page shows beside progress: per metric in use, its names, the ratings that arrived after
// their lease had expired (kept, marked late) and the units that such ratings pushed past k.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";

export type MetricOverflow = { key: string; name_en: string; name_zh: string; late: number; over_k: number };
export type QueueOverflow = { metrics: MetricOverflow[]; late: number; overK: number };

/**
 * Per metric some dialogue is scored on (a project of a 12-metric set that uses 4 lists 4): late ratings,
 * and units with more than `k` ratings (gold units, which do not count toward k, left out).
 */
export async function queueOverflow(db: DbOrTx, projectId: number, k: number): Promise<QueueOverflow> {
  const metrics = await queryRows<MetricOverflow>(
    db,
    sql`with late as (
          select u.metric_id, count(*)::int as n from ratings r join units u on u.id = r.unit_id
          where r.project_id = ${projectId} and r.late group by u.metric_id
        ), over as (
          select u.metric_id, count(*)::int as n from unit_fill f join units u on u.id = f.unit_id
          where f.project_id = ${projectId} and f.rating_count > ${k} and not u.is_gold
            and not exists (select 1 from gold_units g where g.unit_id = u.id)
          group by u.metric_id
        )
        select m.key, m.name_en, m.name_zh, coalesce(l.n, 0)::int as late, coalesce(o.n, 0)::int as over_k
        from metrics m left join late l on l.metric_id = m.id left join over o on o.metric_id = m.id
        where m.project_id = ${projectId} and exists (select 1 from dialogue_metrics dm where dm.metric_id = m.id)
        order by m.position`,
  );
  return {
    metrics,
    late: metrics.reduce((n, m) => n + m.late, 0),
    overK: metrics.reduce((n, m) => n + m.over_k, 0),
  };
}
