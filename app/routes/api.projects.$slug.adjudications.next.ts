import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { apiHandler, jsonError } from "~/lib/http.server";
import { adjudicationItem, claimAdjudication, itemPayload } from "~/services/adjudication/queue.server";

/** POST /api/projects/:slug/adjudications/next → 200 { item } (the adjudicator's next response with its
 *  open units under a lease, or the one they already hold) or 204 when nothing is open. Adjudicators only. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { project, user } = await requireProject(request, params.slug!, "adjudicate");
    const db = await getDb();
    const responseId = await claimAdjudication(db, project, user.id);
    const item = responseId === null ? null : await adjudicationItem(db, project.id, responseId, user.id);
    if (!item || item.units.length === 0) return new Response(null, { status: 204 });
    return Response.json({ item: itemPayload(item) });
  });
}

export const loader = () => jsonError(405, "Use POST");
