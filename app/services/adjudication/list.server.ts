// `adjudication list`: a project's open / settled units with their raw scores, read in pages by key (a
// generator), so that 50k open units stream without being held at once.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { badRequest } from "~/lib/errors";

export const adjudicationStatuses = ["open", "resolved", "all"] as const;
export type AdjudicationStatus = (typeof adjudicationStatuses)[number];

export type ListedUnit = {
  dialogue_id: string;
  model: string;
  metric: string;
  scores: number[];
  range: number;
  status: "open" | "resolved";
  final_score?: number;
  adjudicator?: string | null;
  note?: string;
};

export function parseStatus(v: string | undefined | null): AdjudicationStatus {
  const s = v ?? "open";
  if (!(adjudicationStatuses as readonly string[]).includes(s))
    throw badRequest(`--status must be one of ${adjudicationStatuses.join(", ")}`, "status");
  return s as AdjudicationStatus;
}

const PAGE = 1000;

export async function* listAdjudications(db: DbOrTx, projectId: number, status: AdjudicationStatus): AsyncGenerator<ListedUnit> {
  let after = 0;
  const which = status === "open" ? sql`and dg.resolved_at is null` : status === "resolved" ? sql`and dg.resolved_at is not null` : sql``;
  for (;;) {
    const rows = await queryRows<{
      unit_id: string;
      dialogue_id: string;
      model: string;
      metric: string;
      scores: number[];
      range: number;
      resolved: boolean;
      final_score: number | null;
      adjudicator: string | null;
      note: string | null;
    }>(
      db,
      sql`select dg.unit_id, d.external_id as dialogue_id, mo.name as model, m.key as metric,
            coalesce((select array_agg(r.score order by r.id) from ratings r where r.unit_id = dg.unit_id), '{}') as scores,
            dg.range, dg.resolved_at is not null as resolved, a.score as final_score, us.email as adjudicator, a.note
          from disagreements dg join units u on u.id = dg.unit_id join responses rs on rs.id = u.response_id
          join dialogues d on d.id = rs.dialogue_id join models mo on mo.id = rs.model_id join metrics m on m.id = u.metric_id
          left join adjudications a on a.unit_id = dg.unit_id left join users us on us.id = a.adjudicator_id
          where dg.project_id = ${projectId} and dg.unit_id > ${after} ${which}
          order by dg.unit_id limit ${PAGE}`,
    );
    for (const r of rows) {
      const unit: ListedUnit = {
        dialogue_id: r.dialogue_id,
        model: r.model,
        metric: r.metric,
        scores: (r.scores as number[]).map(Number),
        range: Number(r.range),
        status: r.resolved ? "resolved" : "open",
      };
      if (r.resolved && r.final_score !== null) {
        unit.final_score = Number(r.final_score);
        unit.adjudicator = r.adjudicator;
        unit.note = r.note ?? "";
      }
      yield unit;
    }
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].unit_id);
  }
}
