import { describe, expect, it } from "vitest";
import { claimAndSubmit, makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { metricProgress } from "./manage.server";
import { ratingsPerUnit } from "./target.server";
import { annotatorDashboard } from "./workspace.server";

const t = useTestDb();

describe("ratings a unit needs", () => {
  it("is overlap k outside group mode", async () => {
    const { project } = await makeQueueProject(t.db, { dialogues: 2, models: 1, annotators: 1, k: 3 });
    expect(await ratingsPerUnit(t.db, project)).toBe(3);
  });

  it("is one per group with annotators in group mode, whatever k says: the task screen and the queue page count as the claim does", async () => {
    // annotators alternate between groups A and B
    const { project, annotators, units } = await makeQueueProject(t.db, {
      dialogues: 4,
      models: 2,
      annotators: 4,
      k: 3,
      groups: ["A", "B"],
    });
    expect(await ratingsPerUnit(t.db, project)).toBe(2);
    expect((await annotatorDashboard(t.db, project, annotators[0].id)).ratingsLeft).toBe(2 * units);

    const n = await claimAndSubmit(t.db, project, annotators[0].id); // group A
    expect((await annotatorDashboard(t.db, project, annotators[1].id)).ratingsLeft).toBe(2 * units - n);
    expect(await claimAndSubmit(t.db, project, annotators[1].id)).toBe(n); // group B completes the same response
    const done = (await metricProgress(t.db, project.id, await ratingsPerUnit(t.db, project))).reduce((s, m) => s + m.done, 0);
    expect(done).toBe(n);
    expect((await annotatorDashboard(t.db, project, annotators[2].id)).ratingsLeft).toBe(2 * units - 2 * n);
  });
});
