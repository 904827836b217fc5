// GET /api/projects/:slug/reports/:kind — the report JSON of product.md §5 (agreement | judges |
// leaderboard) or §11 (pairwise, JSON only); ?format=csv&table=… for a CSV table, ?download=1 to save the JSON as a file,
// ?wait=1 to wait for the bootstrap intervals instead of getting them "pending".
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { badRequest, invalid, notFound } from "~/lib/errors";
import { apiHandler } from "~/lib/http.server";
import { reportCsv } from "~/domain/reports/csv";
import { pairwiseReport } from "~/services/pairwise/report.server";
import { getReport } from "~/services/reports/reports.server";
import { isReportKind } from "~/domain/reports/types";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const { project } = await requireProject(request, params.slug!, "viewReports");
    const kind = params.kind;
    const url = new URL(request.url);
    if (kind === "pairwise") {
      if ((url.searchParams.get("format") ?? "json") !== "json") throw invalid("pairwiseReport.errors.csv", undefined, "format");
      const headers: Record<string, string> = { "Cache-Control": "private, no-store" };
      if (url.searchParams.get("download") === "1") headers["Content-Disposition"] = `attachment; filename="${project.slug}-pairwise.json"`;
      return Response.json(await pairwiseReport(await getDb(), project), { headers });
    }
    if (!isReportKind(kind)) throw notFound("No such report");
    const format = url.searchParams.get("format") ?? "json";
    if (format !== "json" && format !== "csv") throw badRequest("format must be json or csv", "format");
    const report = await getReport(await getDb(), project, kind, url.searchParams.get("wait") === "1" ? "wait" : "background");
    if (format === "csv") {
      const { table, text } = reportCsv(kind, report, url.searchParams.get("table"));
      return new Response(text, {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${project.slug}-${kind}-${table}.csv"`,
          "Cache-Control": "private, no-store",
        },
      });
    }
    const headers: Record<string, string> = { "Cache-Control": "private, no-store" };
    if (url.searchParams.get("download") === "1") headers["Content-Disposition"] = `attachment; filename="${project.slug}-${kind}.json"`;
    return Response.json(report, { headers });
  });
}
