import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireAdmin } from "~/auth/guards.server";
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { Alert, Button, Card, Field, Input, Select } from "~/components/ui";
import { useLocalName } from "~/i18n/local-name";
import { formAction } from "~/lib/forms/action.server";
import { newProjectSchema } from "~/lib/forms/schemas/project";
import { useKeyedForm, useMessageText } from "~/lib/forms/use-keyed-form";
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
  return formAction(await request.formData(), newProjectSchema, async (v) => {
    const input = {
      ...v,
      metricSetKey: v.metricSet,
      overlapK: v.overlap,
      hideModelNames: !v.showModels,
      pairs: { design: v.pairDesign, reference: v.pairReference, perPair: v.pairTarget },
    };
    const project = await createProject(await getDb(), input, user.id);
    // the overview lists the next steps (import, invite, start) of a new project
    throw redirect(`/projects/${project.slug}`);
  });
}

export default function NewProject() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const { sets } = useLoaderData<typeof loader>();
  const [form, fields] = useKeyedForm(newProjectSchema, useActionData<typeof action>());
  const text = useMessageText();
  const [mode, setMode] = useState(fields.mode.initialValue ?? "scoring");
  const [design, setDesign] = useState(fields.pairDesign.initialValue ?? "all");
  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <h1 className="mb-6 text-2xl font-semibold">{t("project.new.title")}</h1>
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <Field label={t("project.new.name")} error={text(fields.name.errors)}>
            <Input {...getInputProps(fields.name, { type: "text" })} required maxLength={200} />
          </Field>
          <Field label={t("project.new.slug")} hint={t("project.new.slugHint")} error={text(fields.slug.errors)}>
            <Input {...getInputProps(fields.slug, { type: "text" })} required />
          </Field>
          <Field label={t("project.new.description")} error={text(fields.description.errors)}>
            <Input {...getInputProps(fields.description, { type: "text" })} maxLength={2000} />
          </Field>
          <fieldset className="space-y-1" data-testid="project-mode">
            <legend className="text-sm font-medium">{t("pairwise.mode.label")}</legend>
            {(["scoring", "pairwise"] as const).map((v) => (
              <label key={v} className="flex items-center gap-2 text-sm">
                <input type="radio" name={fields.mode.name} value={v} checked={mode === v} onChange={() => setMode(v)} />
                {t(`pairwise.mode.${v}`)}
              </label>
            ))}
          </fieldset>
          {mode === "pairwise" && (
            <div className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
              <Field label={t("pairwise.design.label")} error={text(fields.pairDesign.errors)}>
                <Select name={fields.pairDesign.name} value={design} onChange={(e) => setDesign(e.target.value)}>
                  {(["all", "reference", "balanced"] as const).map((d) => (
                    <option key={d} value={d}>
                      {t(`pairwise.design.${d}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              {design === "reference" && (
                <Field label={t("pairwise.design.reference_model")} error={text(fields.pairReference.errors)}>
                  <Input {...getInputProps(fields.pairReference, { type: "text" })} maxLength={200} />
                </Field>
              )}
              {design === "balanced" && (
                <Field label={t("pairwise.design.perPair")} error={text(fields.pairTarget.errors)}>
                  <Input {...getInputProps(fields.pairTarget, { type: "number" })} min={1} />
                </Field>
              )}
            </div>
          )}
          <Field label={t("project.new.metricSet")} error={text(fields.metricSet.errors)}>
            <Select {...getSelectProps(fields.metricSet)} defaultValue={fields.metricSet.initialValue ?? "charactereval"}>
              {sets.map((s) => (
                <option key={s.key} value={s.key}>
                  {localName(s)} — {t("project.new.metricCount", { count: s.metrics })}, {s.scales.join(" / ")}
                </option>
              ))}
            </Select>
          </Field>
          <Link to="/metric-sets/new" className="-mt-2 block text-xs text-brand-700 hover:underline" data-testid="new-metric-set">
            + {t("metricSets.newSet")}
          </Link>
          <Field label={t("project.new.overlap")} hint={t("project.new.overlapHint")} error={text(fields.overlap.errors)}>
            <Input {...getInputProps(fields.overlap, { type: "number" })} defaultValue={fields.overlap.initialValue ?? "2"} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input {...getInputProps(fields.showModels, { type: "checkbox" })} /> {t("project.new.showModels")}
          </label>
          {form.errors && <Alert>{text(form.errors)}</Alert>}
          <Button type="submit">{t("project.new.submit")}</Button>
        </Form>
      </Card>
    </main>
  );
}
