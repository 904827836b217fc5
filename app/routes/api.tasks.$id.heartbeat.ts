import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiUser } from "~/lib/api.server";
import { apiHandler, apiJson, jsonError } from "~/lib/http.server";
import { extendLease } from "~/services/queue/claim.server";
import { findOwnTask } from "~/services/queue/tasks.server";

/** POST /api/tasks/:id/heartbeat → { lease_expires_at } (null once the lease has expired or closed). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { user, tokenProjectId } = await apiUser(request);
    const db = await getDb();
    const task = await findOwnTask(db, Number(params.id), user.id, tokenProjectId);
    const expires = await extendLease(db, task.id, task.lease_seconds);
    return apiJson(context, { lease_expires_at: expires ? new Date(expires).toISOString() : null });
  });
}

export const loader = () => jsonError(405, "Use POST");
