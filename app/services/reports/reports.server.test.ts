import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { ratings, users } from "#db/schema";
import { agreementSummary, annotatorAgreement, bootstrapAlphaCI, correlationSummary, humanCeiling, meanWithCI } from "~/domain/stats";
import { useTestDb } from "../../../test/db";
import { bumpRatingsVersion, clearReportCache } from "./cache.server";
import { stopReportWorker } from "./compute.server";
import { computeJudgePoints } from "~/domain/reports/judges";
import { getJudgePoints, getReport } from "./reports.server";
import { makeCorpus } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { makeReportFixture } from "./testing";

const t = useTestDb();
afterAll(() => stopReportWorker());

const A_KEYS = ["units", "ratings", "alpha_interval", "alpha_ordinal", "fleiss_kappa", "exact_agreement", "within_one"];
const C_KEYS = ["n", "pearson", "pearson_p", "pearson_ci95", "spearman", "spearman_p", "kendall_tau_b", "kendall_p"];

/** Deep equality with numbers equal to 1e-12 (sums may be taken in another order). */
function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  } else if (expected && typeof expected === "object") {
    expect(actual, path).toBeTypeOf("object");
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const k of Object.keys(expected))
      expectClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
  } else expect(actual, path).toEqual(expected);
}

/** The report inputs read back with plain queries and objects: units in id order, ratings by annotator e-mail. */
async function independent(projectId: number) {
  const metrics = await queryRows<{ key: string; dimension: string }>(
    t.db,
    sql`select key, dimension from metrics where project_id = ${projectId} order by position, id`,
  );
  const unitRows = await queryRows<{ id: string; metric: string; model: string; adjudicated: number | null }>(
    t.db,
    sql`select u.id, m.key as metric, md.name as model, a.score as adjudicated from units u join metrics m on m.id = u.metric_id
        join responses r on r.id = u.response_id join models md on md.id = r.model_id left join adjudications a on a.unit_id = u.id
        where u.project_id = ${projectId} order by u.id`,
  );
  const ratingRows = await queryRows<{ unit: string; email: string; score: number }>(
    t.db,
    sql`select r.unit_id as unit, us.email, r.score from ratings r join users us on us.id = r.annotator_id
        where r.project_id = ${projectId} order by r.unit_id, lower(us.email)`,
  );
  const judgeRows = await queryRows<{ judge: string; unit: string; score: number }>(
    t.db,
    sql`select j.name as judge, js.unit_id as unit, js.score from judge_scores js join judges j on j.id = js.judge_id where js.project_id = ${projectId}`,
  );
  const units = unitRows.map((u) => ({ ...u, scores: ratingRows.filter((r) => r.unit === u.id).map((r) => r.score) }));
  const human = (u: (typeof units)[number]) =>
    u.adjudicated ?? (u.scores.length ? u.scores.reduce((a, b) => a + b, 0) / u.scores.length : null);
  return { metrics, units, ratingRows, judgeRows, human };
}

