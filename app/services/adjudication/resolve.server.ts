// Settling a unit: the final score replaces the current adjudication, every write is kept in
// adjudication_history, the unit leaves the open set, the report cache's stamp moves on and the audit
// trail gets an entry, all in one transaction. Agreement statistics never see it (it is not a rating).
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client";
import { queryRows } from "#db/sql";
import { badRequest, keyedError, notFound } from "~/lib/errors";
import { recordAudit } from "../audit.server";
import { bumpRatingsVersion } from "../reports/cache.server";

export type ResolveInput = {
  projectId: number;
  unitId: number;
  adjudicatorId: string;
  score: number;
  note?: string | null;
  /** "app" | "api" | "cli" | "import" */
  source: string;
  /** refuse while another adjudicator holds a live lease on the unit (the screen and the API) */
  respectLease?: boolean;
};

export type Resolved = {
  unit_id: number;
  dialogue_id: string;
  model: string;
  metric: string;
  score: number;
  previous_score: number | null;
  note: string;
};

export const NOTE_MAX = 4000;

/** Resolves in the caller's transaction (the import settles many units in one). */
export async function resolveUnitIn(tx: Tx, input: ResolveInput, opts: { bump?: boolean; audit?: boolean } = {}): Promise<Resolved> {
  const note = (input.note ?? "").trim();
  if (note.length > NOTE_MAX) throw keyedError(400, "errors.noteTooLong", { max: NOTE_MAX }, "note");
  if (!Number.isInteger(input.score)) throw badRequest("score must be a whole number", "score");
  const [u] = await queryRows<{
    response_id: number;
    metric_id: number;
    min: number;
    max: number;
    dialogue_id: string;
    model: string;
    metric: string;
    holder: string | null;
    live: boolean | null;
    previous: number | null;
  }>(
    tx,
    sql`select u.response_id, u.metric_id, m.scale_min as min, m.scale_max as max, d.external_id as dialogue_id, mo.name as model,
          m.key as metric, dg.lease_holder as holder, dg.lease_expires_at > now() as live, a.score as previous
        from units u join metrics m on m.id = u.metric_id join responses rs on rs.id = u.response_id
        join dialogues d on d.id = rs.dialogue_id join models mo on mo.id = rs.model_id
        left join disagreements dg on dg.unit_id = u.id
        left join adjudications a on a.unit_id = u.id
        where u.id = ${input.unitId} and u.project_id = ${input.projectId}
        for update of u`,
  );
  if (!u) throw notFound("No such unit in this project");
  if (input.score < Number(u.min) || input.score > Number(u.max))
    throw keyedError(400, "errors.finalScore", { min: u.min, max: u.max, metric: u.metric }, "score");
  if (input.respectLease && u.holder && u.holder !== input.adjudicatorId && u.live) throw keyedError(409, "errors.unitHeld");
  await tx.execute(sql`
    insert into adjudications (unit_id, project_id, adjudicator_id, score, note, created_at)
    values (${input.unitId}, ${input.projectId}, ${input.adjudicatorId}, ${input.score}, ${note}, now())
    on conflict (unit_id) do update set adjudicator_id = excluded.adjudicator_id, score = excluded.score, note = excluded.note,
      created_at = excluded.created_at`);
  await tx.execute(sql`
    insert into adjudication_history (unit_id, project_id, adjudicator_id, score, note, source)
    values (${input.unitId}, ${input.projectId}, ${input.adjudicatorId}, ${input.score}, ${note}, ${input.source})`);
  // a unit settled without being open (a lab's own decision, a re-adjudication) is recorded as settled too
  await tx.execute(sql`
    insert into disagreements (unit_id, project_id, response_id, metric_id, range, resolved_at)
    select ${input.unitId}, ${input.projectId}, ${u.response_id}, ${u.metric_id},
           coalesce((select max(r.score) - min(r.score) from ratings r where r.unit_id = ${input.unitId} and not r.late), 0), now()
    on conflict (unit_id) do update set resolved_at = now(), lease_holder = null, lease_expires_at = null`);
  const resolved: Resolved = {
    unit_id: input.unitId,
    dialogue_id: u.dialogue_id,
    model: u.model,
    metric: u.metric,
    score: input.score,
    previous_score: u.previous === null ? null : Number(u.previous),
    note,
  };
  if (opts.bump !== false) await bumpRatingsVersion(tx, input.projectId);
  if (opts.audit !== false)
    await recordAudit(tx, {
      projectId: input.projectId,
      actorId: input.adjudicatorId,
      kind: "adjudication",
      detail: { ...resolved, source: input.source },
    });
  return resolved;
}

export async function resolveUnit(db: DbOrTx, input: ResolveInput): Promise<Resolved> {
  return db.transaction((tx) => resolveUnitIn(tx, input));
}

/** Several units of one screen, all or none. */
export async function resolveUnits(db: DbOrTx, inputs: ResolveInput[]): Promise<Resolved[]> {
  return db.transaction(async (tx) => {
    const out: Resolved[] = [];
    for (const input of inputs) out.push(await resolveUnitIn(tx, input));
    return out;
  });
}

/** May this account settle units of the project? Adjudicators of the project, and admins (docs/api.md). */
export async function mayAdjudicate(db: DbOrTx, projectId: number, userId: string): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(
    db,
    sql`select exists (select 1 from users where id = ${userId} and is_admin)
          or exists (select 1 from project_members where project_id = ${projectId} and user_id = ${userId} and role = 'adjudicator') as ok`,
  );
  return Boolean(row?.ok);
}

/** The unit of (dialogue external id, model name, metric key) in the project, or a 404 naming what is missing. */
export async function findUnit(db: DbOrTx, projectId: number, dialogue: string, model: string, metric: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select u.id from units u join responses rs on rs.id = u.response_id join dialogues d on d.id = rs.dialogue_id
        join models mo on mo.id = rs.model_id join metrics m on m.id = u.metric_id
        where u.project_id = ${projectId} and d.external_id = ${dialogue} and mo.name = ${model} and m.key = ${metric}`,
  );
  if (!row)
    throw notFound(`No unit for dialogue ${JSON.stringify(dialogue)}, model ${JSON.stringify(model)}, metric ${JSON.stringify(metric)}`);
  return Number(row.id);
}

/** The response of a unit in the project (the API's resolve names a unit; the screen moves by response). */
export async function unitResponse(db: DbOrTx, projectId: number, unitId: number): Promise<number | null> {
  const [row] = await queryRows<{ r: number }>(
    db,
    sql`select response_id as r from units where id = ${unitId} and project_id = ${projectId}`,
  );
  return row ? Number(row.r) : null;
}

/** The slug of the project a unit belongs to (the API's resolve is addressed by unit id), or null. */
export async function unitProjectSlug(db: DbOrTx, unitId: number): Promise<string | null> {
  if (!Number.isSafeInteger(unitId) || unitId <= 0) return null;
  const [row] = await queryRows<{ slug: string }>(
    db,
    sql`select p.slug from units u join projects p on p.id = u.project_id where u.id = ${unitId}`,
  );
  return row?.slug ?? null;
}
