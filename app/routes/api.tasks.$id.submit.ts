import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiUser, readJson } from "~/lib/api.server";
import { apiHandler, jsonError } from "~/lib/http.server";
import { parseSubmission, submitRatings } from "~/services/queue/submit.server";
import { findOwnTask } from "~/services/queue/tasks.server";

/** POST /api/tasks/:id/submit { idempotency_key, ratings: [{ unit_id, score, comment? }], active_ms? } → { accepted } */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { user, tokenProjectId } = await apiUser(request);
    const db = await getDb();
    const task = await findOwnTask(db, Number(params.id), user.id, tokenProjectId);
    const result = await submitRatings(db, task, user.id, parseSubmission(await readJson(request)));
    return Response.json(result);
  });
}

export const loader = () => jsonError(405, "Use POST");
