// The qualification round and the feedback, end to end through the claim and the submit: a new
// annotator gets only gold until the round ends, then joins the queue or is paused with the reason.
// The automatic pause below the running gold accuracy, and a manager's resume, after which only the
// gold ratings made since count (and as many of them as at first are needed before another pause).
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { MIN_GOLD_FOR_PAUSE, parsePauseReason } from "~/domain/stats/gold-checks";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { markGold } from "../gold.server";
import { claimNextTask } from "../queue/claim.server";
import { setPaused } from "../queue/manage.server";
import { submitRatings } from "../queue/submit.server";
import { afterSubmit } from "./after-submit.server";

const t = useTestDb();

async function setup(feedback: boolean, size = { units: 3, dialogues: 6 }) {
  const { project, annotators } = await makeQueueProject(t.db, {
    dialogues: size.dialogues,
    models: 1,
    annotators: 2,
    k: 2,
    maxMetrics: 1,
  });
  const units = await queryRows<{ id: number; min: number }>(
    t.db,
    sql`select u.id, m.scale_min as min from units u join metrics m on m.id = u.metric_id where u.project_id = ${project.id} order by u.position`,
  );
  const gold = units.slice(0, size.units);
  for (const g of gold) await markGold(t.db, project.id, Number(g.id), g.min + 1, 0);
  await t.db.execute(sql`update projects set gold_rate = 0, gold_feedback = ${feedback}, qualification_units = 2,
    qualification_min_accuracy = 0.8 where id = ${project.id}`);
  return { project, annotators, gold: new Map(gold.map((g) => [Number(g.id), g.min + 1])) };
}

/** Claims a task and scores every unit: the reference (right) or one off it (wrong); normal units get 3. */
async function turn(project: { id: number }, who: string, gold: Map<number, number>, right: boolean) {
  const c = await claimNextTask(t.db, project, who);
  if (c.taskId === null) return { reason: c.reason };
  const ratings = c.task.units.map((u) => ({
    unit_id: u.unit_id,
    score: gold.has(u.unit_id) ? gold.get(u.unit_id)! + (right ? 0 : 1) : 3,
    comment: null,
  }));
  await submitRatings(t.db, { taskId: c.taskId, annotatorId: who }, { idempotencyKey: crypto.randomUUID(), activeMs: 1000, ratings });
  const isGold = c.task.units.every((u) => gold.has(u.unit_id));
  return {
    isGold,
    feedback: await afterSubmit(
      t.db,
      c.taskId,
      ratings.map((r) => r.unit_id),
    ),
  };
}

const member = async (projectId: number, who: string) =>
  (
    await queryRows<{ paused: boolean; paused_reason: string | null; qualified: boolean }>(
      t.db,
      sql`select paused, paused_reason, qualified_at is not null as qualified from project_members where project_id = ${projectId} and user_id = ${who}`,
    )
  )[0];

