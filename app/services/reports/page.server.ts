// What every report page loads: access (viewReports), the cached report, and the localised labels of
// the project's metrics and dimensions.
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { requireProject } from "~/auth/guards.server";
import { toHttp } from "~/lib/http.server";
import { listProjectMetrics } from "../projects.server";
import { getReport } from "./reports.server";
import type { JudgePoints, ReportKind, ReportOf } from "~/domain/reports/types";

export type ReportLabels = { metrics: Record<string, { en: string; zh: string }>; dimensions: Record<string, { en: string; zh: string }> };

export async function loadReportPage<K extends ReportKind>(request: Request, slug: string, kind: K) {
  const { project } = await requireProject(request, slug, "viewReports");
  const db = await getDb();
  const [report, metrics, used] = await Promise.all([
    getReport(db, project, kind, "background"),
    listProjectMetrics(db, project.id),
    metricsInUse(db, project.id),
  ]);
  const labels: ReportLabels = { metrics: {}, dimensions: {} };
  const scales: MetricScales = {};
  for (const m of metrics) {
    labels.metrics[m.key] = { en: m.nameEn, zh: m.nameZh };
    labels.dimensions[m.dimension] = { en: m.dimensionNameEn, zh: m.dimensionNameZh };
    scales[m.key] = { min: m.scaleMin, max: m.scaleMax, dimension: m.dimension };
  }
  return { db, project, report: report as ReportOf<K>, labels, scales, used };
}

/** Each metric's scale and dimension, for chart axes that run over the scale rather than the data. */
export type MetricScales = Record<string, { min: number; max: number; dimension: string }>;

/** Keys of the metrics some dialogue is scored on: a project of a 12-metric set that uses 4 lists 4. */
export async function metricsInUse(db: DbOrTx, projectId: number): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select m.key from metrics m where m.project_id = ${projectId}
        and exists (select 1 from dialogue_metrics dm where dm.metric_id = m.id) order by m.position`,
  );
  return rows.map((r) => r.key);
}

/** Runs a loader body, turning an AppError (e.g. an unknown sort key) into its HTTP status. */
export async function orHttpError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    return toHttp(e);
  }
}

/** Ratings in the project and the units they fall on: what the agreement page says when none can be
 *  paired (ratings exist, but no unit has two yet). */
export async function ratingSpread(db: DbOrTx, projectId: number): Promise<{ ratings: number; units: number }> {
  const [row] = await queryRows<{ ratings: number; units: number }>(
    db,
    sql`select count(*)::int as ratings, count(distinct unit_id)::int as units from ratings where project_id = ${projectId}`,
  );
  return { ratings: Number(row?.ratings ?? 0), units: Number(row?.units ?? 0) };
}

/** The scatter's points with the dialogue id and model of each unit, for the tooltip (one query over
 *  at most SCATTER_POINTS ids, filtered by the project). */
export async function nameJudgePoints(db: DbOrTx, projectId: number, points: JudgePoints): Promise<JudgePoints> {
  const ids = points.points.map((p) => p.unit).filter((u): u is number => u !== undefined);
  if (ids.length === 0) return points;
  const rows = await queryRows<{ id: number; dialogue: string; model: string }>(
    db,
    sql`select u.id, d.external_id as dialogue, mo.name as model from units u
        join dialogues d on d.id = u.dialogue_id join responses r on r.id = u.response_id join models mo on mo.id = r.model_id
        where u.project_id = ${projectId} and u.id = any(${`{${ids.join(",")}}`}::bigint[])`,
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return {
    ...points,
    points: points.points.map(({ unit, ...p }) => {
      const named = unit === undefined ? undefined : byId.get(unit);
      return named ? { ...p, dialogue: named.dialogue, model: named.model } : p;
    }),
  };
}
