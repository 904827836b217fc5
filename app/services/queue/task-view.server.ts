import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryPrepared } from "#db/sql";

export type TaskPayload = {
  id: number;
  dialogue_id: string;
  model?: string;
  response_text: string;
  units: { unit_id: number; metric: string; min: number; max: number }[];
  lease_expires_at: string;
};

type Unit = TaskPayload["units"][number];

/** The API's task shape (product.md §6), in one query; the model is left out when the project hides model names. */
export async function taskPayload(db: DbOrTx, taskId: number): Promise<TaskPayload> {
  const [t] = await queryPrepared<{ id: number; external_id: string; model: string; scored_text: string; expires_at: Date; hide: boolean; units: Unit[] | string }>(
    db,
    sql`select t.id, d.external_id, mo.name as model, r.scored_text, t.expires_at, p.hide_model_names as hide,
          (select json_agg(json_build_object('unit_id', tu.unit_id, 'metric', m.key, 'min', m.scale_min, 'max', m.scale_max) order by u.position)
           from task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id where tu.task_id = t.id) as units
        from tasks t join responses r on r.id = t.response_id join dialogues d on d.id = r.dialogue_id
        join models mo on mo.id = r.model_id join projects p on p.id = t.project_id
        where t.id = ${taskId}`,
  );
  const units = (typeof t.units === "string" ? JSON.parse(t.units) : t.units ?? []) as Unit[];
  return {
    id: Number(t.id),
    dialogue_id: t.external_id,
    ...(t.hide ? {} : { model: t.model }),
    response_text: t.scored_text,
    units: units.map((u) => ({ unit_id: Number(u.unit_id), metric: u.metric, min: Number(u.min), max: Number(u.max) })),
    lease_expires_at: new Date(t.expires_at).toISOString(),
  };
}
