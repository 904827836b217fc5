// The report loader's columns against the same data read with plain row queries: units in id order,
// a unit's ratings in the raters' order (lower(e-mail), id, as the database compares), judge scores by
// unit with NaN where a judge has none, groups in group mode.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { useTestDb } from "../../../test/db";
import { loadReportData } from "./load.server";
import { makeReportFixture } from "./testing";

const t = useTestDb();

describe("loadReportData", () => {
  it("reads the columns the plain queries give, on shared memory", async () => {
    const fixture = await makeReportFixture(t.db, { annotators: 5 });
    const p = fixture.project.id;
    // e-mails whose case and order differ, so the raters' order is the database's, not insertion order
    const emails = ["Zoe", "adam", "Bea", "bob", "Carl"].map((name) => `${name}-${p}@example.org`);
    for (const [i, r] of fixture.raters.entries()) await t.db.execute(sql`update users set email = ${emails[i]} where id = ${r.id}`);
    await t.db.execute(sql`update projects set group_mode = true where id = ${p}`);
    await t.db.execute(sql`update project_members set group_name = 'g' || (position('e' in user_id) % 2) where project_id = ${p}`);

    const { data } = await loadReportData(t.db, p);

    const raters = await queryRows<{ email: string; group_name: string | null }>(
      t.db,
      sql`select us.email, pm.group_name from users us join project_members pm on pm.user_id = us.id and pm.project_id = ${p}
          where exists (select 1 from ratings r where r.annotator_id = us.id and r.project_id = ${p}) order by lower(us.email), us.id`,
    );
    expect(data.annotators).toEqual(raters.map((r) => r.email));
    const groups = [...new Set(raters.map((r) => r.group_name!))].sort();
    expect(data.groups).toEqual(groups);
    expect(Array.from(data.annotatorGroup!)).toEqual(raters.map((r) => groups.indexOf(r.group_name!)));

    const units = await queryRows<{ id: string; metric: string; model: string; adjudicated: number | null }>(
      t.db,
      sql`select u.id, m.key as metric, md.name as model, a.score as adjudicated from units u
          join metrics m on m.id = u.metric_id join responses r on r.id = u.response_id join models md on md.id = r.model_id
          left join adjudications a on a.unit_id = u.id where u.project_id = ${p} order by u.id`,
    );
    expect(data.unitCount).toBe(units.length);
    expect(Array.from(data.unitIds!)).toEqual(units.map((u) => Number(u.id)));
    expect(Array.from(data.unitModel, (m) => data.models[m])).toEqual(units.map((u) => u.model));
    expect(Array.from(data.unitMetric, (m) => data.metrics[m].key)).toEqual(units.map((u) => u.metric));
    expect(Array.from(data.adjudicated)).toEqual(units.map((u) => (u.adjudicated === null ? NaN : Number(u.adjudicated))));

    const ratings = await queryRows<{ unit: string; email: string; score: number }>(
      t.db,
      sql`select r.unit_id as unit, us.email, r.score from ratings r join users us on us.id = r.annotator_id
          where r.project_id = ${p} order by r.unit_id, lower(us.email), us.id`,
    );
    const got = units.flatMap((_, u) =>
      Array.from({ length: data.start[u + 1] - data.start[u] }, (__, k) => ({
        unit: String(units[u].id),
        email: data.annotators[data.annotator[data.start[u] + k]],
        score: data.score[data.start[u] + k],
      })),
    );
    expect(got).toEqual(ratings.map((r) => ({ unit: String(r.unit), email: r.email, score: Number(r.score) })));

    const judgeRows = await queryRows<{ judge: string; unit: string; score: number }>(
      t.db,
      sql`select j.name as judge, js.unit_id as unit, js.score from judge_scores js join judges j on j.id = js.judge_id where js.project_id = ${p}`,
    );
    data.judges.forEach((judge, j) => {
      const expected = units.map((u) => {
        const row = judgeRows.find((r) => r.judge === judge && String(r.unit) === String(u.id));
        return row ? Number(row.score) : NaN;
      });
      expect(Array.from(data.judgeScore[j])).toEqual(expected);
    });
    for (const column of [data.start, data.score, data.annotator, data.unitMetric, data.adjudicated, ...data.judgeScore]) {
      expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });
});
