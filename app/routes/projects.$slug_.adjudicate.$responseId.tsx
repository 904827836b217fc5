import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { AdjudicationWorkspace } from "~/components/adjudication/workspace";
import { parseJson } from "~/lib/api.server";
import { badRequest, isAppError } from "~/lib/errors";
import { str } from "~/lib/form";
import { adjudicationItem, claimAdjudication, openCount, releaseAdjudication } from "~/services/adjudication/queue.server";
import { resolveUnits } from "~/services/adjudication/resolve.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · Adjudicate" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "adjudicate");
  const db = await getDb();
  const responseId = Number(params.responseId);
  const item = Number.isSafeInteger(responseId) ? await adjudicationItem(db, project.id, responseId, user.id) : null;
  if (!item) throw new Response("Not found", { status: 404 });
  if (item.units.length === 0) throw redirect(`/projects/${project.slug}/adjudicate?state=lost`);
  return { project: { slug: project.slug, name: project.name }, item, open: await openCount(db, project.id) };
}

/** Settles the units the screen sent (each under this adjudicator's lease), then opens the next; or
 *  gives this adjudicator's leases on the response back (`release`). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "adjudicate");
  const db = await getDb();
  const form = await request.formData();
  if (str(form, "intent") === "release") {
    const responseId = Number(params.responseId);
    if (Number.isSafeInteger(responseId)) await releaseAdjudication(db, project.id, responseId, user.id);
    throw redirect(`/projects/${project.slug}/adjudicate?state=left`);
  }
  if (str(form, "intent") !== "resolve") return data({ error: "Unknown intent" }, { status: 400 });
  try {
    const list = parseJson(str(form, "scores"));
    if (!Array.isArray(list) || list.length === 0 || list.length > 50) throw badRequest("scores must be a non-empty list", "scores");
    const items = list as { unit_id?: unknown; score?: unknown; note?: unknown }[];
    if (items.some((x) => !Number.isSafeInteger(x?.unit_id) || !Number.isSafeInteger(x?.score)))
      throw badRequest("each score needs unit_id and score", "scores");
    await resolveUnits(
      db,
      items.map((x) => ({
        projectId: project.id,
        unitId: x.unit_id as number,
        adjudicatorId: user.id,
        score: x.score as number,
        note: typeof x.note === "string" ? x.note : "",
        source: "app",
        respectLease: true,
      })),
    );
    const next = await claimAdjudication(db, project, user.id);
    if (next !== null) throw redirect(`/projects/${project.slug}/adjudicate/${next}`);
    throw redirect(`/projects/${project.slug}/adjudicate?state=none&settled=${list.length}`);
  } catch (e) {
    if (isAppError(e)) return data({ error: e.message }, { status: e.status });
    throw e;
  }
}

export default function AdjudicateResponse() {
  const d = useLoaderData<typeof loader>();
  return <AdjudicationWorkspace key={d.item.responseId} {...d} />;
}
