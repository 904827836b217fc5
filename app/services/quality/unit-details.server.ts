// The units of a dialogue's responses for managers (the dialogue page): each unit's ratings and
// comments by annotator, its adjudicated score and its gold reference.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import type { UnitDetail } from "~/domain/quality/unit-detail";

export async function unitDetails(
  db: DbOrTx,
  projectId: number,
  responseIds: number[],
): Promise<{ units: UnitDetail[]; defaultTolerance: number }> {
  if (!responseIds.length) return { units: [], defaultTolerance: 1 };
  const rows = await queryRows<
    Omit<UnitDetail, "gold" | "ratings"> & { gold_score: number | null; gold_tolerance: number | null; ratings: string }
  >(
    db,
    sql`select u.id as unit_id, u.response_id, m.key as metric, m.scale_min as min, m.scale_max as max,
          g.expected_score as gold_score, g.tolerance as gold_tolerance, a.score as adjudicated,
          coalesce((select json_agg(json_build_object('annotator', us.email, 'score', r.score, 'comment', r.comment, 'late', r.late) order by lower(us.email))
                    from ratings r join users us on us.id = r.annotator_id where r.unit_id = u.id), '[]')::text as ratings
        from units u join metrics m on m.id = u.metric_id
        left join gold_units g on g.unit_id = u.id left join adjudications a on a.unit_id = u.id
        where u.project_id = ${projectId} and u.response_id = any (${sql.param(responseIds)}::int[])
        order by u.position`,
  );
  const [p] = await queryRows<{ t: number }>(db, sql`select gold_tolerance as t from projects where id = ${projectId}`);
  return {
    defaultTolerance: Number(p?.t ?? 1),
    units: rows.map((r) => ({
      unit_id: Number(r.unit_id),
      response_id: Number(r.response_id),
      metric: r.metric,
      min: Number(r.min),
      max: Number(r.max),
      gold:
        r.gold_score === null
          ? null
          : { score: Number(r.gold_score), tolerance: r.gold_tolerance === null ? null : Number(r.gold_tolerance) },
      adjudicated: r.adjudicated === null ? null : Number(r.adjudicated),
      ratings: JSON.parse(r.ratings),
    })),
  };
}

/** Why a member is paused (product.md §9: the annotator sees a message), or null when they are not. */
export async function pauseReasonOf(db: DbOrTx, projectId: number, userId: string): Promise<string | null> {
  const [m] = await queryRows<{ paused: boolean; paused_reason: string | null }>(
    db,
    sql`select paused, paused_reason from project_members where project_id = ${projectId} and user_id = ${userId}`,
  );
  return m?.paused ? (m.paused_reason ?? "") : null;
}
