// The annotators report's loader (columns read in parallel ranges of the table, as packed binary) against a
// straightforward computation of product.md §9 from plain rows, on a small project with every case the
// loader has to get right: gold with and without its own tolerance, late ratings, ratings with and
// without a task or an active time, a task shared by several units, raters who are not members (one
// with a lone rating and no task), a member without ratings, times on half seconds and half a second
// before the hour, straightlined groups.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { users } from "#db/schema";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { uniq } from "../../../seeds/factories";
import { newUserId } from "../users.server";
import { useTestDb } from "../../../test/db";
import { annotatorStats } from "~/domain/stats/annotators";
import { annotatorsReport, loadAnnotatorPhases, qualityPage } from "./annotators.server";
import { clearReportCache } from "./cache.server";

const t = useTestDb();
const H = 3_600_000;

type Row = {
  annotator_id: string;
  unit_id: number;
  response_id: number;
  metric: string;
  score: number;
  created_at: string | Date;
  task_id: number | null;
  active_ms: number | null;
  reference: number | null;
  tolerance: number | null;
};

/** §9 as written, one annotator at a time over plain objects. */
function expected(rows: Row[], people: { id: string; email: string }[]) {
  const others = (r: Row) => rows.filter((x) => x.unit_id === r.unit_id && x.annotator_id !== r.annotator_id).map((x) => x.score);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return people.map((p) => {
    const mine = rows.filter((r) => r.annotator_id === p.id);
    const gold = mine.filter((r) => r.reference !== null);
    const shared = mine.filter((r) => others(r).length > 0);
    const groups = new Map<number, number[]>();
    for (const r of mine) groups.set(r.response_id, [...(groups.get(r.response_id) ?? []), r.score]);
    const rated3 = [...groups.values()].filter((s) => s.length >= 3);
    const perUnit = mine
      .filter((r) => r.task_id !== null && r.active_ms !== null)
      .map((r) => r.active_ms! / mine.filter((x) => x.task_id === r.task_id).length)
      .sort((a, b) => a - b);
    const hours = new Set(mine.map((r) => Math.floor((Math.round(new Date(r.created_at).getTime() / 1000) * 1000) / H)));
    const m = perUnit.length >> 1;
    return {
      annotator: p.email,
      ratings: mine.length,
      gold_n: gold.length,
      gold_accuracy: gold.length ? gold.filter((r) => Math.abs(r.score - r.reference!) <= r.tolerance!).length / gold.length : null,
      gold_bias: gold.length ? mean(gold.map((r) => r.score - r.reference!)) : null,
      mae_vs_others: shared.length ? mean(shared.map((r) => Math.abs(r.score - mean(others(r))))) : null,
      straightlining: rated3.length ? rated3.filter((s) => s.every((x) => x === s[0])).length / rated3.length : null,
      median_active_ms_per_unit: perUnit.length === 0 ? null : perUnit.length % 2 ? perUnit[m] : (perUnit[m - 1] + perUnit[m]) / 2,
      ratings_per_hour: hours.size ? mine.length / hours.size : null,
    };
  });
}

/** Field by field; fractions to 12 digits, since sums taken in another order differ in the last bits. */
function expectRows(got: Record<string, unknown>[], want: ReturnType<typeof expected>) {
  expect(got.map((a) => a.annotator)).toEqual(want.map((w) => w.annotator));
  got.forEach((a, i) => {
    for (const [k, v] of Object.entries(want[i])) {
      if (typeof v === "number" && !Number.isInteger(v)) expect(a[k], `${a.annotator} ${k}`).toBeCloseTo(v, 12);
      else expect(a[k], `${a.annotator} ${k}`).toBe(v);
    }
  });
}