describe("qualification round", () => {
  it("a failing annotator gets gold only, then is paused with the reason; a passing one joins the queue", async () => {
    const { project, annotators, gold } = await setup(true);
    const [bad, good] = annotators.map((a) => a.id);

    const first = await turn(project, bad, gold, true);
    expect(first.isGold).toBe(true);
    expect(first.feedback).toEqual([expect.objectContaining({ correct: true, tolerance: 0 })]);
    expect(await member(project.id, bad)).toMatchObject({ paused: false, qualified: false });
    const second = await turn(project, bad, gold, false);
    expect(second).toMatchObject({ isGold: true, feedback: [expect.objectContaining({ correct: false })] });
    const m = await member(project.id, bad);
    expect(m.paused).toBe(true);
    expect(parsePauseReason(m.paused_reason)).toEqual({ code: "qualification", accuracy: 0.5, threshold: 0.8 });
    expect(await turn(project, bad, gold, true)).toEqual({ reason: "paused" });

    expect((await turn(project, good, gold, true)).isGold).toBe(true);
    expect((await turn(project, good, gold, true)).isGold).toBe(true);
    expect(await member(project.id, good)).toMatchObject({ paused: false, qualified: true });
    // after the round, at gold_rate 0: normal units only
    expect((await turn(project, good, gold, true)).isGold).toBe(false);
  });

  it("a gold lease let expire in the round is not served again, so the round ends without it", async () => {
    const { project, annotators, gold } = await setup(false);
    await t.db.execute(sql`update projects set qualification_units = 3 where id = ${project.id}`);
    const who = annotators[0].id;
    const lapsed = await claimNextTask(t.db, project, who);
    expect(lapsed.taskId).not.toBeNull();
    await t.db.execute(sql`update tasks set expires_at = now() - interval '1 second' where id = ${lapsed.taskId}`);
    // the two other gold units, right: no gold is left for them, so two ratings end the round of three
    expect(await turn(project, who, gold, true)).toMatchObject({ isGold: true });
    expect(await member(project.id, who)).toMatchObject({ qualified: false });
    expect(await turn(project, who, gold, true)).toMatchObject({ isGold: true });
    expect(await member(project.id, who)).toMatchObject({ paused: false, qualified: true });
  });

  it("silent gold: no feedback, and a task without gold is left alone", async () => {
    const { project, annotators, gold } = await setup(false);
    const r = await turn(project, annotators[0].id, gold, true);
    expect(r).toMatchObject({ isGold: true, feedback: null });
    expect(await afterSubmit(t.db, 1, [-1])).toBeNull();
  });
});

describe("automatic pause below the running gold accuracy, and resume", () => {
  it("after a resume, only gold ratings made since count, and MIN_GOLD_FOR_PAUSE of them are needed again", async () => {
    const { project, annotators, gold } = await setup(false, { units: 16, dialogues: 20 });
    await t.db.execute(
      sql`update projects set gold_rate = 1, qualification_units = 0, pause_below_accuracy = 0.8 where id = ${project.id}`,
    );
    const who = annotators[0].id;
    const gold5 = async (right: boolean[]) => {
      for (const r of right) {
        expect(await member(project.id, who), "paused before the run ended").toMatchObject({ paused: false });
        expect((await turn(project, who, gold, r)).isGold).toBe(true);
      }
    };
    expect(MIN_GOLD_FOR_PAUSE).toBe(5);

    // five wrong: paused at the fifth, not before
    await gold5([false, false, false, false, false]);
    let m = await member(project.id, who);
    expect(m.paused).toBe(true);
    expect(parsePauseReason(m.paused_reason)).toEqual({ code: "gold_accuracy", accuracy: 0, threshold: 0.8 });
    expect(await turn(project, who, gold, true)).toEqual({ reason: "paused" });

    // resumed: the old mistakes no longer count. Four right and one wrong (0.8 since the resume, 0.4
    // overall) keep them working; the sixth, wrong, brings the running accuracy to 4/6 and pauses them
    await setPaused(t.db, project.id, who, false);
    await gold5([true, true, true, true, false]);
    expect(await member(project.id, who)).toMatchObject({ paused: false });
    await turn(project, who, gold, false);
    m = await member(project.id, who);
    expect(m.paused).toBe(true);
    expect(parsePauseReason(m.paused_reason)).toEqual({ code: "gold_accuracy", accuracy: 0.667, threshold: 0.8 });

    // resumed again: the next four wrong answers are below the minimum count, the fifth pauses
    await setPaused(t.db, project.id, who, false);
    await gold5([false, false, false, false, false]);
    expect(await member(project.id, who)).toMatchObject({ paused: true });
  });

  it("a resume of a member who is not paused does not restart their running accuracy", async () => {
    const { project, annotators } = await setup(false);
    const who = annotators[0].id;
    const resumedAt = async () =>
      (
        await queryRows<{ at: string | null }>(
          t.db,
          sql`select resumed_at::text as at from project_members where project_id = ${project.id} and user_id = ${who}`,
        )
      )[0].at;
    await setPaused(t.db, project.id, who, false);
    expect(await resumedAt()).toBeNull();
    await setPaused(t.db, project.id, who, true);
    await setPaused(t.db, project.id, who, false);
    const first = await resumedAt();
    expect(first).not.toBeNull();
    await setPaused(t.db, project.id, who, false);
    expect(await resumedAt()).toBe(first);
  });
});
