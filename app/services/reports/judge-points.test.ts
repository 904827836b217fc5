// The judge scatter's tooltip names each point's unit: dialogue id and model, from this project only.
import { describe, expect, it } from "vitest";
import { makeReportFixture } from "./testing";
import { useTestDb } from "../../../test/db";
import { getJudgePoints, getReport } from "./reports.server";
import { metricsInUse, nameJudgePoints } from "./page.server";
import { listUnits } from "../exports/testing/helpers";

const t = useTestDb();

describe("judge scatter points", () => {
  it("carry the unit's dialogue id and model", async () => {
    const { project } = await makeReportFixture(t.db);
    const report = await getReport(t.db, project, "judges", "none");
    const metric = report.judges[0].metrics.find((m) => m.n > 0)!.metric;
    const raw = (await getJudgePoints(t.db, project, report.judges[0].judge, metric))!;
    expect(raw.points.every((p) => typeof p.unit === "number")).toBe(true);
    const named = await nameJudgePoints(t.db, project.id, raw);
    const units = new Map((await listUnits(t.db, project.id)).map((u) => [u.id, u]));
    expect(named.points).toHaveLength(raw.points.length);
    named.points.forEach((p, i) => {
      const u = units.get(raw.points[i].unit!)!;
      expect(p).toEqual({ human: raw.points[i].human, judge: raw.points[i].judge, dialogue: u.dialogue, model: u.model });
    });
    // another project's unit ids name nothing
    const other = await makeReportFixture(t.db, { dialogues: 2 });
    expect((await nameJudgePoints(t.db, other.project.id, raw)).points.every((p) => p.dialogue === undefined)).toBe(true);
  });

  it("lists only the metrics some dialogue is scored on", async () => {
    const { project } = await makeReportFixture(t.db, { dialogues: 1 });
    const used = await metricsInUse(t.db, project.id);
    const subset = new Set((await listUnits(t.db, project.id)).map((u) => u.metric));
    expect(new Set(used)).toEqual(subset);
    expect(used.length).toBeLessThan(12);
  });
});
