import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { apiHandler, apiJson, jsonError } from "~/lib/http.server";
import { claimNextTask } from "~/services/queue/claim.server";

/** POST /api/projects/:slug/tasks/next → 200 { task } or 204 when nothing is left for this annotator. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { project, user } = await requireProject(request, params.slug!, "annotate");
    const db = await getDb();
    const outcome = await claimNextTask(db, project, user.id);
    if (outcome.taskId === null) {
      if (outcome.reason === "not-annotator") return jsonError(403, "Only annotators of this project take tasks");
      return apiJson(context, undefined, { status: 204, headers: { "X-Rolecall-Reason": outcome.reason } });
    }
    return apiJson(context, { task: outcome.task, resumed: outcome.resumed });
  });
}

export const loader = () => jsonError(405, "Use POST");
