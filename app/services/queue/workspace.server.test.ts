import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { claimNextTask } from "./claim.server";
import { submitRatings } from "./submit.server";
import { taskPayload } from "./task-view.server";
import { annotatorDashboard } from "./workspace.server";

const t = useTestDb();

async function claimAndSubmit(project: Parameters<typeof claimNextTask>[1], annotatorId: string) {
  const c = await claimNextTask(t.db, project, annotatorId);
  if (c.taskId === null) throw new Error(`nothing to claim: ${c.reason}`);
  const payload = await taskPayload(t.db, c.taskId);
  await submitRatings(t.db, { taskId: c.taskId, annotatorId }, {
    idempotencyKey: crypto.randomUUID(),
    activeMs: 500,
    ratings: payload.units.map((u) => ({ unit_id: u.unit_id, score: 3, comment: null })),
  });
  return payload.units.length;
}

describe("the annotator's progress on the task screen", () => {
  it("counts the ratings the project still needs down with every submit, anyone's, and counts today's tasks and own ratings", async () => {
    const { project, annotators, units } = await makeQueueProject(t.db, { dialogues: 6, models: 2, annotators: 2, k: 2 });
    const [a, b] = annotators;
    expect(await annotatorDashboard(t.db, project, a.id)).toEqual({ today: 0, rated: 0, ratingsLeft: 2 * units });

    let needed = 2 * units;
    let rated = 0;
    let today = 0;
    for (const who of [a, b, a]) {
      const n = await claimAndSubmit(project, who.id);
      needed -= n;
      if (who === a) {
        rated += n;
        today += 1;
      }
      expect(await annotatorDashboard(t.db, project, a.id)).toEqual({ today, rated, ratingsLeft: needed });
    }
  });

  it("in group mode a unit needs one rating per group, whatever overlap k says", async () => {
    const { project, annotators, units } = await makeQueueProject(t.db, { dialogues: 4, models: 2, annotators: 4, k: 3, groups: ["A", "B"] });
    expect((await annotatorDashboard(t.db, project, annotators[0].id)).ratingsLeft).toBe(2 * units);
    const n = await claimAndSubmit(project, annotators[0].id);
    expect((await annotatorDashboard(t.db, project, annotators[1].id)).ratingsLeft).toBe(2 * units - n);
  });
});
