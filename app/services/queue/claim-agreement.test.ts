// The database's claim (rolecall_claim) against the specification (chooseNextTask): on many random small
// projects — ratings by others, the claimant's own ratings and skips, live and expired leases, recent
// work of the claimant (some of it too old to count), group mode, gold units (some already rated or
// skipped by the claimant, or leased by them once and let go) at several gold rates and in a
// qualification round, pairwise projects (whose queue items are comparisons, kept as negated ids) —
// both must hand out the same item with the same units.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import type { Db } from "#db/client";
import { type Candidate, chooseGold, chooseNextTask, compareCandidates, isEligible, isGoldDue } from "~/domain/assignment/choose-next-task";
import { ACTIVE_HOURS, activeDialogues } from "~/domain/assignment/active-dialogues";
import { createRng, randomIndex } from "~/domain/random";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { markGold } from "../gold.server";
import { claimNextTask } from "./claim.server";

const t = useTestDb();
/** response_id is the queue's item: the response, or for a pairwise unit its comparison's id negated */
type Unit = { id: number; response_id: number; dialogue_id: number; position: number };

/** Writes a random queue state; returns the claimant. The claim reads the whole queue in its order, so
 *  it must agree with the specification exactly. */
async function randomState(db: Db, seed: number, withGold = false, pairwise = false) {
  const rng = createRng(seed);
  const groups = rng() < 0.3 ? ["A", "B"] : undefined;
  const k = groups ? 2 : 1 + randomIndex(rng, 3);
  const dialogues = 3 + randomIndex(rng, 4);
  const { project, annotators } = await makeQueueProject(db, {
    dialogues,
    models: pairwise ? 3 : 2,
    annotators: 5,
    k,
    groups,
    maxMetrics: 2,
    ...(pairwise ? { pairs: { design: "all" as const } } : {}),
  });
  const units = await queryRows<Unit>(
    db,
    sql`select id, coalesce(-comparison_id, response_id) as response_id, dialogue_id, position from units
        where project_id = ${project.id} order by position`,
  );
  const [me, ...others] = annotators;
  const task = async (who: string, responseId: number, live: boolean, unitIds: number[], group: string | null) => {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into tasks (project_id, annotator_id, response_id, dialogue_id, status, expires_at, comparison_id)
          select ${project.id}, ${who}, coalesce(c.response_a_id, r.id), coalesce(c.dialogue_id, r.dialogue_id), ${live ? "leased" : "submitted"},
                 now() + ${live ? sql`interval '10 minutes'` : sql`interval '-1 minute'`}, c.id
          from (select 1) one left join responses r on r.id = ${responseId} left join comparisons c on c.id = ${-responseId}
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
    await db.execute(
      sql`insert into ratings (project_id, unit_id, annotator_id, task_id, score) values (${project.id}, ${u.id}, ${annotators[i].id}, ${taskId}, 3)`,
    );
  };
  // the claimant has worked on none, one or two of the dialogues (rated or skipped one unit of each,
  // or a few): those are the active ones, whose siblings come first at equal fill, and a fuller unit
  // elsewhere still comes before them
  const dialogueIds = [...new Set(units.map((u) => Number(u.dialogue_id)))];
  const mine = new Set(Array.from({ length: randomIndex(rng, 3) }, () => dialogueIds[randomIndex(rng, dialogueIds.length)]));
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
      await db.execute(
        sql`insert into skips (project_id, unit_id, annotator_id, task_id, reason) values (${project.id}, ${u.id}, ${me.id}, ${taskId}, 'x')`,
      );
    }
    // up to three others rated it or hold a live lease on it: units stand at every fill from 0 to k; in
    // some states every unit is full (nothing is left for the claimant)
    if (full) {
      for (let i = 1; i <= k; i++) await rate(i, u);
      continue;
    }
    const first = randomIndex(rng, others.length);
    for (let j = 0, n = randomIndex(rng, 4); j < n; j++) {
      const i = 1 + ((first + j) % others.length);
      if (rng() < 0.6) await rate(i, u);
      else await task(annotators[i].id, Number(u.response_id), true, [Number(u.id)], groupOf(i));
    }
  }
  // sometimes the claimant holds a live lease of their own (resume), mostly not
  if (rng() < 0.1) await task(me.id, Number(units[0].response_id), true, [], groupOf(0));
  // a lease some other annotator let expire (the claim's sweep must close it and count its unit open)
  if (rng() < 0.5) {
    const u = units[randomIndex(rng, units.length)];
    const id = await task(others[0].id, Number(u.response_id), true, [Number(u.id)], groupOf(1));
    await db.execute(sql`update tasks set expires_at = now() - interval '1 second' where id = ${id}`);
  }
  // some of the claimant's work is from hours ago: those dialogues are no longer active
  if (rng() < 0.4) {
    await db.execute(sql`update tasks set created_at = now() - make_interval(hours => ${ACTIVE_HOURS + 1})
                         where project_id = ${project.id} and annotator_id = ${me.id} and id % 2 = ${randomIndex(rng, 2)}`);
  }
  // the queue's counts, as the claims and submits would have kept them
  await db.execute(sql`select rolecall_recount_fill(${project.id})`);
  // gold (the states of the gold seeds only, so the ordering rules keep their own states): a few units,
  // possibly already rated, skipped or leased, become gold, at a rate from never to always, sometimes
  // with the claimant in a qualification round
  if (withGold) {
    const gold: Unit[] = [];
    for (let j = 0, n = 1 + randomIndex(rng, 3); j < n; j++) {
      const u = units[randomIndex(rng, units.length)];
      await markGold(db, project.id, Number(u.id), 2, null);
      gold.push(u);
    }
    // the claimant once took a lease on a gold unit and let it go unrated: it expired (closed by an
    // earlier sweep, or still waiting for this claim's sweep, its lease counted as the claims keep it)
    // or was released. Served once, it is not served again.
    const letGo = ["expired", "released", "unswept"][randomIndex(rng, 4)];
    if (letGo) {
      const u = gold[randomIndex(rng, gold.length)];
      const id = await task(me.id, Number(u.response_id), true, [Number(u.id)], null);
      if (letGo === "unswept") {
        await db.execute(sql`update tasks set expires_at = now() - interval '1 second' where id = ${id}`);
        await db.execute(sql`update unit_fill set leases = leases + 1 where unit_id = ${u.id}`);
      } else {
        await db.execute(
          sql`update tasks set status = ${letGo}, expires_at = now() - interval '1 second', closed_at = now() where id = ${id}`,
        );
      }
    }
    const rate = [0, 0.5, 1, 1][seed % 4];
    const round = seed % 5 === 0 ? 2 : 0;
    await db.execute(sql`update projects set gold_rate = ${rate}, qualification_units = ${round} where id = ${project.id}`);
  }
  return { project, me: me.id, group: groupOf(0), k };
}

