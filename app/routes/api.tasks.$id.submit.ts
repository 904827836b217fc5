import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiUser, readJson } from "~/lib/api.server";
import { apiHandler, apiJson, jsonError } from "~/lib/http.server";
import { parseSubmission, submitRatings } from "~/services/queue/submit.server";

/** POST /api/tasks/:id/submit { idempotency_key, ratings: [{ unit_id, score, comment? }], active_ms? } → { accepted, late }.
 *  Only the annotator's own task (inside the token's project) is found; everything else is a 404. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { user, tokenProjectId } = await apiUser(request);
    const input = parseSubmission(await readJson(request));
    const result = await submitRatings(await getDb(), { taskId: Number(params.id), annotatorId: user.id, tokenProjectId }, input);
    return apiJson(context, result);
  });
}

export const loader = () => jsonError(405, "Use POST");
