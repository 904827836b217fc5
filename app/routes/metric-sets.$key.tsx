import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireUser } from "~/auth/session.server";
import { MetricSetEditor } from "~/components/metric-sets/editor";
import { Alert } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { str } from "~/lib/form";
import { getMetricSetDocument, mayEditMetricSet, mayManageMetricSets, updateCustomMetricSet } from "~/services/metric-sets.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · Metric set" }];

async function requireSetManager(request: Request) {
  const user = await requireUser(request);
  if (!(await mayManageMetricSets(await getDb(), user))) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireSetManager(request);
  const set = await getMetricSetDocument(await getDb(), params.key!).catch((e) => {
    if (isAppError(e)) throw new Response("Not found", { status: 404 });
    throw e;
  });
  if (set.builtin) throw redirect(`/metric-sets/new?from=${encodeURIComponent(params.key!)}`);
  return { document: set.document, editable: mayEditMetricSet(user, set.createdBy) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireSetManager(request);
  const form = await request.formData();
  try {
    const r = await updateCustomMetricSet(await getDb(), params.key!, str(form, "document"), user);
    const projects = r.projectsUpdated.length ? `&projects=${encodeURIComponent(r.projectsUpdated.join(", "))}` : "";
    throw redirect(`/metric-sets?saved=${encodeURIComponent(r.document.key)}${projects}`);
  } catch (e) {
    if (isAppError(e)) return data({ error: e.message, field: e.field ?? null }, { status: e.status });
    throw e;
  }
}

export default function EditMetricSet() {
  const { t } = useTranslation();
  const { document, editable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const download = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(document, null, 2) + "\n")}`;
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("metricSets.editorEdit", { key: document.key })}</h1>
        <div className="flex gap-3 text-sm">
          <a href={download} download={`${document.key}.json`} className="text-brand-700 hover:underline">
            {t("metricSets.downloadJson")}
          </a>
          <Link to="/metric-sets" className="text-brand-700 hover:underline">
            {t("metricSets.back")}
          </Link>
        </div>
      </div>
      {!editable && (
        <div className="mb-4">
          <Alert tone="info">{t("metricSets.readOnly")}</Alert>
        </div>
      )}
      <MetricSetEditor initial={document} mode="edit" readOnly={!editable} serverError={result ?? null} />
    </main>
  );
}
