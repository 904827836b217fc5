import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Messages } from "~/i18n/messages";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { message } from "~/lib/forms/message";
import { useMessageText } from "~/lib/forms/use-keyed-form";
import { int, str } from "~/lib/form";
import { annotatorProgress, metricProgress, releaseLeases, setGroup, setPaused } from "~/services/queue/manage.server";
import { ratingsPerUnit } from "~/services/queue/target.server";
import { DisagreementSection } from "~/components/adjudication/queue-section";
import { disagreementPanel } from "~/services/adjudication/queue.server";
import { updateProjectSettings } from "~/services/project-settings.server";
import { queueOverflow } from "~/services/queue/overflow.server";
import { MetricProgressCard } from "~/components/queue/metric-progress";
import { ProductivityCard } from "~/components/quality/productivity-card";
import { QualitySettingsCard, qualitySettingsFrom } from "~/components/quality/quality-settings-card";
import { productivity } from "~/services/quality/productivity.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  const k = await ratingsPerUnit(db, project);
  return {
    settings: {
      overlapK: project.overlapK,
      groupMode: project.groupMode,
      leaseMinutes: Math.round(project.leaseSeconds / 60),
      hideModelNames: project.hideModelNames,
    },
    annotators: await annotatorProgress(db, project.id),
    adjudication: await disagreementPanel(db, project),
    metrics: await metricProgress(db, project.id, k),
    overflow: await queueOverflow(db, project.id, k),
    productivity: await productivity(db, project.id, k),
    quality: {
      goldRate: project.goldRate,
      goldTolerance: project.goldTolerance,
      goldFeedback: project.goldFeedback,
      qualificationUnits: project.qualificationUnits,
      qualificationMinAccuracy: project.qualificationMinAccuracy,
      pauseBelowAccuracy: project.pauseBelowAccuracy,
    },
    k,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "manage");
  const form = await request.formData();
  const db = await getDb();
  const userId = str(form, "userId");
  try {
    switch (str(form, "intent")) {
      case "settings":
        await updateProjectSettings(db, project.id, user.id, {
          overlap: int(form, "overlap", project.overlapK),
          groupMode: str(form, "groupMode") === "on",
          leaseMinutes: int(form, "lease", Math.round(project.leaseSeconds / 60)),
          hideModelNames: str(form, "hideModels") === "on",
        });
        return { ok: "saved", error: null };
      case "disagreement":
        await updateProjectSettings(db, project.id, user.id, {
          disagreementRange: int(form, "disagreementRange", project.disagreementRange),
        });
        return { ok: "saved", error: null };
      case "quality":
        await updateProjectSettings(db, project.id, user.id, qualitySettingsFrom(form));
        return { ok: "saved", error: null };
      case "release":
        return { ok: "released", error: null, count: await releaseLeases(db, project.id, userId) };
      case "pause":
        await setPaused(db, project.id, userId, true);
        return { ok: "paused", error: null };
      case "resume":
        await setPaused(db, project.id, userId, false);
        return { ok: "resumed", error: null };
      case "group":
        await setGroup(db, project.id, userId, str(form, "group"));
        return { ok: "moved", error: null };
      default:
        return data({ ok: null, error: "Unknown intent", message: message("errors.unknownIntent") }, { status: 400 });
    }
  } catch (e) {
    // keyed errors read in the page's language; an unkeyed one keeps its English text
    if (isAppError(e)) return data({ ok: null, error: e.message, message: e.i18n ?? null }, { status: e.status });
    throw e;
  }
}

export default function QueuePage() {
  const { t } = useTranslation();
  const { settings, annotators, adjudication, metrics, overflow, k, productivity: pace, quality } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const text = useMessageText();
  const refused = result && "message" in result ? (result.message ? text([result.message]) : result.error) : result?.error;
  return (
    <div className="space-y-6">
      {refused && <Alert>{refused}</Alert>}
      {result?.ok && <Alert tone="success">{t(`queue.done.${result.ok as keyof Messages["queue"]["done"]}`)}</Alert>}
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card title={t("queue.annotators")}>
          <table className="w-full text-sm" data-testid="annotator-table">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1">{t("queue.annotator")}</th>
                <th>{t("queue.group")}</th>
                <th className="text-right">{t("queue.tasks")}</th>
                <th className="text-right">{t("queue.rated")}</th>
                <th className="text-right">{t("queue.skipped")}</th>
                <th className="text-right">{t("queue.leases")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {annotators.map((a) => (
                <tr key={a.user_id} className="border-t border-slate-100" data-annotator={a.email}>
                  <td className="py-1.5">
                    {a.name} <span className="text-xs text-slate-500">{a.email}</span>
                    {a.paused && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">{t("queue.paused")}</span>}
                  </td>
                  <td>
                    <Form method="post" className="flex gap-1">
                      <input type="hidden" name="intent" value="group" />
                      <input type="hidden" name="userId" value={a.user_id} />
                      <input
                        name="group"
                        defaultValue={a.group_name ?? ""}
                        aria-label={t("queue.group")}
                        className="w-14 rounded border border-slate-300 px-1 text-xs"
                      />
                      <button className="text-xs text-brand-600">{t("queue.move")}</button>
                    </Form>
                  </td>
                  <td className="text-right tabular-nums">{a.tasks}</td>
                  <td className="text-right tabular-nums">{a.rated}</td>
                  <td className="text-right tabular-nums">{a.skipped}</td>
                  <td className="text-right tabular-nums">{a.live_leases}</td>
                  <td className="flex justify-end gap-2 py-1.5">
                    {a.live_leases > 0 && (
                      <Form method="post">
                        <input type="hidden" name="intent" value="release" />
                        <input type="hidden" name="userId" value={a.user_id} />
                        <button className="text-xs text-brand-600 hover:underline">{t("queue.release")}</button>
                      </Form>
                    )}
                    <Form method="post">
                      <input type="hidden" name="intent" value={a.paused ? "resume" : "pause"} />
                      <input type="hidden" name="userId" value={a.user_id} />
                      <button className="text-xs text-slate-600 hover:underline">{a.paused ? t("queue.resume") : t("queue.pause")}</button>
                    </Form>
                  </td>
                </tr>
              ))}
              {annotators.length === 0 && (
                <tr>
                  <td colSpan={7} className="py-4 text-slate-500">
                    {t("queue.noAnnotators")}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </Card>
        <Card title={t("queue.settings")}>
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="settings" />
            <Field label={t("queue.overlap")} hint={t("queue.overlapHint")}>
              <Input name="overlap" type="number" min={1} max={20} defaultValue={settings.overlapK} />
            </Field>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="groupMode" defaultChecked={settings.groupMode} /> {t("queue.groupMode")}
            </label>
            <Field label={t("queue.lease")}>
              <Input name="lease" type="number" min={1} max={1440} defaultValue={settings.leaseMinutes} />
            </Field>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="hideModels" defaultChecked={settings.hideModelNames} /> {t("queue.hideModels")}
            </label>
            <p className="text-xs text-slate-500">{t("queue.order")}</p>
            <Button type="submit">{t("queue.save")}</Button>
          </Form>
        </Card>
      </div>
      <ProductivityCard p={pace} />
      <MetricProgressCard progress={metrics} overflow={overflow} k={k} />
      <QualitySettingsCard s={quality} />
      <DisagreementSection {...adjudication} />
    </div>
  );
}
