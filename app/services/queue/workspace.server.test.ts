import { describe, expect, it } from "vitest";
import { claimAndSubmit, makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { annotatorDashboard } from "./workspace.server";

const t = useTestDb();

describe("the annotator's progress on the task screen", () => {
  it("counts the ratings the project still needs down with every submit, anyone's, and counts today's tasks and own ratings", async () => {
    const { project, annotators, units } = await makeQueueProject(t.db, { dialogues: 6, models: 2, annotators: 2, k: 2 });
    const [a, b] = annotators;
    expect(await annotatorDashboard(t.db, project, a.id)).toEqual({ today: 0, rated: 0, ratingsLeft: 2 * units });

    let needed = 2 * units;
    let rated = 0;
    let today = 0;
    for (const who of [a, b, a]) {
      const n = await claimAndSubmit(t.db, project, who.id);
      needed -= n;
      if (who === a) {
        rated += n;
        today += 1;
      }
      expect(await annotatorDashboard(t.db, project, a.id)).toEqual({ today, rated, ratingsLeft: needed });
    }
  });
});
