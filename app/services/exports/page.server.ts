// What the Export page needs to offer its filters: the project's metrics, models and a few counts.
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { metrics, models } from "#db/schema";
import { queryRows } from "#db/sql";

export async function exportPageData(db: DbOrTx, projectId: number) {
  const metricRows = await db
    .select({ key: metrics.key, nameEn: metrics.nameEn, nameZh: metrics.nameZh })
    .from(metrics)
    .where(eq(metrics.projectId, projectId))
    .orderBy(asc(metrics.position));
  const modelRows = await db.select({ name: models.name }).from(models).where(eq(models.projectId, projectId)).orderBy(asc(models.name));
  const [counts] = await queryRows<{ ratings: number; units: number; scored: number }>(
    db,
    sql`select
      (select count(*)::int from ratings where project_id = ${projectId}) as ratings,
      (select count(*)::int from units where project_id = ${projectId}) as units,
      (select count(*)::int from unit_fill f where f.project_id = ${projectId}
         and (f.rating_count > 0 or exists (select 1 from adjudications a where a.unit_id = f.unit_id and a.project_id = ${projectId}))) as scored`,
  );
  // the page counts the dialogues of each split as the ratios, seed and split-by change (domain/export/split)
  const dialogueRows = await queryRows<{ id: string; role: string }>(
    db,
    sql`select d.external_id as id, c.name as role from dialogues d join characters c on c.id = d.character_id
        where d.project_id = ${projectId} order by d.id`,
  );
  return { metrics: metricRows, models: modelRows.map((m) => m.name), counts, dialogues: dialogueRows };
}
