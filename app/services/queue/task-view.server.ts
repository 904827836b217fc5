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

/** A pairwise task (product.md §11): two anonymous sides in the order drawn for this task. */
export type PairwiseTaskPayload = {
  id: number;
  kind: "pairwise";
  dialogue_id: string;
  a: { response_text: string };
  b: { response_text: string };
  units: { unit_id: number; metric: string }[];
  lease_expires_at: string;
};

type PayloadRow =
  | (Omit<TaskPayload, "model" | "lease_expires_at"> & { kind?: undefined; model: string | null; lease_expires_at: string })
  | PairwiseTaskPayload;

export const isPairwiseTask = (t: TaskPayload | PairwiseTaskPayload): t is PairwiseTaskPayload => "kind" in t && t.kind === "pairwise";

/** The API's task shape (product.md §6) from rolecall_task_payloads' JSON (the claim returns it too);
 *  the model is left out when the project hides model names. */
export function toTaskPayload(json: PayloadRow | string): TaskPayload | PairwiseTaskPayload {
  const t = (typeof json === "string" ? JSON.parse(json) : json) as PayloadRow;
  if (t.kind === "pairwise")
    return {
      id: Number(t.id),
      kind: "pairwise",
      dialogue_id: t.dialogue_id,
      a: { response_text: t.a.response_text },
      b: { response_text: t.b.response_text },
      units: t.units.map((u) => ({ unit_id: Number(u.unit_id), metric: u.metric })),
      lease_expires_at: new Date(t.lease_expires_at).toISOString(),
    };
  return {
    id: Number(t.id),
    dialogue_id: t.dialogue_id,
    ...(t.model === null ? {} : { model: t.model }),
    response_text: t.response_text,
    units: t.units.map((u) => ({ unit_id: Number(u.unit_id), metric: u.metric, min: Number(u.min), max: Number(u.max) })),
    lease_expires_at: new Date(t.lease_expires_at).toISOString(),
  };
}

export async function taskPayload(db: DbOrTx, taskId: number): Promise<TaskPayload | PairwiseTaskPayload> {
  const [{ t }] = await queryPrepared<{ t: PayloadRow | string }>(
    db,
    sql`select payload as t from rolecall_task_payloads(array[${taskId}]::bigint[])`,
  );
  return toTaskPayload(t);
}
