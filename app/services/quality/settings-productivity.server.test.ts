// The quality settings through the one project-settings update, and the queue page's productivity.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { updateProjectSettings } from "../project-settings.server";
import { markGold } from "../gold.server";
import { productivity } from "./productivity.server";

const t = useTestDb();

describe("quality settings", () => {
  it("are saved, checked by field, and a round switched on leaves out members who have rated", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 2, models: 1, annotators: 2, k: 2 });
    const [u] = await queryRows<{ id: number }>(t.db, sql`select id from units where project_id = ${project.id} limit 1`);
    await t.db.execute(
      sql`insert into ratings (project_id, unit_id, annotator_id, score) values (${project.id}, ${u.id}, ${annotators[0].id}, 3)`,
    );
    await updateProjectSettings(t.db, project.id, null, {
      goldFeedback: true,
      qualificationUnits: 3,
      qualificationMinAccuracy: 0.7,
      pauseBelowAccuracy: 0.5,
      goldTolerance: 0,
    });
    const [p] = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select gold_feedback, qualification_units, qualification_min_accuracy, pause_below_accuracy, gold_tolerance from projects where id = ${project.id}`,
    );
    expect(p).toEqual({
      gold_feedback: true,
      qualification_units: 3,
      qualification_min_accuracy: 0.7,
      pause_below_accuracy: 0.5,
      gold_tolerance: 0,
    });
    const members = await queryRows<{ user_id: string; qualified: boolean }>(
      t.db,
      sql`select user_id, qualified_at is not null as qualified from project_members where project_id = ${project.id}`,
    );
    expect(Object.fromEntries(members.map((m) => [m.user_id, m.qualified]))).toEqual({
      [annotators[0].id]: true,
      [annotators[1].id]: false,
    });
    await expect(updateProjectSettings(t.db, project.id, null, { pauseBelowAccuracy: 2 })).rejects.toMatchObject({
      status: 400,
      field: "pause-below-accuracy",
    });
    await updateProjectSettings(t.db, project.id, null, { pauseBelowAccuracy: null });
    const [q] = await queryRows<{ v: number | null }>(t.db, sql`select pause_below_accuracy as v from projects where id = ${project.id}`);
    expect(q.v).toBeNull();
  });
});

describe("productivity", () => {
  it("ratings per hour over 24 h, median time per unit, ratings still needed without gold, and the estimate", async () => {
    const { project, annotators, units } = await makeQueueProject(t.db, { dialogues: 3, models: 1, annotators: 1, k: 2 });
    const ids = await queryRows<{ id: number; response_id: number }>(
      t.db,
      sql`select id, response_id from units where project_id = ${project.id} order by position`,
    );
    await markGold(t.db, project.id, Number(ids.at(-1)!.id), 1, null);
    const two = ids.find((x) => ids.filter((y) => y.response_id === x.response_id).length >= 2)!.response_id;
    const [task] = await queryRows<{ id: number }>(
      t.db,
      sql`insert into tasks (project_id, annotator_id, response_id, dialogue_id, status, expires_at)
          select ${project.id}, ${annotators[0].id}, r.id, r.dialogue_id, 'submitted', now() from responses r where r.id = ${two} returning id`,
    );
    // 24 ratings in 24 hours would be 1 per hour; here 2 ratings of one task with 4 s of work: 2 s per unit
    for (const u of ids.filter((x) => x.response_id === two).slice(0, 2))
      await t.db.execute(
        sql`insert into ratings (project_id, unit_id, annotator_id, task_id, score, active_ms) values (${project.id}, ${u.id}, ${annotators[0].id}, ${task.id}, 3, 4000)`,
      );
    await t.db.execute(sql`select rolecall_recount_fill(${project.id})`);
    const p = await productivity(t.db, project.id, 2);
    expect(p.ratingsPerHour).toBeCloseTo(2 / 24, 10);
    expect(p.medianMsPerUnit).toBe(2000);
    // every normal unit needs 2 ratings, less the 2 given; the gold unit needs none
    expect(p.remaining).toBe((units - 1) * 2 - 2);
    expect(p.etaMs! - Date.now()).toBeGreaterThan(((units - 1) * 2 - 3) * 12 * 3_600_000);
  });
});
