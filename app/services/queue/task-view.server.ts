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

type PayloadRow = Omit<TaskPayload, "model" | "lease_expires_at"> & { model: string | null; lease_expires_at: string };

/** The API's task shape (product.md §6) from rolecall_task_payload's JSON (the claim returns it too);
 *  the model is left out when the project hides model names. */
export function toTaskPayload(json: PayloadRow | string): TaskPayload {
  const t = (typeof json === "string" ? JSON.parse(json) : json) as PayloadRow;
  return {
    id: Number(t.id),
    dialogue_id: t.dialogue_id,
    ...(t.model === null ? {} : { model: t.model }),
    response_text: t.response_text,
    units: t.units.map((u) => ({ unit_id: Number(u.unit_id), metric: u.metric, min: Number(u.min), max: Number(u.max) })),
    lease_expires_at: new Date(t.lease_expires_at).toISOString(),
  };
}

export async function taskPayload(db: DbOrTx, taskId: number): Promise<TaskPayload> {
  const [{ t }] = await queryPrepared<{ t: PayloadRow | string }>(db, sql`select rolecall_task_payload(${taskId}) as t`);
  return toTaskPayload(t);
}
