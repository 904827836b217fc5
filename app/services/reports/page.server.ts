// What every report page loads: access (viewReports), the cached report, and the localised labels of
// the project's metrics and dimensions.
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { toHttp } from "~/lib/http.server";
import { listProjectMetrics } from "../projects.server";
import { getReport } from "./reports.server";
import type { ReportKind, ReportOf } from "./types";

export type ReportLabels = { metrics: Record<string, { en: string; zh: string }>; dimensions: Record<string, { en: string; zh: string }> };

export async function loadReportPage<K extends ReportKind>(request: Request, slug: string, kind: K) {
  const { project } = await requireProject(request, slug, "viewReports");
  const db = await getDb();
  const [report, metrics] = await Promise.all([getReport(db, project, kind, "background"), listProjectMetrics(db, project.id)]);
  const labels: ReportLabels = { metrics: {}, dimensions: {} };
  for (const m of metrics) {
    labels.metrics[m.key] = { en: m.nameEn, zh: m.nameZh };
    labels.dimensions[m.dimension] = { en: m.dimensionNameEn, zh: m.dimensionNameZh };
  }
  return { db, project, report: report as ReportOf<K>, labels };
}

/** Runs a loader body, turning an AppError (e.g. an unknown sort key) into its HTTP status. */
export async function orHttpError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    return toHttp(e);
  }
}
