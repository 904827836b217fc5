// GET /api/projects/:slug/reports/annotators — `report annotators` (product.md §9) for managers: one row
// per annotator (ratings, gold accuracy and bias, difference from the others, straightlining, time).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { apiHandler } from "~/lib/http.server";
import { annotatorsReport } from "~/services/reports/annotators.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const { project } = await requireProject(request, params.slug!, "manage");
    return Response.json(await annotatorsReport(await getDb(), project), { headers: { "Cache-Control": "private, no-store" } });
  });
}
