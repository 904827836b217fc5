import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { readJson } from "~/lib/api.server";
import { badRequest } from "~/lib/errors";
import { storableText } from "~/lib/form";
import { apiHandler, jsonError } from "~/lib/http.server";
import { NOTE_MAX, resolveUnit, unitProjectSlug } from "~/services/adjudication/resolve.server";

/** POST /api/adjudications/:id/resolve { score, note? } — :id is the unit. The unit's project decides
 *  access: outsiders (and tokens of another project) get 404, members who are not adjudicators 403.
 *  409 while another adjudicator holds the unit's lease. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const db = await getDb();
    const unitId = Number(params.id);
    const slug = await unitProjectSlug(db, unitId);
    if (!slug) return jsonError(404, "Not found");
    const { project, user } = await requireProject(request, slug, "adjudicate");
    const body = ((await readJson(request)) ?? {}) as { score?: unknown; note?: unknown };
    if (!Number.isSafeInteger(body.score)) throw badRequest("score must be an integer", "score");
    if (body.note != null && !storableText(body.note, NOTE_MAX)) throw badRequest(`note must be text up to ${NOTE_MAX} characters`, "note");
    const r = await resolveUnit(db, {
      projectId: project.id,
      unitId,
      adjudicatorId: user.id,
      score: body.score as number,
      note: (body.note as string | null | undefined) ?? "",
      source: "api",
      respectLease: true,
    });
    return Response.json({
      unit_id: r.unit_id,
      dialogue_id: r.dialogue_id,
      model: r.model,
      metric: r.metric,
      final_score: r.score,
      previous_score: r.previous_score,
      note: r.note,
    });
  });
}

export const loader = () => jsonError(405, "Use POST");