describe("annotators report loader", () => {
  it("matches the statistics computed from plain rows, field by field", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 8, models: 2, annotators: 5, maxMetrics: 4 });
    const p = project.id;
    // a rater who is not a member (an import named them), with an upper-case address to test the order
    const outsider = { id: newUserId(), email: `${uniq("Zed")}@Test.rolecall`, name: "outsider" };
    const lone = { id: newUserId(), email: `${uniq("lone")}@test.rolecall`, name: "lone" };
    await t.db.insert(users).values([outsider, lone]);
    const units = await queryRows<{ id: number; response_id: number; dialogue_id: number; position: number }>(
      t.db,
      sql`select u.id, u.response_id, r.dialogue_id, u.position from units u join responses r on r.id = u.response_id
          where u.project_id = ${p} order by u.position`,
    );
    const [g1, g2] = [units[1], units[6]];
    await t.db.execute(sql`insert into gold_units (unit_id, project_id, expected_score, tolerance) values (${g1.id}, ${p}, 3, 0)`);
    await t.db.execute(sql`insert into gold_units (unit_id, project_id, expected_score) values (${g2.id}, ${p}, 2)`);
    await t.db.execute(sql`update units set is_gold = true where id in (${g1.id}, ${g2.id})`);

    // annotators 0–2 rate through tasks (one per response), 3 imports without tasks, the outsider rates
    // one unit; member 4 rates nothing. Scores and times follow a fixed pattern, some on half seconds.
    const raters = [annotators[0].id, annotators[1].id, annotators[2].id, annotators[3].id];
    const taskOf = new Map<string, number>();
    let n = 0;
    for (const [ri, who] of raters.entries()) {
      for (const [ui, u] of units.entries()) {
        if ((ui + ri) % 4 === 3) continue;
        n++;
        let task: number | null = null;
        if (ri < 3) {
          const key = `${who}:${u.response_id}`;
          if (!taskOf.has(key)) {
            const [row] = await queryRows<{ id: number }>(
              t.db,
              sql`insert into tasks (project_id, annotator_id, response_id, dialogue_id, status, expires_at)
                  values (${p}, ${who}, ${u.response_id}, ${u.dialogue_id}, 'submitted', now()) returning id`,
            );
            taskOf.set(key, Number(row.id));
          }
          task = taskOf.get(key)!;
        }
        // annotator 2 straightlines: every score 4
        const score = ri === 2 ? 4 : 1 + ((ui * 3 + ri * 2 + (ui >> 2)) % 5);
        const active = task === null || (ri === 1 && ui % 5 === 0) ? null : 1000 + 137 * ((ui * 7 + ri) % 11);
        const at = new Date(Date.UTC(2026, 10, 1 + ri, 8 + ((ui * 5) % 13), (ui * 7) % 60, (ui * 11) % 60, ui % 3 === 0 ? 500 : 250));
        const late = ri === 0 && ui % 9 === 4;
        await t.db.execute(
          sql`insert into ratings (project_id, unit_id, annotator_id, score, task_id, active_ms, created_at, late)
              values (${p}, ${u.id}, ${who}, ${score}, ${task}, ${active}, ${at.toISOString()}, ${late})`,
        );
      }
    }
    // the outsider's two ratings fall in one hour: the report takes times to the nearest second
    await t.db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, score, created_at)
      values (${p}, ${g2.id}, ${outsider.id}, 4, '2026-11-03T10:59:59.5Z'), (${p}, ${units[0].id}, ${outsider.id}, 2, '2026-11-03T11:30:00Z')`);
    await t.db.execute(sql`insert into ratings (project_id, unit_id, annotator_id, score) values (${p}, ${units[2].id}, ${lone.id}, 5)`);
    expect(n).toBeGreaterThan(50);

    const rows = await queryRows<Row>(
      t.db,
      sql`select r.annotator_id, r.unit_id, u.response_id, m.key as metric, r.score, r.created_at, r.task_id, r.active_ms,
                 g.expected_score as reference, coalesce(g.tolerance, pr.gold_tolerance) as tolerance
          from ratings r join units u on u.id = r.unit_id join metrics m on m.id = u.metric_id join projects pr on pr.id = r.project_id
          left join gold_units g on g.unit_id = r.unit_id
          where r.project_id = ${p} and not r.late`,
    );
    for (const r of rows) {
      for (const k of ["unit_id", "response_id", "score", "task_id", "active_ms", "reference", "tolerance"] as const)
        if (r[k] !== null) (r as Record<string, unknown>)[k] = Number(r[k]);
    }
    const people = [...annotators.map((a) => ({ id: a.id, email: a.email })), outsider, lone].sort((x, y) =>
      x.email.toLowerCase() < y.email.toLowerCase() ? -1 : x.email.toLowerCase() > y.email.toLowerCase() ? 1 : 0,
    );
    const want = expected(rows, people);
    // the test's data reaches every branch
    const byEmail = new Map(want.map((w) => [w.annotator, w]));
    expect(byEmail.get(outsider.email)).toMatchObject({ ratings: 2, gold_n: 1, median_active_ms_per_unit: null, ratings_per_hour: 2 });
    expect(byEmail.get(lone.email)).toMatchObject({ ratings: 1, gold_n: 0, median_active_ms_per_unit: null, ratings_per_hour: 1 });
    expect(byEmail.get(annotators[4].email)).toMatchObject({ ratings: 0, gold_n: 0, ratings_per_hour: null });
    expect(byEmail.get(annotators[2].email)!.straightlining).toBe(1);
    expect(want.filter((w) => w.straightlining !== null && w.straightlining < 1).length).toBeGreaterThan(0);
    expect(want.filter((w) => w.gold_accuracy !== null && w.gold_accuracy < 1).length).toBeGreaterThan(0);

    await clearReportCache(t.db, p);
    const got = await annotatorsReport(t.db, project);
    expectRows(got.annotators, want);

    // read in one range per page, annotators whose ratings straddle pages come back in several rows
    const [{ pages, split }] = await queryRows<{ pages: number; split: number }>(
      t.db,
      sql`select (pg_relation_size('ratings') / current_setting('block_size')::int)::int as pages,
                 (select count(*)::int from (select annotator_id from ratings where project_id = ${p} and not late
                  group by annotator_id having count(distinct (ctid::text::point)[0]) > 1) x) as split`,
    );
    expect(split).toBeGreaterThan(0);
    const { loaded } = await loadAnnotatorPhases(t.db, p, pages + 1);
    expectRows(annotatorStats(loaded.columns), want); // sums in another order: equal to 12 digits

    // the quality page's distributions: counts per scale point, per metric, from the same columns
    const page = await qualityPage(t.db, project);
    for (const row of page.annotators) {
      const id = people.find((x) => x.email === row.annotator)!.id;
      for (const m of page.metrics) {
        const counts = new Array<number>(m.max - m.min + 1).fill(0);
        for (const r of rows) if (r.annotator_id === id && r.metric === m.key) counts[r.score - m.min]++;
        expect(row.distribution[m.key], `${row.annotator} ${m.key}`).toEqual(counts);
      }
    }
  });
});
