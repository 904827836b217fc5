import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiUser, readJson } from "~/lib/api.server";
import { badRequest } from "~/lib/errors";
import { apiHandler, jsonError } from "~/lib/http.server";
import { findOwnTask, flagResponse } from "~/services/queue/tasks.server";

/** POST /api/tasks/:id/flag { note } — flags the task's response for the managers. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { user, tokenProjectId } = await apiUser(request);
    const body = (await readJson(request)) as { note?: unknown };
    const note = typeof body?.note === "string" ? body.note.trim() : "";
    if (!note || note.length > 2000) throw badRequest("note is required (up to 2000 characters)", "note");
    const db = await getDb();
    const task = await findOwnTask(db, Number(params.id), user.id, tokenProjectId);
    return Response.json(await flagResponse(db, task, user.id, note));
  });
}

export const loader = () => jsonError(405, "Use POST");
