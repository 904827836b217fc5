import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiUser, readJson } from "~/lib/api.server";
import { badRequest } from "~/lib/errors";
import { storableText } from "~/lib/form";
import { apiHandler, jsonError } from "~/lib/http.server";
import { findOwnTask, flagResponse } from "~/services/queue/tasks.server";

/** POST /api/tasks/:id/flag { note } — flags the task's response for the managers. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { user, tokenProjectId } = await apiUser(request);
    const body = (await readJson(request)) as { note?: unknown };
    const given = body?.note;
    const note = storableText(given, 2000) ? given.trim() : "";
    if (!note) throw badRequest("note is required (up to 2000 characters)", "note");
    const db = await getDb();
    const task = await findOwnTask(db, Number(params.id), user.id, tokenProjectId);
    return Response.json(await flagResponse(db, task, user.id, note));
  });
}

export const loader = () => jsonError(405, "Use POST");
