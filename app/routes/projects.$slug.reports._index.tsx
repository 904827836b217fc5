import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireProject } from "~/auth/guards.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // a pairwise project has one report of its own
  const { project } = await requireProject(request, params.slug!, "viewReports");
  return redirect(`/projects/${encodeURIComponent(project.slug)}/reports/${project.mode === "pairwise" ? "pairwise" : "agreement"}`);
}
