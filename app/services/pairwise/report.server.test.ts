// `report pairwise` (product.md §11) against a real database: choices made through the queue, an imported
// choice (no side shown) and a late one, the exact JSON keys, the cache, and the refusals between modes.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeAnnotators } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { useTestDb } from "../../../test/db";
import { pairwiseAgreement, type Choice } from "~/domain/pairwise";
import { stopReportWorker } from "../reports/compute.server";
import { getReport } from "../reports/reports.server";
import { makeReportFixture } from "../reports/testing";
import { makePairwiseReportFixture } from "./report-fixture";
import { pairwiseReport, type PairwiseReport } from "./report.server";

const t = useTestDb();
afterAll(() => stopReportWorker());

const P_KEYS = ["model", "strength", "ci95", "rank", "wins", "losses", "ties"];

let fixture: Awaited<ReturnType<typeof makePairwiseReportFixture>>;
let report: PairwiseReport;
/** the imported choice: model-2 preferred on a model-1/model-2 unit, by an annotator with no task */
let imported: { unit: number; metric: string };

beforeAll(async () => {
  fixture = await makePairwiseReportFixture(t.db);
  const { project, expected } = fixture;
  const [extra] = await makeAnnotators(t.db, 1);
  const [unit] = await queryRows<{ id: number; metric: string }>(
    t.db,
    sql`select u.id, m.key as metric from units u join metrics m on m.id = u.metric_id join comparisons c on c.id = u.comparison_id
        join responses ra on ra.id = c.response_a_id join models ma on ma.id = ra.model_id
        where u.project_id = ${project.id} and ma.name = 'model-1' order by u.id limit 1`,
  );
  imported = { unit: Number(unit.id), metric: unit.metric };
  await t.db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, task_id, score, source)
                         values (${project.id}, ${imported.unit}, ${extra.id}, null, 3, 'import')`);
  for (const scope of ["overall", imported.metric]) {
    expected.records[scope]["model-2"].wins++;
    expected.records[scope]["model-1"].losses++;
  }
  // a late choice counts nowhere: model-1 "beating" model-0 would break model-0's clean record
  const [late] = await makeAnnotators(t.db, 1);
  await t.db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, task_id, score, late)
                         select ${project.id}, u.id, ${late.id}, null, 3, true from units u
                         join comparisons c on c.id = u.comparison_id join responses ra on ra.id = c.response_a_id
                         join models ma on ma.id = ra.model_id where u.project_id = ${project.id} and ma.name = 'model-0'`);
  report = await pairwiseReport(t.db, project);
});

