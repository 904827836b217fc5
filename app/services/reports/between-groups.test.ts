// Between-group agreement in the agreement report (group mode): the groups come through the load from
// project_members, and the values equal app/domain/stats on group means read back with plain queries.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { betweenGroupAlpha, betweenGroupAlphaCI } from "~/domain/stats";
import { agreementText } from "~/domain/reports/text";
import { useTestDb } from "../../../test/db";
import { clearReportCache } from "./cache.server";
import { stopReportWorker } from "./compute.server";
import { getReport } from "./reports.server";
import { makeReportFixture } from "./testing";

const t = useTestDb();
afterAll(() => stopReportWorker());

/** Group means per unit, per metric, from a plain query (members without a group left out). */
async function groupMeans(projectId: number) {
  const rows = await queryRows<{ metric: string; unit: string; group_name: string; mean: number }>(
    t.db,
    sql`select m.key as metric, r.unit_id as unit, pm.group_name, avg(r.score)::float8 as mean
        from ratings r join units u on u.id = r.unit_id join metrics m on m.id = u.metric_id
        join project_members pm on pm.project_id = r.project_id and pm.user_id = r.annotator_id
        where r.project_id = ${projectId} and pm.group_name is not null
        group by m.key, r.unit_id, pm.group_name order by r.unit_id, pm.group_name`,
  );
  const byUnit = new Map<string, { metric: string; values: number[] }>();
  for (const r of rows) {
    const entry = byUnit.get(r.unit) ?? { metric: r.metric, values: [] };
    entry.values.push(Number(r.mean));
    byUnit.set(r.unit, entry);
  }
  return [...byUnit.values()].filter((u) => u.values.length >= 2);
}

async function groupProject(groups: (string | null)[]) {
  const fixture = await makeReportFixture(t.db);
  await t.db.execute(sql`update projects set group_mode = true where id = ${fixture.project.id}`);
  for (const [i, rater] of fixture.raters.entries()) {
    await t.db.execute(
      sql`update project_members set group_name = ${groups[i] ?? null} where project_id = ${fixture.project.id} and user_id = ${rater.id}`,
    );
  }
  await clearReportCache(t.db, fixture.project.id);
  return fixture;
}

describe("agreement report: between groups", () => {
  it("is null outside group mode, and the existing keys are unchanged", async () => {
    const { project } = await makeReportFixture(t.db, { dialogues: 6 });
    const report = await getReport(t.db, project, "agreement", "wait");
    expect(Object.keys(report)).toEqual(["project", "overall", "metrics", "annotators", "bootstrap", "between_groups"]);
    expect(report.between_groups).toBeNull();
    expect(Object.keys(report.bootstrap)).toEqual(["status", "seed", "iterations", "overall", "metrics"]);
    expect(agreementText(report)).not.toContain("Between groups");
  });

  it("gives α of the group means per metric and overall, with the seeded intervals once ready", async () => {
    // two raters in group A (their ratings on a unit are averaged), one in B, one without a group
    const { project } = await groupProject(["A", "A", "B", null]);
    const pending = await getReport(t.db, project, "agreement", "none");
    expect(pending.between_groups?.overall.alpha_interval_ci95).toBeNull();

    const report = await getReport(t.db, project, "agreement", "wait");
    const bg = report.between_groups!;
    expect(bg.groups).toEqual(["A", "B"]);
    expect(Object.keys(bg.overall)).toEqual(["units", "alpha_interval", "alpha_ordinal", "alpha_interval_ci95", "alpha_ordinal_ci95"]);
    expect(Object.keys(report.bootstrap)).not.toContain("between_groups");

    const units = await groupMeans(project.id);
    expect(units.length).toBeGreaterThan(10);
    expect(units.some((u) => !Number.isInteger(u.values[0]))).toBe(true); // some group A means average two ratings
    const options = { seed: report.bootstrap.seed, iterations: report.bootstrap.iterations };
    const all = units.map((u) => u.values);
    expect(bg.overall).toEqual({ ...betweenGroupAlpha(all), ...betweenGroupAlphaCI(all, options) });
    expect(bg.overall.alpha_interval).not.toBeNull();
    expect(bg.metrics.map((m) => m.metric)).toEqual(report.metrics.map((m) => m.metric));
    for (const m of bg.metrics) {
      const mine = units.filter((u) => u.metric === m.metric).map((u) => u.values);
      const { metric, ...values } = m;
      expect(values, metric).toEqual({ ...betweenGroupAlpha(mine), ...betweenGroupAlphaCI(mine, options) });
    }
    // served from the cache the same way
    expect((await getReport(t.db, project, "agreement", "wait")).between_groups).toEqual(bg);
    const text = agreementText(report);
    expect(text).toContain("Between groups (A, B)");
    expect(text).toContain(bg.overall.units.toLocaleString("en-US"));
  });

  it("has no units and null α when only one group has rated", async () => {
    const { project } = await groupProject(["A", "A", null, null]);
    const report = await getReport(t.db, project, "agreement", "wait");
    expect(report.between_groups).toMatchObject({
      groups: ["A"],
      overall: { units: 0, alpha_interval: null, alpha_ordinal: null, alpha_interval_ci95: null, alpha_ordinal_ci95: null },
    });
  });
});
