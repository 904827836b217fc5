// The database's claim (rolecall_claim) against the specification (chooseNextTask): on many random small
// projects — ratings by others, the claimant's own ratings and skips, live and expired leases, recent
// work of the claimant, group mode — both must hand out the same response with the same units.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import type { Db } from "#db/client";
import { type Candidate, chooseNextTask, compareCandidates, isEligible } from "~/domain/assignment/choose-next-task";
import { mulberry32, randomInt } from "~/domain/assignment/random";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { claimNextTask } from "./claim.server";

const t = useTestDb();
type Unit = { id: number; response_id: number; dialogue_id: number; position: number };

/** Writes a random queue state; returns the claimant. The claim reads the whole queue in its order, so
 *  it must agree with the specification exactly. */
async function randomState(db: Db, seed: number) {
  const rng = mulberry32(seed);
  const groups = rng() < 0.3 ? ["A", "B"] : undefined;
  const k = groups ? 2 : 1 + randomInt(rng, 3);
  const dialogues = 3 + randomInt(rng, 4);
  const { project, annotators } = await makeQueueProject(db, { dialogues, models: 2, annotators: 5, k, groups, maxMetrics: 2 });
  const units = await queryRows<Unit>(db, sql`select id, response_id, dialogue_id, position from units where project_id = ${project.id} order by position`);
  const [me, ...others] = annotators;
  const task = async (who: string, responseId: number, live: boolean, unitIds: number[], group: string | null) => {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into tasks (project_id, annotator_id, response_id, dialogue_id, status, expires_at)
          select ${project.id}, ${who}, r.id, r.dialogue_id, ${live ? "leased" : "submitted"}, now() + ${live ? sql`interval '10 minutes'` : sql`interval '-1 minute'`}
          from responses r where r.id = ${responseId}
          returning id`,
    );
    for (const u of unitIds) {
      await db.execute(sql`insert into task_units (task_id, unit_id, project_id, annotator_id, group_name)
        values (${row.id}, ${u}, ${project.id}, ${who}, ${group})`);
    }
    return Number(row.id);
  };
  const groupOf = (i: number) => (groups ? groups[i % groups.length] : null);
  const rate = async (i: number, u: Unit) => {
    const taskId = await task(annotators[i].id, Number(u.response_id), false, [Number(u.id)], groupOf(i));
    await db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, task_id, score) values (${project.id}, ${u.id}, ${annotators[i].id}, ${taskId}, 3)`);
  };
  // the claimant has worked on none, one or two of the dialogues (rated or skipped one unit of each,
  // or a few): those are the active ones, whose siblings come first at equal fill, and a fuller unit
  // elsewhere still comes before them
  const dialogueIds = [...new Set(units.map((u) => Number(u.dialogue_id)))];
  const mine = new Set(Array.from({ length: randomInt(rng, 3) }, () => dialogueIds[randomInt(rng, dialogueIds.length)]));
  const started = new Set<number>();
  const full = seed % 10 === 3;
  for (const u of units) {
    // the claimant's own work on the unit: a rating, a skip, or none
    const d = Number(u.dialogue_id);
    const roll = !mine.has(d) ? 1 : started.has(d) ? 0.4 + rng() : rng() * 0.45;
    if (mine.has(d)) started.add(d);
    if (roll < 0.3) await rate(0, u);
    else if (roll < 0.45) {
      const taskId = await task(me.id, Number(u.response_id), false, [Number(u.id)], groupOf(0));
      await db.execute(sql`insert into skips (project_id, unit_id, annotator_id, task_id, reason) values (${project.id}, ${u.id}, ${me.id}, ${taskId}, 'x')`);
    }
    // up to three others rated it or hold a live lease on it: units stand at every fill from 0 to k; in
    // some states every unit is full (nothing is left for the claimant)
    if (full) {
      for (let i = 1; i <= k; i++) await rate(i, u);
      continue;
    }
    const first = randomInt(rng, others.length);
    for (let j = 0, n = randomInt(rng, 4); j < n; j++) {
      const i = 1 + ((first + j) % others.length);
      if (rng() < 0.6) await rate(i, u);
      else await task(annotators[i].id, Number(u.response_id), true, [Number(u.id)], groupOf(i));
    }
  }
  // sometimes the claimant holds a live lease of their own (resume), mostly not
  if (rng() < 0.1) await task(me.id, Number(units[0].response_id), true, [], groupOf(0));
  // a lease some other annotator let expire (the claim's sweep must close it and count its unit open)
  if (rng() < 0.5) {
    const u = units[randomInt(rng, units.length)];
    const id = await task(others[0].id, Number(u.response_id), true, [Number(u.id)], groupOf(1));
    await db.execute(sql`update tasks set expires_at = now() - interval '1 second' where id = ${id}`);
  }
  // the queue's counts, as the claims and submits would have kept them
  await db.execute(sql`select rolecall_recount_fill(${project.id})`);
  return { project, me: me.id, group: groupOf(0), k };
}

