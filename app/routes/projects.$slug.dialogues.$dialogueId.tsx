import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { DialogueView, ProfileCard, Utterance } from "~/components/dialogue";
import { profileEntries } from "~/domain/dialogue/profile-display";
import { parseContext } from "~/domain/export/context";
import { getDialogue } from "~/services/dialogues.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "viewReports");
  const d = await getDialogue(await getDb(), project.id, params.dialogueId!);
  if (!d) throw new Response("Not found", { status: 404 });
  return {
    dialogue: { externalId: d.external_id, character: d.character, novel: d.novel_name },
    turns: parseContext(d.context, d.character),
    profile: profileEntries(d.profile_json),
    metrics: d.metrics,
    responses: d.responses,
  };
}

export default function DialogueDetail() {
  const { t, i18n } = useTranslation();
  const { dialogue, turns, profile, metrics, responses } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
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
                    {i18n.language === "zh" ? m.name_zh : m.name_en} ({m.key})
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
              </article>
            ))}
          </section>
        </div>
      </div>
    </div>
  );
}
