// The Export page's download: the same stream as the API, for the browser session.
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
