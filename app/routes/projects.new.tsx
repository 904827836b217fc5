import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireAdmin } from "~/auth/guards.server";
import { Alert, Button, Card, Field, Input, Select } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { int, str } from "~/lib/form";
import { listMetricSets } from "~/services/metric-sets.server";
import { createProject } from "~/services/projects.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const sets = await listMetricSets(await getDb());
  return {
    sets: sets.map((s) => ({
      key: s.key,
      nameEn: s.nameEn,
      nameZh: s.nameZh,
      metrics: s.metrics.length,
      scales: [...new Set(s.metrics.map((m) => `${m.scaleMin}–${m.scaleMax}`))],
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const form = await request.formData();
  try {
    const project = await createProject(
      await getDb(),
      {
        slug: str(form, "slug").trim(),
        name: str(form, "name"),
        description: str(form, "description"),
        metricSetKey: str(form, "metricSet"),
        overlapK: int(form, "overlap", 2),
        hideModelNames: str(form, "showModels") !== "on",
      },
      user.id,
    );
    throw redirect(`/projects/${project.slug}/metrics`);
  } catch (e) {
    if (isAppError(e)) return data({ error: e.message, field: e.field ?? null }, { status: e.status });
    throw e;
  }
}

export default function NewProject() {
  const { t, i18n } = useTranslation();
  const { sets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const err = (f: string) => (result?.field === f ? result.error : null);
  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <h1 className="mb-6 text-2xl font-semibold">{t("project.new.title")}</h1>
      <Card>
        <Form method="post" className="space-y-4">
          <Field label={t("project.new.name")} error={err("name")}>
            <Input name="name" required maxLength={200} />
          </Field>
          <Field label={t("project.new.slug")} hint={t("project.new.slugHint")} error={err("slug")}>
            <Input name="slug" required pattern="[a-z0-9][a-z0-9\-]{1,62}" />
          </Field>
          <Field label={t("project.new.description")}>
            <Input name="description" maxLength={2000} />
          </Field>
          <Field label={t("project.new.metricSet")} error={err("metricSet")}>
            <Select name="metricSet" defaultValue="charactereval">
              {sets.map((s) => (
                <option key={s.key} value={s.key}>
                  {i18n.language === "zh" ? s.nameZh : s.nameEn} — {t("project.new.metricCount", { count: s.metrics })}, {s.scales.join(" / ")}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("project.new.overlap")} hint={t("project.new.overlapHint")} error={err("overlap")}>
            <Input name="overlap" type="number" min={1} max={20} defaultValue={2} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="showModels" /> {t("project.new.showModels")}
          </label>
          {result?.error && !result.field && <Alert>{result.error}</Alert>}
          <Button type="submit">{t("project.new.submit")}</Button>
        </Form>
      </Card>
    </main>
  );
}
