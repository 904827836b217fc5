import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiUser, readJson } from "~/lib/api.server";
import { badRequest } from "~/lib/errors";
import { storableText } from "~/lib/form";
import { apiHandler, jsonError } from "~/lib/http.server";
import { findOwnTask, skipTask } from "~/services/queue/tasks.server";

/** POST /api/tasks/:id/skip { reason } — the annotator will not be handed these units again. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { user, tokenProjectId } = await apiUser(request);
    const body = (await readJson(request)) as { reason?: unknown };
    const given = body?.reason;
    const reason = storableText(given, 1000) ? given.trim() : "";
    if (!reason) throw badRequest("reason is required (up to 1000 characters)", "reason");
    const db = await getDb();
    const task = await findOwnTask(db, Number(params.id), user.id, tokenProjectId);
    return Response.json(await skipTask(db, task, user.id, reason));
  });
}

export const loader = () => jsonError(405, "Use POST");
