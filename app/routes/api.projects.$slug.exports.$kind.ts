// GET /api/projects/:slug/exports/:kind?format=…&metric=… → the export, streamed (product.md §6).
// Managers and admins only: an annotator's token gets 403, another project's slug 404, a bad kind or
// filter 400 with { error } naming the field.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProject } from "~/auth/guards.server";
import { apiHandler } from "~/lib/http.server";
import { exportResponse } from "~/services/exports/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const { project, user } = await requireProject(request, params.slug!, "export");
    return exportResponse(project, params.kind, new URL(request.url).searchParams, request.signal, user.id);
  });
}