describe("reports", () => {
  it("agreement: shape A exactly, values of app/domain/stats on the same data, intervals when waited for", async () => {
    const { project } = await makeReportFixture(t.db);
    const report = await getReport(t.db, project, "agreement", "wait");
    expect(Object.keys(report)).toEqual(["project", "overall", "metrics", "annotators", "bootstrap", "between_groups"]);
    expect(report.project).toBe(project.slug);
    expect(Object.keys(report.overall)).toEqual(A_KEYS);
    for (const m of report.metrics) expect(Object.keys(m)).toEqual(["metric", ...A_KEYS]);

    const d = await independent(project.id);
    const scale = [1, 2, 3, 4, 5];
    expectClose(
      report.overall,
      agreementSummary(
        d.units.map((u) => u.scores),
        scale,
      ),
    );
    expect(report.metrics.map((m) => m.metric)).toEqual(d.metrics.map((m) => m.key));
    for (const m of report.metrics) {
      const { metric, ...a } = m;
      expectClose(
        a,
        agreementSummary(
          d.units.filter((u) => u.metric === metric).map((u) => u.scores),
          scale,
        ),
      );
    }
    expect(report.overall.units).toBeGreaterThan(0);
    expect(report.metrics.some((m) => m.units > 0 && m.fleiss_kappa === null)).toBe(true); // mixed 2 and 3 ratings
    expectClose(report.annotators, annotatorAgreement(d.ratingRows.map((r) => ({ unit: r.unit, annotator: r.email, score: r.score }))));

    expect(report.bootstrap.status).toBe("ready");
    const pairable = d.units.map((u) => u.scores).filter((s) => s.length >= 2);
    expectClose(report.bootstrap.overall, {
      alpha_interval_ci95: bootstrapAlphaCI(pairable, "interval", { seed: 1, iterations: 1000 }),
      alpha_ordinal_ci95: bootstrapAlphaCI(pairable, "ordinal", { seed: 1, iterations: 1000 }),
    });
  });

  it("judges: shape C per judge and metric against the consensus, human ceiling with its seeded split", async () => {
    const { project } = await makeReportFixture(t.db);
    const report = await getReport(t.db, project, "judges", "none");
    expect(Object.keys(report)).toEqual(["project", "judges", "human_ceiling"]);
    expect(report.judges.map((j) => j.judge)).toEqual(["CharacterRM", "gpt-4"]);
    const d = await independent(project.id);
    for (const j of report.judges) {
      expect(Object.keys(j)).toEqual(["judge", "overall", "metrics"]);
      expect(Object.keys(j.overall)).toEqual(C_KEYS);
      const scoreOf = new Map(d.judgeRows.filter((r) => r.judge === j.judge).map((r) => [r.unit, r.score]));
      const pairs = (metric?: string) => {
        const both = d.units.filter((u) => (!metric || u.metric === metric) && d.human(u) !== null && scoreOf.has(u.id));
        return [both.map((u) => d.human(u)!), both.map((u) => scoreOf.get(u.id)!)] as const;
      };
      expectClose(j.overall, correlationSummary(...pairs()));
      for (const m of j.metrics) {
        const { metric, ...c } = m;
        expectClose(c, correlationSummary(...pairs(metric)));
      }
    }
    expectClose(
      report.human_ceiling.overall,
      humanCeiling(
        d.units.map((u) => u.scores),
        1,
      ),
    );
    for (const m of report.human_ceiling.metrics) {
      const { metric, ...c } = m;
      expectClose(
        c,
        humanCeiling(
          d.units.filter((u) => u.metric === metric).map((u) => u.scores),
          1,
        ),
      );
    }
    expect(report.judges[0].overall.n).toBeGreaterThan(10);

    // the scatter points come from the same snapshot: as many units as the correlation's n
    const first = report.judges[1].metrics[0];
    const points = await getJudgePoints(t.db, project, "gpt-4", first.metric);
    expect(points?.total).toBe(first.n);
    expect(points?.points).toHaveLength(first.n);
    expect(await getJudgePoints(t.db, project, "nobody", first.metric)).toBeNull();
  });

  it("thins scatter points evenly to the limit", () => {
    const d = {
      metrics: [{ key: "Fluency", dimension: "d", scaleMin: 1, scaleMax: 5, higherIsBetter: true }],
      judges: ["j"],
      unitCount: 10,
      unitMetric: new Int32Array(10),
      adjudicated: Float64Array.from({ length: 10 }, (_, i) => i),
      start: new Int32Array(11),
      score: new Float64Array(0),
      judgeScore: [Float64Array.from({ length: 10 }, (_, i) => i / 3)],
    } as unknown as Parameters<typeof computeJudgePoints>[0];
    const [p] = computeJudgePoints(d, 4);
    expect(p.total).toBe(10);
    expect(p.points).toEqual([0, 2, 5, 7].map((i) => ({ human: i, judge: Math.round((i / 3) * 1e4) / 1e4 })));
  });

  it("leaderboard: per model, metric, dimension and overall, human and each judge, with ranks", async () => {
    const { project } = await makeReportFixture(t.db);
    const report = await getReport(t.db, project, "leaderboard", "none");
    expect(Object.keys(report)).toEqual(["project", "models"]);
    const d = await independent(project.id);
    expect(report.models.map((m) => m.model)).toEqual(["alpha-bot", "beta-bot", "gamma-bot"]);
    for (const m of report.models) {
      expect(Object.keys(m)).toEqual(["model", "overall", "dimensions", "metrics"]);
      const mine = d.units.filter((u) => u.model === m.model);
      const humanOf = (us: typeof mine) => us.map((u) => d.human(u)).filter((h): h is number => h !== null);
      const { rank, rank_range, ...overall } = m.overall.human;
      expectClose(overall, meanWithCI(humanOf(mine)));
      for (const k of m.metrics)
        expectClose(
          { n: k.human.n, mean: k.human.mean, ci95: k.human.ci95 },
          meanWithCI(humanOf(mine.filter((u) => u.metric === k.metric))),
        );
      for (const dim of m.dimensions) {
        const keys = new Set(d.metrics.filter((x) => x.dimension === dim.dimension).map((x) => x.key));
        const inDim = d.metrics.filter((x) => keys.has(x.key)).flatMap((x) => humanOf(mine.filter((u) => u.metric === x.key)));
        expectClose({ n: dim.human.n, mean: dim.human.mean, ci95: dim.human.ci95 }, meanWithCI(inDim));
      }
      const cr = m.overall.judges[0];
      const crScores = d.judgeRows.filter((r) => r.judge === "CharacterRM" && mine.some((u) => u.id === r.unit));
      expect(cr.n).toBe(crScores.length);
      expect(rank).toBeTypeOf("number");
      expect(rank_range![0]).toBeLessThanOrEqual(rank!);
      expect(rank_range![1]).toBeGreaterThanOrEqual(rank!);
    }
    // quality rises with the model's position in the fixture: gamma-bot ranks first for humans and judges
    expect(report.models.map((m) => m.overall.human.rank)).toEqual([3, 2, 1]);
    expect(report.models.map((m) => m.overall.judges.map((j) => j.rank))).toEqual([
      [3, 3],
      [2, 2],
      [1, 1],
    ]);
  });

  it("is cached and recomputed after a new rating (no bump needed) or an announced change", async () => {
    const { project, raters } = await makeReportFixture(t.db);
    const first = await getReport(t.db, project, "agreement", "none");
    const [cached] = await queryRows<{ kind: string }>(
      t.db,
      sql`select kind from report_cache where project_id = ${project.id} and kind = 'agreement'`,
    );
    expect(cached.kind).toBe("agreement");
    expect(await getReport(t.db, project, "agreement", "none")).toEqual(first);
    // a unit with a single rating gets a second one, written as the queue writes it: it becomes pairable
    const [single] = await queryRows<{ id: string; annotator_id: string }>(
      t.db,
      sql`select u.id, min(r.annotator_id) as annotator_id from units u join ratings r on r.unit_id = u.id where u.project_id = ${project.id}
          group by u.id having count(*) = 1 order by u.id limit 1`,
    );
    const other = raters.find((r) => r.id !== single.annotator_id)!;
    await t.db.insert(ratings).values({ projectId: project.id, unitId: Number(single.id), annotatorId: other.id, score: 3, source: "app" });
    const second = await getReport(t.db, project, "agreement", "none");
    expect(second.overall.units).toBe(first.overall.units + 1);
    expect(second.overall.ratings).toBe(first.overall.ratings + 2);
    // a change that adds no rating row (an adjudication, an edited score) is announced by the bump
    await t.db.execute(sql`update ratings set score = 1 where unit_id = ${Number(single.id)} and annotator_id = ${other.id}`);
    expect(await getReport(t.db, project, "agreement", "none")).toEqual(second);
    await bumpRatingsVersion(t.db, project.id);
    expect((await getReport(t.db, project, "agreement", "none")).overall).not.toEqual(second.overall);
  });

  it("never mixes in another project's ratings, judges or annotators", async () => {
    const a = await makeReportFixture(t.db);
    const before = {
      agreement: await getReport(t.db, a.project, "agreement", "none"),
      judges: await getReport(t.db, a.project, "judges", "none"),
    };
    const b = await makeReportFixture(t.db, { models: ["alpha-bot", "beta-bot", "gamma-bot"], judges: ["CharacterRM", "intruder"] });
    await clearReportCache(t.db, a.project.id);
    const after = {
      agreement: await getReport(t.db, a.project, "agreement", "none"),
      judges: await getReport(t.db, a.project, "judges", "none"),
    };
    expect(after).toEqual(before);
    const bEmails = new Set(b.raters.map((r) => r.email));
    expect(after.agreement.annotators.some((x) => bEmails.has(x.annotator))).toBe(false);
    expect(after.judges.judges.map((j) => j.judge)).not.toContain("intruder");
    const [{ n }] = await queryRows<{ n: string }>(t.db, sql`select count(*) as n from ${users} where id = ${b.raters[0].id}`);
    expect(Number(n)).toBe(1);
  });

  it("computes several projects at once (shared-snapshot loads are capped, the pool never runs dry)", async () => {
    const fixtures = await Promise.all([1, 2, 3, 4].map(() => makeReportFixture(t.db, { dialogues: 6 })));
    const reports = await Promise.all(fixtures.map((f) => getReport(t.db, f.project, "leaderboard", "none")));
    expect(reports.map((r) => r.project)).toEqual(fixtures.map((f) => f.project.slug));
    for (const r of reports) expect(r.models[0].overall.human.n).toBeGreaterThan(0);
  });

  it("gives a project without ratings or judges empty reports with nulls, not errors", async () => {
    const project = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 2, models: ["solo"] });
    const agreement = await getReport(t.db, project, "agreement", "wait");
    expect(agreement.overall).toEqual({
      units: 0,
      ratings: 0,
      alpha_interval: null,
      alpha_ordinal: null,
      fleiss_kappa: null,
      exact_agreement: null,
      within_one: null,
    });
    expect(agreement.annotators).toEqual([]);
    expect(agreement.bootstrap.overall).toEqual({ alpha_interval_ci95: null, alpha_ordinal_ci95: null });
    const judges = await getReport(t.db, project, "judges", "none");
    expect(judges.judges).toEqual([]);
    expect(judges.human_ceiling.overall).toMatchObject({ n: 0, pearson: null, kendall_tau_b: null });
    const board = await getReport(t.db, project, "leaderboard", "none");
    expect(board.models).toEqual([
      expect.objectContaining({
        model: "solo",
        overall: { human: { n: 0, mean: null, ci95: null, rank: null, rank_range: null }, judges: [] },
      }),
    ]);
  });

  it("answers with pending intervals at once in background mode, then serves them from the cache", async () => {
    const { project } = await makeReportFixture(t.db, { dialogues: 6 });
    const first = await getReport(t.db, project, "agreement", "background");
    expect(first.bootstrap).toMatchObject({ status: "pending", overall: null, metrics: null });
    let report = first;
    for (let i = 0; i < 100 && report.bootstrap.status === "pending"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      report = await getReport(t.db, project, "agreement", "background");
    }
    expect(report.bootstrap.status).toBe("ready");
    expect(report.bootstrap.metrics?.map((m) => m.metric)).toEqual(report.metrics.map((m) => m.metric));
  });
});
