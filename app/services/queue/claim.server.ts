// claimNextTask: the queue's one short transaction. Rules in app/domain/assignment/choose-next-task.ts;
// this file feeds them a bounded window of candidates from the units_queue_idx index and settles races
// in the database (a lock on the claimant's membership, FOR UPDATE SKIP LOCKED on units, a re-check of
// the cap under the lock). docs/decisions/005-queue-claims.md.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import type { Project } from "#db/queries/projects";
import { queryRows } from "#db/sql";
import { type Candidate, chooseNextTask } from "~/domain/assignment/choose-next-task";
import { type Claimant, eligibleFor, liveLeases } from "./eligibility";

const WINDOW = 16;
const SIBLINGS = 64;
const ACTIVE_DIALOGUES = 5;
const ATTEMPTS = 4;

export type ClaimOutcome = { taskId: number; resumed: boolean } | { taskId: null; reason: "nothing-left" | "paused" | "not-annotator" };

async function claimant(tx: Tx, project: Project, annotatorId: string): Promise<(Claimant & { ownTask: number | null }) | ClaimOutcome> {
  // the lock on the membership row serialises claims of one annotator (two tabs cannot take two tasks)
  const [m] = await queryRows<{ role: string; group_name: string | null; paused: boolean }>(
    tx,
    sql`select role, group_name, paused from project_members where project_id = ${project.id} and user_id = ${annotatorId} for update`,
  );
  if (!m || m.role !== "annotator") return { taskId: null, reason: "not-annotator" };
  if (m.paused) return { taskId: null, reason: "paused" };
  let k = project.overlapK;
  if (project.groupMode) {
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(distinct group_name)::int as n from project_members where project_id = ${project.id} and role = 'annotator' and group_name is not null`,
    );
    k = Number(n);
  }
  // a separate statement, so its snapshot is taken after the lock: a second tab waiting on the lock
  // then sees the lease the first tab just took (a subquery of the locking statement would not)
  const [own] = await queryRows<{ id: number }>(
    tx,
    sql`select id from tasks where project_id = ${project.id} and annotator_id = ${annotatorId} and status = 'leased' and expires_at > now()
        order by id limit 1`,
  );
  return { projectId: project.id, annotatorId, group: m.group_name, groupMode: project.groupMode, k, ownTask: own ? Number(own.id) : null };
}

/** The candidate window, locked: concurrent claimants skip each other's windows instead of all
 *  choosing the same "closest to completion" unit and racing for it. Siblings in the annotator's active
 *  dialogues come by the dialogue index (few rows, sorted by the pure choice, not in SQL). */
async function candidates(tx: Tx, c: Claimant, exclude: number[], wait = false): Promise<{ list: Candidate[]; active: Set<string> }> {
  const active = await queryRows<{ dialogue_id: number }>(
    tx,
    sql`select r.dialogue_id from tasks t join responses r on r.id = t.response_id
        where t.project_id = ${c.projectId} and t.annotator_id = ${c.annotatorId} and t.created_at > now() - interval '3 hours'
        group by r.dialogue_id order by max(t.id) desc limit ${ACTIVE_DIALOGUES}`,
  );
  const activeIds = active.map((a) => Number(a.dialogue_id));
  const notExcluded = exclude.length ? sql`and u.response_id <> all(${sql.param(exclude)}::int[])` : sql``;
  type Row = { id: number; response_id: number; dialogue_id: number; position: number; rating_count: number; live: number };
  const columns = sql`u.id, u.response_id, u.dialogue_id, u.position, u.rating_count, ${liveLeases}::int as live`;
  const window = await queryRows<Row>(
    tx,
    sql`select ${columns} from units u where ${eligibleFor(c, { capacity: true })} ${notExcluded}
        order by u.rating_count desc nulls last, u.position limit ${wait ? 1 : WINDOW}
        for no key update of u ${wait ? sql`` : sql`skip locked`}`,
  );
  const siblings = activeIds.length && !wait
    ? await queryRows<Row>(
        tx,
        sql`select ${columns} from units u where u.dialogue_id = any(${sql.param(activeIds)}::int[]) and ${eligibleFor(c, { capacity: true })} ${notExcluded}
            limit ${SIBLINGS} for no key update of u skip locked`,
      )
    : [];
  const byId = new Map([...window, ...siblings].map((r) => [Number(r.id), r]));
  return {
    list: [...byId.values()].map((r) => ({
      unitId: String(r.id),
      responseId: String(r.response_id),
      dialogueId: String(r.dialogue_id),
      position: Number(r.position),
      ratings: Number(r.rating_count),
      liveLeases: Number(r.live),
    })),
    active: new Set(activeIds.map(String)),
  };
}

/** Locks the response's eligible units (skipping ones another claim holds), re-checks the cap, leases. */
async function lease(tx: Tx, c: Claimant, project: Project, responseId: number): Promise<number | null> {
  const locked = await queryRows<{ id: number }>(
    tx,
    sql`select u.id from units u where u.response_id = ${responseId} and ${eligibleFor(c, { capacity: false })}
        order by u.position for no key update of u skip locked`,
  );
  if (!locked.length) return null;
  const ok = await queryRows<{ id: number }>(
    tx,
    sql`select u.id from units u where u.id = any(${sql.param(locked.map((l) => Number(l.id)))}::bigint[])
        and u.rating_count + ${liveLeases} < ${c.k} order by u.position`,
  );
  if (!ok.length) return null;
  const [task] = await queryRows<{ id: number; expires_at: Date }>(
    tx,
    sql`insert into tasks (project_id, annotator_id, response_id, status, expires_at)
        values (${project.id}, ${c.annotatorId}, ${responseId}, 'leased', now() + make_interval(secs => ${project.leaseSeconds}))
        returning id, expires_at`,
  );
  await tx.execute(sql`
    insert into task_units (task_id, unit_id, project_id, annotator_id, group_name, live_until)
    select ${task.id}, x.id, ${project.id}, ${c.annotatorId}, ${c.group}, ${task.expires_at}
    from unnest(${sql.param(ok.map((o) => Number(o.id)))}::bigint[]) as x(id)`);
  return Number(task.id);
}

export async function claimNextTask(db: Db, project: Project, annotatorId: string): Promise<ClaimOutcome> {
  try {
    return await claimIn(db, project, annotatorId);
  } catch (e) {
    // the blocking probe waited too long: the remaining units are all in other people's hands
    if ((e as { code?: string }).code === "55P03") return { taskId: null, reason: "nothing-left" };
    throw e;
  }
}

function claimIn(db: Db, project: Project, annotatorId: string): Promise<ClaimOutcome> {
  return db.transaction(async (tx) => {
    const c = await claimant(tx, project, annotatorId);
    if (!("k" in c)) return c;
    const own = c.ownTask === null ? null : { id: c.ownTask };
    const tried: number[] = [];
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      let { list, active } = own ? { list: [] as Candidate[], active: new Set<string>() } : await candidates(tx, c, tried);
      if (!own && list.length === 0) {
        // every open unit may just be locked by claims in flight: wait for one (briefly) rather than
        // tell the annotator there is nothing left
        await tx.execute(sql`set local lock_timeout = '3s'`);
        ({ list, active } = await candidates(tx, c, tried, true));
      }
      const choice = chooseNextTask({
        annotatorId,
        annotatorGroup: c.group,
        k: c.k,
        groupMode: c.groupMode,
        ownLiveLease: own ? { taskId: String(own.id) } : null,
        doneByAnnotator: new Set(),
        activeDialogues: active,
        candidates: list,
      });
      if (choice.kind === "resume") {
        await extendLease(tx, Number(choice.taskId), project.leaseSeconds);
        return { taskId: Number(choice.taskId), resumed: true };
      }
      if (choice.kind === "none") break;
      const taskId = await lease(tx, c, project, Number(choice.responseId));
      if (taskId !== null) return { taskId, resumed: false };
      tried.push(Number(choice.responseId)); // taken by a concurrent claim: look again without it
    }
    return { taskId: null, reason: "nothing-left" };
  });
}

/** Extends a live lease (heartbeat, resume). An expired lease is not revived: its units may be taken. */
export async function extendLease(tx: Db | Tx, taskId: number, leaseSeconds: number) {
  const rows = await queryRows<{ expires_at: Date }>(
    tx,
    sql`update tasks set expires_at = now() + make_interval(secs => ${leaseSeconds})
        where id = ${taskId} and status = 'leased' and expires_at > now() returning expires_at`,
  );
  if (rows.length) await tx.execute(sql`update task_units set live_until = ${rows[0].expires_at} where task_id = ${taskId}`);
  return rows[0]?.expires_at ?? null;
}
