import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { claimNextTask } from "./claim.server";
import { submitRatings } from "./submit.server";
import { taskPayload } from "./task-view.server";
import { annotatorDashboard } from "./workspace.server";

const t = useTestDb();

describe("the annotator's progress on the task screen", () => {
  it("counts down the units left with every submit in a small project, and counts today's tasks and own ratings", async () => {
    const { project, annotators, units } = await makeQueueProject(t.db, { dialogues: 6, models: 2, annotators: 2, k: 1 });
    const [a, b] = annotators;
    const start = await annotatorDashboard(t.db, project.id, a.id, 1);
    expect(start).toEqual({ today: 0, rated: 0, left: units });

    let rated = 0;
    let today = 0;
    for (let i = 0; i < 3; i++) {
      const who = i === 1 ? b : a;
      const c = await claimNextTask(t.db, project, who.id);
      const payload = await taskPayload(t.db, c.taskId!);
      await submitRatings(t.db, { taskId: c.taskId!, annotatorId: who.id }, {
        idempotencyKey: crypto.randomUUID(),
        activeMs: 500,
        ratings: payload.units.map((u) => ({ unit_id: u.unit_id, score: 3, comment: null })),
      });
      if (who === a) {
        rated += payload.units.length;
        today += 1;
      }
      const now = await annotatorDashboard(t.db, project.id, a.id, 1);
      // another annotator's ratings count for the project too, at once
      const [{ open }] = await queryRows<{ open: number }>(t.db, sql`select count(*)::int as open from units where project_id = ${project.id} and rating_count < 1`);
      expect(now.left).toBe(Number(open));
      expect(now.rated).toBe(rated);
      expect(now.today).toBe(today);
    }
    expect((await annotatorDashboard(t.db, project.id, a.id, 1)).left).toBeLessThan(units);
  });
});
