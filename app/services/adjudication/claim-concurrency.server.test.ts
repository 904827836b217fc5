import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeAnnotators, makeRatings } from "../../../seeds/corpus-factory";
import { makeMember } from "../../../seeds/factories";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { refreshDisagreements } from "./disagreements.server";
import { adjudicationItem, claimAdjudication } from "./queue.server";
import { resolveUnit } from "./resolve.server";

process.env.DATABASE_POOL_MAX = "12";
const t = useTestDb();
const onPostgres = !!process.env.DATABASE_URL;

describe.runIf(onPostgres)("adjudicators claiming at once (PostgreSQL)", () => {
  it("10 adjudicators on real connections never get the same unit, and every open unit is settled exactly once", async () => {
    const { project } = await makeQueueProject(t.db, { dialogues: 80, models: 3, annotators: 0, k: 2 });
    const raters = await makeAnnotators(t.db, 2);
    await makeRatings(
      t.db,
      project.id,
      raters.map((r) => r.id),
      { perUnit: 2, score: (u, r) => (u % 3 === 0 ? 3 : r === 0 ? 1 : 5) },
    );
    await refreshDisagreements(t.db, project.id, null);
    const [{ open }] = await queryRows<{ open: number }>(
      t.db,
      sql`select count(*)::int as open from disagreements where project_id = ${project.id} and resolved_at is null`,
    );
    expect(Number(open)).toBeGreaterThan(150);
    const adjudicators = await Promise.all(Array.from({ length: 10 }, () => makeMember(t.db, project.id, "adjudicator")));
    const handedTo = new Map<number, string>();
    const clashes: number[] = [];
    await Promise.all(
      adjudicators.map(async (a) => {
        for (;;) {
          const responseId = await claimAdjudication(t.db, project, a.id);
          if (responseId === null) return;
          const item = (await adjudicationItem(t.db, project.id, responseId, a.id))!;
          for (const u of item.units) {
            if (handedTo.has(u.unit_id)) clashes.push(u.unit_id);
            handedTo.set(u.unit_id, a.id);
          }
          for (const u of item.units)
            await resolveUnit(t.db, {
              projectId: project.id,
              unitId: u.unit_id,
              adjudicatorId: a.id,
              score: 3,
              source: "api",
              respectLease: true,
            });
        }
      }),
    );
    expect(clashes).toEqual([]);
    expect(handedTo.size).toBe(Number(open));
    const [{ settled, writes, left }] = await queryRows<{ settled: number; writes: number; left: number }>(
      t.db,
      sql`select (select count(*)::int from adjudications where project_id = ${project.id}) as settled,
                 (select count(*)::int from adjudication_history where project_id = ${project.id}) as writes,
                 (select count(*)::int from disagreements where project_id = ${project.id} and resolved_at is null) as "left"`,
    );
    expect({ settled: Number(settled), writes: Number(writes), left: Number(left) }).toEqual({
      settled: Number(open),
      writes: Number(open),
      left: 0,
    });
    // the work was shared out, not done by one
    expect(new Set(handedTo.values()).size).toBeGreaterThan(3);
  });
});