/** What the specification chooses, from the full state read back from the database. */
async function specified(db: Db, projectId: number, me: string, group: string | null, k: number, groupMode: boolean) {
  const rows = await queryRows<Unit & { rating_count: number; live: number; done: boolean; groups: string[] | null }>(
    db,
    sql`select u.id, u.response_id, u.dialogue_id, u.position, (select count(*)::int from ratings r where r.unit_id = u.id) as rating_count,
          (select count(*)::int from task_units tu join tasks t on t.id = tu.task_id
           where tu.unit_id = u.id and t.status = 'leased' and t.expires_at > now()) as live,
          exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = ${me})
            or exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = ${me}) as done,
          array(select pm.group_name from ratings r join project_members pm on pm.project_id = u.project_id and pm.user_id = r.annotator_id where r.unit_id = u.id
                union select tu.group_name from task_units tu join tasks t on t.id = tu.task_id
                where tu.unit_id = u.id and t.status = 'leased' and t.expires_at > now() and tu.group_name is not null) as groups
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
  const input = {
    annotatorId: me,
    annotatorGroup: group,
    k,
    groupMode,
    ownLiveLease: own.length ? { taskId: String(own[0].id) } : null,
    doneByAnnotator: new Set(rows.filter((r) => r.done).map((r) => String(r.id))),
    activeDialogues: new Set(active.map((a) => String(a.dialogue_id))),
    candidates,
  };
  return { choice: chooseNextTask(input), rules: rulesThatDecided(input) };
}

/** Which ordering rules the choice in this state turns on: the test requires every one of them to occur,
 *  so that a claim ignoring one of them cannot pass. */
function rulesThatDecided(input: Parameters<typeof chooseNextTask>[0]) {
  if (input.ownLiveLease) return [];
  const eligible = input.candidates.filter((c) => isEligible(c, input));
  if (!eligible.length) return [];
  const best = eligible.reduce((a, c) => (compareCandidates(c, a, input.activeDialogues) < 0 ? c : a));
  const fill = (c: Candidate) => c.ratings + c.liveLeases;
  const active = (c: Candidate) => input.activeDialogues.has(c.dialogueId);
  const rules = [];
  // a unit earlier in import order waits because this one is closer to completion
  if (eligible.some((c) => c.position < best.position && fill(c) < fill(best))) rules.push("fuller first");
  // at equal fill, a sibling of the dialogue the annotator is on comes before an earlier unit
  if (active(best) && eligible.some((c) => !active(c) && fill(c) === fill(best) && c.position < best.position)) rules.push("siblings next");
  // a fuller unit elsewhere still comes before the annotator's dialogue
  if (!active(best) && eligible.some((c) => active(c) && fill(c) < fill(best))) rules.push("fuller before siblings");
  return rules;
}

describe("the database claim agrees with chooseNextTask", () => {
  const seeds = Array.from({ length: process.env.DATABASE_URL ? 60 : 25 }, (_, i) => 1000 + i);
  it(`on ${seeds.length} random queue states`, async () => {
    const kinds = new Set<string>();
    const rules = new Set<string>();
    for (const seed of seeds) {
      const s = await randomState(t.db, seed);
      const { choice: expected, rules: decided } = await specified(t.db, s.project.id, s.me, s.group, s.k, s.project.groupMode);
      const got = await claimNextTask(t.db, s.project, s.me);
      kinds.add(expected.kind);
      for (const r of decided) rules.add(r);
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
    // the random states exercise every outcome, and every ordering rule decides some of them
    expect([...kinds].sort()).toEqual(["new", "none", "resume"]);
    expect([...rules].sort()).toEqual(["fuller before siblings", "fuller first", "siblings next"]);
  }, 120_000);
});
