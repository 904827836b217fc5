// The project overview's completion figure: units that have all the ratings they need (k, or one per
// group), gold units left out since they do not count toward k.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { ratingsPerUnit } from "./queue/target.server";

export type Completion = { units: number; done: number; k: number; percent: number | null };

export async function projectCompletion(db: DbOrTx, project: { id: number }): Promise<Completion> {
  const k = await ratingsPerUnit(db, project);
  const [row] = await queryRows<{ units: number; done: number }>(
    db,
    sql`select count(*)::int as units, (count(*) filter (where f.rating_count >= ${k}))::int as done
        from unit_fill f join units u on u.id = f.unit_id
        where f.project_id = ${project.id} and not u.is_gold and not exists (select 1 from gold_units g where g.unit_id = u.id)`,
  );
  const units = Number(row?.units ?? 0);
  const done = Number(row?.done ?? 0);
  // floor, so 100% means every unit is done, not 99.6% rounded up
  return { units, done, k, percent: units === 0 ? null : Math.floor((100 * done) / units) };
}
