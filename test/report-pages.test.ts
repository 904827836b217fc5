// What the overview, agreement and leaderboard pages load (issue 18): the agreement page says what is
// missing when ratings exist but none pair; the leaderboard lists the metrics in use with their scale;
// the overview shows the description and how complete the project is.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loader as overviewLoader } from "~/routes/projects.$slug._index";
import { loader as agreementLoader } from "~/routes/projects.$slug.reports.agreement";
import { loader as leaderboardLoader } from "~/routes/projects.$slug.reports.leaderboard";
import { makeAnnotators, makeCorpus, makeRatings } from "../seeds/corpus-factory";
import { makeMember, makeProject } from "../seeds/factories";
import { callRoute, getRequest, sessionCookie } from "./account-helpers";
import { useTestDb } from "./db";

const t = useTestDb();

async function projectWith(opts: { perUnit: number; k: number }) {
  const p = await makeProject(t.db, { overlapK: opts.k });
  // 3 dialogues × 2 metrics of the 12 in the set, 2 models: 12 units
  await makeCorpus(t.db, p.id, { dialogues: 3, models: ["m-a", "m-b"], metricsPerDialogue: 2 });
  const raters = await makeAnnotators(t.db, 2);
  if (opts.perUnit > 0)
    await makeRatings(
      t.db,
      p.id,
      raters.map((r) => r.id),
      { perUnit: opts.perUnit },
    );
  const manager = await makeMember(t.db, p.id, "manager");
  const cookie = await sessionCookie(manager.id);
  const load = async (fn: Parameters<typeof callRoute>[0], path: string) => {
    const res = await callRoute(fn, getRequest(`/projects/${p.slug}${path}`, cookie), { slug: p.slug });
    expect(res.status).toBe(200);
    return res.json();
  };
  return { p, load };
}

describe("the agreement page", () => {
  it("says ratings exist but none pair, with k, when every unit has one rating", async () => {
    const { load } = await projectWith({ perUnit: 1, k: 1 });
    const page = await load(agreementLoader, "/reports/agreement");
    expect(page.spread).toEqual({ ratings: 12, units: 12 });
    expect(page.overlap).toEqual({ k: 1, groups: false });
  });

  it("says there are no ratings when there are none, and nothing when units pair", async () => {
    expect((await (await projectWith({ perUnit: 0, k: 2 })).load(agreementLoader, "/reports/agreement")).spread).toEqual({
      ratings: 0,
      units: 0,
    });
    const paired = await (await projectWith({ perUnit: 2, k: 2 })).load(agreementLoader, "/reports/agreement");
    expect(paired.spread).toBeNull();
    // only the metrics some dialogue is scored on
    expect(paired.report.metrics.length).toBeGreaterThan(0);
    expect(paired.report.metrics.length).toBeLessThan(12);
  });
});

describe("the leaderboard page", () => {
  it("offers the metrics in use and gives a metric's scale as the axis", async () => {
    const { p, load } = await projectWith({ perUnit: 2, k: 2 });
    const page = await load(leaderboardLoader, "/reports/leaderboard");
    const used = page.scopes.filter((s: string) => s.startsWith("metric:"));
    expect(used.length).toBeLessThan(12);
    expect(page.scale).toEqual([1, 5]);
    // a metric on another scale: its scope's axis follows it
    const key = used[0].slice(7);
    await t.db.execute(sql`update metrics set scale_min = 0, scale_max = 3 where project_id = ${p.id} and key = ${key}`);
    const one = await load(leaderboardLoader, `/reports/leaderboard?scope=${encodeURIComponent(used[0])}`);
    expect(one.scale).toEqual([0, 3]);
    expect((await load(leaderboardLoader, "/reports/leaderboard")).scale).toEqual([0, 5]);
    expect(one.rows[0].human).toHaveProperty("rank_range");
  });
});

describe("the overview", () => {
  it("shows the description and the share of units with their k ratings", async () => {
    const { p, load } = await projectWith({ perUnit: 1, k: 2 });
    await t.db.execute(sql`update projects set description = 'Pilot on three dialogues' where id = ${p.id}`);
    const half = await load(overviewLoader, "");
    expect(half).toMatchObject({
      description: "Pilot on three dialogues",
      manages: true,
      completion: { units: 12, done: 0, k: 2, percent: 0 },
    });
    await t.db.execute(sql`update projects set overlap_k = 1 where id = ${p.id}`);
    expect((await load(overviewLoader, "")).completion).toEqual({ units: 12, done: 12, k: 1, percent: 100 });
  });
});