describe("report pairwise", () => {
  it("has exactly the keys of §11 in its contract part", () => {
    expect(Object.keys(report).slice(0, 3)).toEqual(["project", "overall", "metrics"]);
    expect(report.project).toBe(fixture.project.slug);
    expect(Object.keys(report.overall)).toEqual(["models"]);
    for (const m of report.metrics) expect(Object.keys(m)).toEqual(["metric", "models"]);
    for (const p of [...report.overall.models, ...report.metrics.flatMap((m) => m.models)]) {
      expect(Object.keys(p)).toEqual(P_KEYS);
      expect(p.ci95).toHaveLength(2);
      for (const x of [p.strength, ...p.ci95]) expect(Math.abs(x * 1e6 - Math.round(x * 1e6))).toBeLessThan(1e-6);
    }
    const metricsUsed = new Set(Object.keys(fixture.expected.records).filter((k) => k !== "overall"));
    expect(new Set(report.metrics.map((m) => m.metric))).toEqual(metricsUsed);
  });

  it("ranks the model that always wins first, with the highest strength inside its interval", () => {
    for (const scope of [report.overall, ...report.metrics]) {
      const [first, ...rest] = scope.models;
      expect(first).toMatchObject({ model: "model-0", rank: 1, losses: 0 });
      for (const other of rest) expect(other.strength).toBeLessThan(first.strength);
      for (const p of scope.models) {
        expect(p.ci95[0]).toBeLessThanOrEqual(p.strength);
        expect(p.ci95[1]).toBeGreaterThanOrEqual(p.strength);
      }
      expect(Math.abs(scope.models.reduce((s, p) => s + p.strength, 0))).toBeLessThan(1e-5);
      expect(scope.models.map((p) => p.rank)).toEqual([...scope.models.map((p) => p.rank)].sort());
    }
  });

  it("counts wins, losses and ties as the annotators chose, the imported choice in, the late one out", () => {
    const records = (models: PairwiseReport["overall"]["models"]) =>
      Object.fromEntries(models.map((p) => [p.model, { wins: p.wins, losses: p.losses, ties: p.ties }]));
    expect(records(report.overall.models)).toEqual(fixture.expected.records.overall);
    for (const m of report.metrics) expect(records(m.models), m.metric).toEqual(fixture.expected.records[m.metric]);
    expect(fixture.expected.records.overall["model-1"].ties).toBeGreaterThan(0);
    // the heatmap's matrix: a row's wins against each column add up to its record
    for (const [k, scope] of [["overall", report.overall], ...report.metrics.map((m) => [m.metric, m] as const)] as const) {
      const matrix = k === "overall" ? report.matrix.overall : report.matrix.metrics.find((m) => m.metric === k)!;
      expect(matrix.models).toEqual(scope.models.map((p) => p.model));
      scope.models.forEach((p, i) => {
        const sum = (row: number[]) => row.reduce((s, x) => s + x, 0);
        expect(sum(matrix.wins[i])).toBe(p.wins);
        expect(sum(matrix.wins.map((row) => row[i]))).toBe(p.losses);
        expect(sum(matrix.ties[i])).toBe(p.ties);
      });
    }
  });

  it("reports positional bias over the workspace's choices only, and agreement over units judged twice", async () => {
    const { left, right, ties } = fixture.expected.bias;
    expect(report.positional_bias.overall).toMatchObject({ judgments: left + right + ties, left, right, ties });
    expect(report.positional_bias.overall.left_share).toBeCloseTo(left / (left + right), 12);
    const [lo, hi] = report.positional_bias.overall.left_ci95!;
    expect(lo).toBeLessThan(left / (left + right));
    expect(hi).toBeGreaterThan(left / (left + right));
    expect(report.positional_bias.overall.tie_share).toBeCloseTo(ties / (left + right + ties), 12);

    const rows = await queryRows<{ unit_id: number; score: number }>(
      t.db,
      sql`select unit_id, score from ratings where project_id = ${fixture.project.id} and not late order by unit_id`,
    );
    const byUnit = new Map<number, Choice[]>();
    for (const r of rows)
      byUnit.set(Number(r.unit_id), [...(byUnit.get(Number(r.unit_id)) ?? []), (["a", "tie", "b"] as const)[r.score - 1]]);
    const want = pairwiseAgreement([...byUnit.values()]);
    expect(report.agreement.overall).toEqual(want);
    expect(want.units).toBe(fixture.units); // k = 2: every unit judged twice (one of them three times)
    expect(want.fleiss_kappa).toBeNull(); // the imported third choice makes the counts unequal
    expect(want.majority_share).toBeGreaterThan(0);
    const clean = report.agreement.metrics.filter((m) => m.metric !== imported.metric);
    expect(clean.length).toBeGreaterThan(0);
    for (const m of clean) expect(m.fleiss_kappa).not.toBeNull();
  });

  it("is cached by the data stamp, recomputed after a new choice, and the same on every computation", async () => {
    const [row] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from report_cache where project_id = ${fixture.project.id} and kind = 'pairwise'`,
    );
    expect(row.n).toBe(1);
    expect(await pairwiseReport(t.db, fixture.project)).toEqual(report);
    await t.db.execute(sql`delete from report_cache where project_id = ${fixture.project.id}`);
    expect(await pairwiseReport(t.db, { id: fixture.project.id, slug: fixture.project.slug })).toEqual(report);
    const [another] = await makeAnnotators(t.db, 1);
    await t.db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, task_id, score, source)
                           values (${fixture.project.id}, ${imported.unit}, ${another.id}, null, 1, 'import')`);
    const after = await pairwiseReport(t.db, fixture.project);
    const wins = (r: PairwiseReport) => r.overall.models.find((p) => p.model === "model-1")!.wins;
    expect(wins(after)).toBe(wins(report) + 1);
  });

  it("is an empty document for a pairwise project with nothing to compare yet", async () => {
    const empty = await makeProject(t.db);
    await t.db.execute(sql`update projects set mode = 'pairwise' where id = ${empty.id}`);
    const r = await pairwiseReport(t.db, { id: empty.id, slug: empty.slug });
    expect(r).toMatchObject({ project: empty.slug, overall: { models: [] }, metrics: [] });
    expect(r.agreement.overall).toEqual({ units: 0, judgments: 0, fleiss_kappa: null, majority_share: null });
    expect(r.positional_bias.overall).toMatchObject({ judgments: 0, left_share: null, left_ci95: null, tie_share: null });
  });

  it("refuses the pairwise report of a scoring project and the scoring reports of a pairwise project (400, keyed)", async () => {
    const { project: scoring } = await makeReportFixture(t.db, { dialogues: 4 });
    await expect(pairwiseReport(t.db, scoring)).rejects.toMatchObject({
      status: 400,
      i18n: { key: "pairwiseReport.errors.scoringProject" },
      message: expect.stringMatching(/scoring project/),
    });
    for (const kind of ["agreement", "judges", "leaderboard"] as const) {
      await expect(getReport(t.db, { id: fixture.project.id, slug: fixture.project.slug }, kind)).rejects.toMatchObject({
        status: 400,
        i18n: { key: "pairwiseReport.errors.pairwiseProject", params: { report: kind } },
      });
    }
  });
});
