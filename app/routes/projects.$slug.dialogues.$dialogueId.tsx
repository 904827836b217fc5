import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { DialogueView, ProfileCard, Utterance } from "~/components/dialogue";
import { profileEntries } from "~/domain/dialogue/profile-display";
import { parseContext } from "~/domain/export/context";
import { getDialogue } from "~/services/dialogues.server";
import { can } from "~/auth/capabilities";
import { Alert } from "~/components/ui";
import { UnitPanel } from "~/components/quality/unit-panel";
import { isAppError } from "~/lib/errors";
import { translate, type Message } from "~/lib/forms/message";
import { markGold, promoteAdjudicated, unmarkGold } from "~/services/gold.server";
import { unitDetails } from "~/services/quality/unit-details.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, user, role } = await requireProject(request, params.slug!, "viewReports");
  const db = await getDb();
  const d = await getDialogue(db, project.id, params.dialogueId!);
  if (!d) throw new Response("Not found", { status: 404 });
  const details = await unitDetails(
    db,
    project.id,
    d.responses.map((r) => Number(r.id)),
  );
  return {
    units: details.units,
    defaultTolerance: details.defaultTolerance,
    canManage: can(role, user.isAdmin, "manage"),
    dialogue: { externalId: d.external_id, character: d.character, novel: d.novel_name },
    turns: parseContext(d.context, d.character),
    profile: profileEntries(d.profile_json),
    metrics: d.metrics,
    responses: d.responses,
  };
}

/** Gold from this page (product.md §9): mark a unit with a reference score, remove it, or promote its
 *  adjudicated score. Managers only; a unit of another project or dialogue is a 404. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  const d = await getDialogue(db, project.id, params.dialogueId!);
  if (!d) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const unit = Number(form.get("unit"));
  const units = await unitDetails(
    db,
    project.id,
    d.responses.map((r) => Number(r.id)),
  );
  if (!Number.isSafeInteger(unit) || !units.units.some((u) => u.unit_id === unit)) throw new Response("Not found", { status: 404 });
  try {
    const intent = form.get("intent");
    if (intent === "mark-gold") {
      const tolerance = String(form.get("tolerance") ?? "").trim();
      await markGold(db, project.id, unit, Number(form.get("score")), tolerance === "" ? null : Number(tolerance));
      return { ok: "marked" as const };
    }
    if (intent === "unmark-gold") {
      await unmarkGold(db, project.id, unit);
      return { ok: "unmarked" as const };
    }
    if (intent === "promote-gold") {
      await promoteAdjudicated(db, project.id, unit);
      return { ok: "marked" as const };
    }
    return { error: { key: "errors.unknownIntent" } as Message };
  } catch (e) {
    // keyed, so the page reads it in its own language
    if (isAppError(e))
      return data({ error: e.i18n ?? ({ key: "errors.service", params: { detail: e.message } } as Message) }, { status: e.status });
    throw e;
  }
}

export default function DialogueDetail() {
  const { t, i18n } = useTranslation();
  const { dialogue, turns, profile, metrics, responses, units, canManage, defaultTolerance } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      {result && "ok" in result && (
        <Alert tone="success">{t(result.ok === "unmarked" ? "quality.gold.unmarked" : "quality.gold.marked")}</Alert>
      )}
      {result && "error" in result && <Alert>{translate(t, result.error)}</Alert>}
      <Link to=".." relative="path" className="text-sm text-brand-600">
        ← {t("imports.browse.back")}
      </Link>
      <div className="grid gap-4 lg:grid-cols-[20rem_1fr]">
        <aside className="space-y-3">
          <ProfileCard name={dialogue.character} novel={dialogue.novel} entries={profile} defaultOpen />
          <section className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <h3 className="mb-1 font-semibold">{t("imports.browse.subset")}</h3>
            {metrics.length === 0 ? (
              <p className="text-slate-500">{t("imports.browse.noSubset")}</p>
            ) : (
              <ul className="flex flex-wrap gap-1">
                {metrics.map((m) => (
                  <li key={m.key} className="rounded bg-brand-50 px-1.5 text-xs text-brand-700">
                    {i18n.language === "zh" ? m.name_zh : m.name_en}
                    {(i18n.language === "zh" ? m.name_zh : m.name_en).replace(/ /g, "_") !== m.key && ` (${m.key})`}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
        <div className="space-y-4">
          <section className="rounded-lg border border-slate-200 bg-slate-50 p-4">
            <h2 className="mb-3 text-sm font-semibold text-slate-600">
              #{dialogue.externalId} · {t("imports.browse.context")}
            </h2>
            <DialogueView turns={turns} />
          </section>
          <section className="space-y-2">
            <h2 className="text-sm font-semibold text-slate-600">{t("imports.browse.responsesTitle", { count: responses.length })}</h2>
            {responses.map((r) => (
              <article key={r.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="response">
                <header className="mb-1 flex items-center gap-2">
                  <span className="font-medium">{r.model}</span>
                  <span className="text-xs text-slate-500">{t("imports.browse.ratings", { count: r.ratings })}</span>
                </header>
                <p className="rounded bg-brand-50 px-2 py-1">
                  <span className="mr-2 text-[11px] uppercase text-brand-700">{t("imports.browse.scored")}</span>
                  <Utterance text={r.scored_text} />
                </p>
                {r.text !== r.scored_text && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-slate-500">{t("imports.browse.fullText")}</summary>
                    <p className="whitespace-pre-wrap text-slate-700">{r.text}</p>
                  </details>
                )}
                <UnitPanel
                  units={units.filter((u) => u.response_id === Number(r.id))}
                  canManage={canManage}
                  defaultTolerance={defaultTolerance}
                />
              </article>
            ))}
          </section>
        </div>
      </div>
    </div>
  );
}
