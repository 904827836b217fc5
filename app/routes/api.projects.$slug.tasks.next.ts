import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiTokenHash, bearerToken } from "~/auth/api-token.server";
import { requireProject } from "~/auth/guards.server";
import { apiHandler, apiJson, jsonError } from "~/lib/http.server";
import { claimForToken, claimNextTask, type ClaimOutcome } from "~/services/queue/claim.server";

const REFUSED = { 401: "Unauthorized", 403: "Forbidden", 404: "Not found" } as const;

/** POST /api/projects/:slug/tasks/next → 200 { task } or 204 when nothing is left for this annotator.
 *  With an API token, the token, the project and the membership are checked in the claim's own
 *  database call (claimForToken), with the answers requireProject gives; a browser session goes
 *  through requireProject first. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const db = await getDb();
    let outcome: ClaimOutcome;
    const bearer = bearerToken(request);
    if (bearer) {
      const hash = apiTokenHash(bearer);
      if (!hash) return jsonError(401, REFUSED[401]);
      const claimed = await claimForToken(db, hash, params.slug!);
      if ("refused" in claimed) return jsonError(claimed.refused, REFUSED[claimed.refused]);
      outcome = claimed;
    } else {
      const { project, user } = await requireProject(request, params.slug!, "annotate");
      outcome = await claimNextTask(db, project, user.id);
    }
    if (outcome.taskId === null) {
      if (outcome.reason === "not-annotator") return jsonError(403, "Only annotators of this project take tasks");
      return apiJson(context, undefined, { status: 204, headers: { "X-Rolecall-Reason": outcome.reason } });
    }
    return apiJson(context, { task: outcome.task, resumed: outcome.resumed });
  });
}

export const loader = () => jsonError(405, "Use POST");
