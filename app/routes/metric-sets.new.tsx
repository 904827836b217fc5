import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireUser } from "~/auth/session.server";
import { MetricSetEditor, newDocument } from "~/components/metric-sets/editor";
import { Button, Select } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { str } from "~/lib/form";
import { createCustomMetricSet, getMetricSetDocument, listMetricSetSummaries, mayManageMetricSets } from "~/services/metric-sets.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · New metric set" }];

async function requireSetManager(request: Request) {
  const user = await requireUser(request);
  if (!(await mayManageMetricSets(await getDb(), user))) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSetManager(request);
  const db = await getDb();
  const from = new URL(request.url).searchParams.get("from") ?? "charactereval";
  const template = from ? await getMetricSetDocument(db, from).catch(() => null) : null;
  const sets = await listMetricSetSummaries(db);
  return {
    from: template ? from : "",
    document: newDocument(template?.document ?? null),
    templates: sets.map((s) => ({ key: s.key, nameEn: s.nameEn, nameZh: s.nameZh })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireSetManager(request);
  const form = await request.formData();
  try {
    const doc = await createCustomMetricSet(await getDb(), str(form, "document"), user.id);
    throw redirect(`/metric-sets?saved=${encodeURIComponent(doc.key)}`);
  } catch (e) {
    if (isAppError(e)) return data({ error: e.message, field: e.field ?? null }, { status: e.status });
    throw e;
  }
}

export default function NewMetricSet() {
  const { t, i18n } = useTranslation();
  const { from, document, templates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="mb-4 text-2xl font-semibold">{t("metricSets.editorNew")}</h1>
      <Form method="get" className="mb-4 flex items-end gap-2 text-sm">
        <label className="block">
          <span className="mb-1 block font-medium text-slate-700">{t("metricSets.template")}</span>
          <Select name="from" defaultValue={from}>
            <option value="">{t("metricSets.templateNone")}</option>
            {templates.map((s) => (
              <option key={s.key} value={s.key}>
                {i18n.language === "zh" ? s.nameZh : s.nameEn} ({s.key})
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit" variant="secondary">
          {t("metricSets.templateLoad")}
        </Button>
        <span className="pb-2 text-xs text-slate-500">{t("metricSets.templateHint")}</span>
      </Form>
      <MetricSetEditor key={from} initial={document} mode="new" readOnly={false} serverError={result ?? null} />
    </main>
  );
}
