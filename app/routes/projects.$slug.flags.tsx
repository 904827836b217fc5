import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Alert, Card } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { int, str } from "~/lib/form";
import { listFlags, resolveFlag } from "~/services/flags.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const all = new URL(request.url).searchParams.get("show") === "all";
  return { slug: project.slug, flags: await listFlags(await getDb(), project.id, { open: !all }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "manage");
  const form = await request.formData();
  try {
    await resolveFlag(await getDb(), project.id, int(form, "flag", 0), user.id, str(form, "note"));
    return { ok: true, error: null };
  } catch (e) {
    if (isAppError(e)) return data({ ok: false, error: e.message }, { status: e.status });
    throw e;
  }
}

/** The managers' inbox of flags: what the annotator wrote, on which dialogue and response, resolved with a note. */
export default function FlagsPage() {
  const { t, i18n } = useTranslation();
  const { slug, flags } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const all = params.get("show") === "all";
  const tab = (on: boolean) => `rounded px-2 py-0.5 text-xs ${on ? "bg-brand-600 text-white" : "border border-slate-300"}`;
  return (
    <Card
      title={t("adjudication.flagsTitle")}
      actions={
        <div className="flex gap-1">
          <Link to="?" className={tab(!all)}>
            {t("adjudication.flagsOpen")}
          </Link>
          <Link to="?show=all" className={tab(all)}>
            {t("adjudication.flagsAll")}
          </Link>
        </div>
      }
    >
      {result?.error && <Alert>{result.error}</Alert>}
      {result?.ok && <Alert tone="success">{t("adjudication.flagResolved")}</Alert>}
      {flags.length === 0 ? (
        <p className="text-sm text-slate-500">{t("adjudication.noFlags")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="flags">
          {flags.map((f) => (
            <li key={f.id} className="grid gap-2 py-3 text-sm md:grid-cols-[1fr_18rem]">
              <div>
                <p className="font-medium">{f.note}</p>
                <p className="text-xs text-slate-500">
                  {f.annotator} · {new Date(f.created_at).toLocaleString(i18n.language === "zh" ? "zh-CN" : "en-GB")} ·{" "}
                  <Link to={`/projects/${slug}/dialogues/${encodeURIComponent(f.dialogue_id)}`} className="text-brand-600 hover:underline">
                    {t("adjudication.dialogue")} {f.dialogue_id}
                  </Link>{" "}
                  · {t("adjudication.model")} {f.model}
                </p>
              </div>
              {f.resolved ? (
                <p className="text-xs text-green-700">
                  {t("adjudication.resolvedBy", { who: f.resolved_by ?? "—", note: f.resolution_note ?? "" })}
                </p>
              ) : (
                <Form method="post" className="flex gap-1">
                  <input type="hidden" name="flag" value={f.id} />
                  <input
                    name="note"
                    aria-label={t("adjudication.resolutionNote")}
                    placeholder={t("adjudication.resolutionNote")}
                    maxLength={2000}
                    className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-xs"
                  />
                  <button className="rounded bg-brand-600 px-2 text-xs text-white">{t("adjudication.resolve")}</button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
