// Flags and skips reach people (issue 19): the managers' flag inbox (resolved with a note), and the skip
// reasons summarised per dialogue, where a dialogue skipped by two or more people is one to check.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { keyedError } from "~/lib/errors";
import { recordAudit } from "./audit.server";

export type FlagRow = {
  id: number;
  dialogue_id: string;
  model: string;
  annotator: string;
  note: string;
  created_at: string;
  resolved: boolean;
  resolution_note: string | null;
  resolved_by: string | null;
};

export async function listFlags(db: DbOrTx, projectId: number, opts: { open?: boolean } = {}): Promise<FlagRow[]> {
  const rows = await queryRows<Omit<FlagRow, "id" | "created_at"> & { id: number; created_at: Date | string }>(
    db,
    sql`select f.id, d.external_id as dialogue_id, mo.name as model, us.email as annotator, f.note, f.created_at,
          f.resolved_at is not null as resolved, f.resolution_note, rb.email as resolved_by
        from flags f join responses rs on rs.id = f.response_id join dialogues d on d.id = rs.dialogue_id
        join models mo on mo.id = rs.model_id join users us on us.id = f.annotator_id
        left join users rb on rb.id = f.resolved_by
        where f.project_id = ${projectId} ${opts.open ? sql`and f.resolved_at is null` : sql``}
        order by f.resolved_at is not null, f.id desc`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), created_at: new Date(r.created_at).toISOString() }));
}

export async function resolveFlag(db: DbOrTx, projectId: number, flagId: number, userId: string, note: string) {
  const text = note.trim();
  if (text.length > 2000) throw keyedError(400, "errors.noteTooLong", { max: 2000 }, "note");
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ id: number }>(
      tx,
      sql`update flags set resolved_at = now(), resolved_by = ${userId}, resolution_note = ${text}
          where id = ${flagId} and project_id = ${projectId} and resolved_at is null returning id`,
    );
    if (!rows.length) throw keyedError(404, "errors.noOpenFlag");
    await recordAudit(tx, { projectId, actorId: userId, kind: "flag_resolved", detail: { flag: flagId, note: text } });
  });
}

export type SkipSummary = { dialogue_key: number; dialogue_id: string; skips: number; people: number; reasons: string[] };

/** Dialogues with skips, most-skipped first (by distinct people); each reason once. */
export async function skipsByDialogue(db: DbOrTx, projectId: number, limit = 100): Promise<SkipSummary[]> {
  const rows = await queryRows<SkipSummary>(
    db,
    sql`select d.id as dialogue_key, d.external_id as dialogue_id, count(*)::int as skips, count(distinct s.annotator_id)::int as people,
          array_agg(distinct s.reason) as reasons
        from skips s join units u on u.id = s.unit_id join dialogues d on d.id = u.dialogue_id
        where s.project_id = ${projectId}
        group by d.id, d.external_id order by people desc, skips desc, d.id limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, dialogue_key: Number(r.dialogue_key), skips: Number(r.skips), people: Number(r.people) }));
}
