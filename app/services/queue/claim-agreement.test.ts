// The database's claim (rolecall_claim) against the specification (chooseNextTask): on many random small
// projects — ratings by others, the claimant's own ratings and skips, live and expired leases, recent
// work of the claimant, group mode — both must hand out the same response with the same units.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import type { Db } from "#db/client";
import { type Candidate, chooseNextTask } from "~/domain/assignment/choose-next-task";
import { mulberry32, randomInt } from "~/domain/assignment/random";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { claimNextTask } from "./claim.server";

const t = useTestDb();
type Unit = { id: number; response_id: number; dialogue_id: number; position: number };

/** Writes a random queue state; returns the claimant. Units are few (≤ 16) and the claim is given a
 *  window of 64, so it sees all of them and must agree with the specification exactly. */
async function randomState(db: Db, seed: number) {
  const rng = mulberry32(seed);
  const groups = rng() < 0.3 ? ["A", "B"] : undefined;
  const k = groups ? 2 : 1 + randomInt(rng, 3);
  const { project, annotators } = await makeQueueProject(db, { dialogues: 2 + randomInt(rng, 3), models: 2, annotators: 5, k, groups, maxMetrics: 2 });
  const units = await queryRows<Unit>(db, sql`select id, response_id, dialogue_id, position from units where project_id = ${project.id} order by position`);
  const [me, ...others] = annotators;
  const task = async (who: string, responseId: number, live: boolean, unitIds: number[], group: string | null) => {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into tasks (project_id, annotator_id, response_id, status, expires_at)
          values (${project.id}, ${who}, ${responseId}, ${live ? "leased" : "submitted"}, now() + ${live ? sql`interval '10 minutes'` : sql`interval '-1 minute'`})
          returning id`,
    );
    for (const u of unitIds) {
      await db.execute(sql`insert into task_units (task_id, unit_id, project_id, annotator_id, group_name, live_until)
        values (${row.id}, ${u}, ${project.id}, ${who}, ${group}, ${live ? sql`now() + interval '10 minutes'` : null})`);
    }
    return Number(row.id);
  };
  const groupOf = (i: number) => (groups ? groups[i % groups.length] : null);
  for (const u of units) {
    const roll = rng();
    const rater = roll < 0.25 ? me : roll < 0.6 ? others[randomInt(rng, others.length)] : null;
    if (rater) {
      const taskId = await task(rater.id, Number(u.response_id), false, [Number(u.id)], groupOf(annotators.indexOf(rater)));
      await db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, task_id, score) values (${project.id}, ${u.id}, ${rater.id}, ${taskId}, 3)`);
      await db.execute(sql`update units set rating_count = rating_count + 1 where id = ${u.id}`);
    } else if (roll < 0.7) {
      const taskId = await task(me.id, Number(u.response_id), false, [Number(u.id)], groupOf(0));
      await db.execute(sql`insert into skips (project_id, unit_id, annotator_id, task_id, reason) values (${project.id}, ${u.id}, ${me.id}, ${taskId}, 'x')`);
    } else if (roll < 0.85) {
      const i = 1 + randomInt(rng, others.length);
      await task(annotators[i].id, Number(u.response_id), true, [Number(u.id)], groupOf(i));
    }
  }
  // sometimes the claimant holds a live lease of their own (resume), mostly not
  if (rng() < 0.1) await task(me.id, Number(units[0].response_id), true, [], groupOf(0));
  return { project, me: me.id, group: groupOf(0), k };
}

/** What the specification chooses, from the full state read back from the database. */
async function specified(db: Db, projectId: number, me: string, group: string | null, k: number, groupMode: boolean) {
  const rows = await queryRows<Unit & { rating_count: number; live: number; done: boolean; groups: string[] | null }>(
    db,
    sql`select u.id, u.response_id, u.dialogue_id, u.position, u.rating_count,
          (select count(*)::int from task_units tu where tu.unit_id = u.id and tu.live_until > now()) as live,
          exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = ${me})
            or exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = ${me}) as done,
          array(select pm.group_name from ratings r join project_members pm on pm.project_id = u.project_id and pm.user_id = r.annotator_id where r.unit_id = u.id
                union select tu.group_name from task_units tu where tu.unit_id = u.id and tu.live_until > now() and tu.group_name is not null) as groups
        from units u where u.project_id = ${projectId}`,
  );
  const own = await queryRows<{ id: number }>(db, sql`select id from tasks where project_id = ${projectId} and annotator_id = ${me} and status = 'leased' and expires_at > now() order by id limit 1`);
  const active = await queryRows<{ dialogue_id: number }>(
    db,
    sql`select r.dialogue_id from (select id, response_id from tasks where project_id = ${projectId} and annotator_id = ${me} order by id desc limit 25) t
        join responses r on r.id = t.response_id group by r.dialogue_id order by max(t.id) desc limit 5`,
  );
  const candidates: Candidate[] = rows.map((r) => ({
    unitId: String(r.id),
    responseId: String(r.response_id),
    dialogueId: String(r.dialogue_id),
    position: Number(r.position),
    ratings: Number(r.rating_count),
    liveLeases: Number(r.live),
    groupsFilled: r.groups ?? [],
  }));
  return chooseNextTask({
    annotatorId: me,
    annotatorGroup: group,
    k,
    groupMode,
    ownLiveLease: own.length ? { taskId: String(own[0].id) } : null,
    doneByAnnotator: new Set(rows.filter((r) => r.done).map((r) => String(r.id))),
    activeDialogues: new Set(active.map((a) => String(a.dialogue_id))),
    candidates,
  });
}

describe("the database claim agrees with chooseNextTask", () => {
  const seeds = Array.from({ length: process.env.DATABASE_URL ? 60 : 25 }, (_, i) => 1000 + i);
  it(`on ${seeds.length} random queue states`, async () => {
    const kinds = new Set<string>();
    for (const seed of seeds) {
      const s = await randomState(t.db, seed);
      const expected = await specified(t.db, s.project.id, s.me, s.group, s.k, s.project.groupMode);
      const got = await claimNextTask(t.db, s.project, s.me, { window: 64, siblings: 64 });
      kinds.add(expected.kind);
      if (expected.kind === "none") {
        expect(got, `seed ${seed}`).toEqual({ taskId: null, reason: "nothing-left" });
      } else if (expected.kind === "resume") {
        expect(got, `seed ${seed}`).toMatchObject({ taskId: Number(expected.taskId), resumed: true });
      } else {
        expect(got.taskId, `seed ${seed}`).not.toBeNull();
        const [task] = await queryRows<{ response_id: number; units: string[] }>(
          t.db,
          sql`select t.response_id, array(select tu.unit_id::text from task_units tu join units u on u.id = tu.unit_id where tu.task_id = t.id order by u.position) as units
              from tasks t where t.id = ${got.taskId}`,
        );
        expect({ response: String(task.response_id), units: task.units }, `seed ${seed}`).toEqual({ response: expected.responseId, units: expected.unitIds });
      }
    }
    // the random states exercise every outcome
    expect([...kinds].sort()).toEqual(["new", "none", "resume"]);
  }, 120_000);
});