/** What the specification chooses, from the full state read back from the database. */
async function specified(db: Db, projectId: number, me: string, group: string | null, k: number, groupMode: boolean) {
  const rows = await queryRows<Unit & { rating_count: number; live: number; done: boolean; groups: string[] | null }>(
    db,
    sql`select u.id, coalesce(-u.comparison_id, u.response_id) as response_id, u.dialogue_id, u.position, (select count(*)::int from ratings r where r.unit_id = u.id) as rating_count,
          (select count(*)::int from task_units tu join tasks t on t.id = tu.task_id
           where tu.unit_id = u.id and t.status = 'leased' and t.expires_at > now()) as live,
          exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = ${me})
            or exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = ${me}) as done,
          array(select pm.group_name from ratings r join project_members pm on pm.project_id = u.project_id and pm.user_id = r.annotator_id where r.unit_id = u.id
                union select tu.group_name from task_units tu join tasks t on t.id = tu.task_id
                where tu.unit_id = u.id and t.status = 'leased' and t.expires_at > now() and tu.group_name is not null) as groups
        from units u where u.project_id = ${projectId}`,
  );
  const goldRows = await queryRows<{ unit_id: number; response_id: number; position: number }>(
    db,
    sql`select g.unit_id, u.response_id, u.position from gold_units g join units u on u.id = g.unit_id where g.project_id = ${projectId} order by g.unit_id`,
  );
  const [settings] = await queryRows<{ rate: number; round: boolean; last: number | null }>(
    db,
    sql`select p.gold_rate as rate, p.qualification_units > 0 and pm.qualified_at is null as round,
          (select max(id) from tasks where project_id = p.id and annotator_id = ${me}) as last
        from projects p join project_members pm on pm.project_id = p.id and pm.user_id = ${me} where p.id = ${projectId}`,
  );
  // the claim's draw, as isGoldDue documents it
  const draw =
    parseInt(
      crypto
        .createHash("md5")
        .update(`${me}:${settings.last ?? 0}`)
        .digest("hex")
        .slice(0, 8),
      16,
    ) /
    2 ** 32;
  const isGold = new Set(goldRows.map((g) => String(g.unit_id)));
  const leased = await queryRows<{ unit_id: number }>(
    db,
    sql`select unit_id from task_units where project_id = ${projectId} and annotator_id = ${me}`,
  );
  const own = await queryRows<{ id: number }>(
    db,
    sql`select id from tasks where project_id = ${projectId} and annotator_id = ${me} and status = 'leased' and expires_at > now() order by id limit 1`,
  );
  const mine = await queryRows<{ id: number; dialogue_id: number; created_at: string | Date; now: string | Date }>(
    db,
    sql`select t.id, r.dialogue_id, t.created_at, now() as now from tasks t join responses r on r.id = t.response_id
        where t.project_id = ${projectId} and t.annotator_id = ${me}`,
  );
  const now = mine.length ? new Date(mine[0].now) : new Date();
  const active = activeDialogues(
    mine.map((m) => ({ taskId: Number(m.id), dialogueId: String(m.dialogue_id), createdAt: new Date(m.created_at) })),
    now,
  );
  const candidates: Candidate[] = rows
    .filter((r) => !isGold.has(String(r.id)))
    .map((r) => ({
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
    activeDialogues: new Set(active),
    candidates,
    gold: {
      units: goldRows.map((g) => ({ unitId: String(g.unit_id), responseId: String(g.response_id), position: Number(g.position) })),
      due: isGoldDue({ hasGold: goldRows.length > 0, inRound: settings.round, rate: Number(settings.rate), draw }),
      leasedByAnnotator: new Set(leased.map((l) => String(l.unit_id))),
    },
  };
  const choice = chooseNextTask(input);
  const rules = choice.kind === "new" ? rulesThatDecided(input) : [];
  // a gold unit leased once and let go decided the gold task (or that none was left)
  const { units: g, leasedByAnnotator } = input.gold;
  if (choice.kind === "gold" || (choice.kind === "new" && input.gold.due))
    if (
      JSON.stringify(chooseGold(g, input.doneByAnnotator, leasedByAnnotator)) !==
      JSON.stringify(chooseGold(g, input.doneByAnnotator, new Set()))
    )
      rules.push("gold served once");
  return { choice, rules };
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
  const goldSeeds = Array.from({ length: process.env.DATABASE_URL ? 24 : 12 }, (_, i) => 5000 + i);
  const pairwiseSeeds = Array.from({ length: process.env.DATABASE_URL ? 16 : 6 }, (_, i) => 8000 + i);
  it(`on ${seeds.length} random queue states, ${goldSeeds.length} with gold and ${pairwiseSeeds.length} of pairwise projects`, async () => {
    const kinds = new Set<string>();
    const rules = new Set<string>();
    let pairwiseTasks = 0;
    for (const seed of [...seeds, ...goldSeeds, ...pairwiseSeeds]) {
      const s = await randomState(t.db, seed, seed >= 5000 && seed < 8000, seed >= 8000);
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
        expect(got, "nothing in the task tells gold from normal").not.toHaveProperty("gold");
        const [task] = await queryRows<{ response_id: number; units: string[] }>(
          t.db,
          sql`select coalesce(-t.comparison_id, t.response_id) as response_id, array(select tu.unit_id::text from task_units tu join units u on u.id = tu.unit_id where tu.task_id = t.id order by u.position) as units
              from tasks t where t.id = ${got.taskId}`,
        );
        if (seed >= 8000) pairwiseTasks++;
        expect({ response: String(task.response_id), units: task.units }, `seed ${seed}`).toEqual({
          response: expected.responseId,
          units: expected.unitIds,
        });
      }
    }
    // the random states exercise every outcome, and every ordering rule decides some of them
    expect([...kinds].sort()).toEqual(["gold", "new", "none", "resume"]);
    expect(pairwiseTasks, "pairwise states hand out comparisons").toBeGreaterThan(pairwiseSeeds.length / 2);
    expect([...rules].sort()).toEqual(["fuller before siblings", "fuller first", "gold served once", "siblings next"]);
  }, 120_000);
});
