// The adjudication queue: open disagreements handed out under a lease, a response at a time (its open
// sibling units together), so that two adjudicators never work on one unit. Settled in the database: the
// first free open unit is taken with FOR UPDATE SKIP LOCKED, and its siblings only where nobody else holds
// them (a concurrent claim that locked one of them keeps it).
import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { profileEntries } from "~/domain/dialogue/profile-display";
import { parseContext } from "~/domain/export/context";
import type { AdjudicationItem, AdjudicationUnit } from "~/domain/adjudication/item";
import { skipsByDialogue } from "../flags.server";

type Project = { id: number; leaseSeconds: number };

/** The response the adjudicator works on next: their own live lease first, else the oldest open unit
 *  nobody holds, with its free open siblings. Null when nothing is open. */
export async function claimAdjudication(db: Db, project: Project, userId: string): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [own] = await queryRows<{ response_id: number }>(
      tx,
      sql`select response_id from disagreements
          where lease_holder = ${userId} and project_id = ${project.id} and resolved_at is null and lease_expires_at > now()
          order by lease_expires_at, unit_id limit 1`,
    );
    if (own) return Number(own.response_id);
    const [pick] = await queryRows<{ unit_id: number; response_id: number }>(
      tx,
      sql`select unit_id, response_id from disagreements
          where project_id = ${project.id} and resolved_at is null and (lease_holder is null or lease_expires_at <= now())
          order by opened_at, unit_id limit 1 for update skip locked`,
    );
    if (!pick) return null;
    await tx.execute(sql`
      update disagreements set lease_holder = ${userId}, lease_expires_at = now() + make_interval(secs => ${project.leaseSeconds})
      where unit_id in (
        select unit_id from disagreements
        where project_id = ${project.id} and response_id = ${pick.response_id} and resolved_at is null
          and (unit_id = ${pick.unit_id} or lease_holder is null or lease_holder = ${userId} or lease_expires_at <= now())
        for update skip locked)`);
    return Number(pick.response_id);
  });
}

/** Gives back the adjudicator's leases on a response (they moved on without settling it). */
export async function releaseAdjudication(db: DbOrTx, projectId: number, responseId: number, userId: string) {
  await db.execute(sql`update disagreements set lease_holder = null, lease_expires_at = null
    where project_id = ${projectId} and response_id = ${responseId} and lease_holder = ${userId} and resolved_at is null`);
}

/** Extends the adjudicator's live leases on a response; returns the new expiry, null when none is live. */
export async function extendAdjudicationLease(db: DbOrTx, project: Project, responseId: number, userId: string): Promise<string | null> {
  const rows = await queryRows<{ e: Date | string }>(
    db,
    sql`update disagreements set lease_expires_at = now() + make_interval(secs => ${project.leaseSeconds})
        where project_id = ${project.id} and response_id = ${responseId} and lease_holder = ${userId}
          and resolved_at is null and lease_expires_at > now()
        returning lease_expires_at as e`,
  );
  return rows[0] ? new Date(rows[0].e).toISOString() : null;
}

type ItemRow = {
  external_id: string;
  context: string;
  character: string;
  novel_name: string;
  profile_json: string;
  model: string;
  scored_text: string;
  hide: boolean;
};

/** The screen of one response for this adjudicator: the units they hold a live lease on (or, with
 *  `unitIds`, those units whatever their state, for a re-adjudication), each with its ratings. Null
 *  when the response is not in the project. */
export async function adjudicationItem(
  db: DbOrTx,
  projectId: number,
  responseId: number,
  userId: string,
  unitIds?: number[],
): Promise<AdjudicationItem | null> {
  const [r] = await queryRows<ItemRow>(
    db,
    sql`select d.external_id, d.context, c.name as character, c.novel_name, c.profile_json, mo.name as model, rs.scored_text,
          p.hide_model_names as hide
        from responses rs join dialogues d on d.id = rs.dialogue_id join characters c on c.id = d.character_id
        join models mo on mo.id = rs.model_id join projects p on p.id = rs.project_id
        where rs.id = ${responseId} and rs.project_id = ${projectId}`,
  );
  if (!r) return null;
  const which = unitIds
    ? sql`u.id = any(${sql.param(unitIds)}::bigint[])`
    : sql`dg.lease_holder = ${userId} and dg.resolved_at is null and dg.lease_expires_at > now()`;
  const units = await queryRows<Omit<AdjudicationUnit, "ratings"> & { ratings: string; lease: Date | string | null }>(
    db,
    sql`select u.id as unit_id, m.key, m.name_en, m.name_zh, m.definition_en, m.definition_zh, m.scale_min as min, m.scale_max as max,
          m.anchor_low_en, m.anchor_low_zh, m.anchor_high_en, m.anchor_high_zh, coalesce(dg.range, 0) as range,
          a.score as final_score, dg.lease_expires_at as lease,
          (select coalesce(json_agg(json_build_object('annotator', us.name, 'email', us.email, 'score', ra.score, 'comment', ra.comment,
                    'created_at', ra.created_at, 'late', ra.late) order by ra.id), '[]')
           from ratings ra join users us on us.id = ra.annotator_id where ra.unit_id = u.id)::text as ratings
        from units u join metrics m on m.id = u.metric_id
        left join disagreements dg on dg.unit_id = u.id
        left join adjudications a on a.unit_id = u.id
        where u.response_id = ${responseId} and u.project_id = ${projectId} and ${which}
        order by u.position, u.id`,
  );
  const leases = units.map((u) => u.lease).filter((x): x is Date | string => x !== null);
  return {
    responseId,
    dialogueId: r.external_id,
    character: r.character,
    novel: r.novel_name,
    profile: profileEntries(r.profile_json),
    turns: parseContext(r.context, r.character),
    model: r.hide ? null : r.model,
    response: r.scored_text,
    leaseExpiresAt: leases.length
      ? new Date(leases.map((l) => new Date(l).getTime()).reduce((a, b) => Math.min(a, b))).toISOString()
      : null,
    units: units.map(({ lease: _lease, ...u }) => ({
      ...u,
      unit_id: Number(u.unit_id),
      min: Number(u.min),
      max: Number(u.max),
      range: Number(u.range),
      final_score: u.final_score === null ? null : Number(u.final_score),
      ratings: (JSON.parse(u.ratings) as AdjudicationUnit["ratings"]).map((x) => ({
        ...x,
        score: Number(x.score),
        created_at: new Date(x.created_at).toISOString(),
      })),
    })),
  };
}

/** Open units per metric, for the manager's queue page. */
export async function openByMetric(db: DbOrTx, projectId: number) {
  const rows = await queryRows<{ key: string; open: number; resolved: number }>(
    db,
    sql`select m.key, count(*) filter (where dg.resolved_at is null)::int as open, count(*) filter (where dg.resolved_at is not null)::int as resolved
        from disagreements dg join metrics m on m.id = dg.metric_id
        where dg.project_id = ${projectId} group by m.key, m.position order by m.position`,
  );
  return rows.map((r) => ({ metric: r.key, open: Number(r.open), resolved: Number(r.resolved) }));
}

/** The API's shape of an item (docs/api.md): annotators by e-mail, the model left out when hidden. */
export function itemPayload(item: AdjudicationItem) {
  return {
    response_id: item.responseId,
    dialogue_id: item.dialogueId,
    ...(item.model === null ? {} : { model: item.model }),
    response_text: item.response,
    lease_expires_at: item.leaseExpiresAt,
    units: item.units.map((u) => ({
      unit_id: u.unit_id,
      metric: u.key,
      min: u.min,
      max: u.max,
      range: u.range,
      ratings: u.ratings.map((r) => ({ annotator: r.email, score: r.score, comment: r.comment, created_at: r.created_at, late: r.late })),
    })),
  };
}

export async function openCount(db: DbOrTx, projectId: number): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from disagreements where project_id = ${projectId} and resolved_at is null`,
  );
  return Number(n);
}

/** What the manager's queue page shows of adjudication: the setting, open units per metric, skips per dialogue. */
export async function disagreementPanel(db: DbOrTx, project: { id: number; slug: string; disagreementRange: number }) {
  return {
    slug: project.slug,
    disagreementRange: project.disagreementRange,
    perMetric: await openByMetric(db, project.id),
    skips: await skipsByDialogue(db, project.id),
  };
}
