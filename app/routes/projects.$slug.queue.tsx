import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { int, str } from "~/lib/form";
import { annotatorProgress, metricProgress, releaseLeases, setGroup, setPaused, updateQueueSettings } from "~/services/queue/manage.server";
import { ratingsPerUnit } from "~/services/queue/target.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  return {
    settings: { overlapK: project.overlapK, groupMode: project.groupMode, leaseMinutes: Math.round(project.leaseSeconds / 60), hideModelNames: project.hideModelNames },
    annotators: await annotatorProgress(db, project.id),
    metrics: await metricProgress(db, project.id, await ratingsPerUnit(db, project)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const form = await request.formData();
  const db = await getDb();
  const userId = str(form, "userId");
  try {
    switch (str(form, "intent")) {
      case "settings":
        await updateQueueSettings(db, project.id, {
          overlapK: int(form, "overlap", project.overlapK),
          groupMode: str(form, "groupMode") === "on",
          leaseMinutes: int(form, "lease", Math.round(project.leaseSeconds / 60)),
          hideModelNames: str(form, "hideModels") === "on",
        });
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
        return data({ ok: null, error: "Unknown intent" }, { status: 400 });
    }
  } catch (e) {
    if (isAppError(e)) return data({ ok: null, error: e.message }, { status: e.status });
    throw e;
  }
}

export default function QueuePage() {
  const { t } = useTranslation();
  const { settings, annotators, metrics } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      {result?.error && <Alert>{result.error}</Alert>}
      {result?.ok && <Alert tone="success">{t(`queue.done.${result.ok}`)}</Alert>}
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
                      <input name="group" defaultValue={a.group_name ?? ""} aria-label={t("queue.group")} className="w-14 rounded border border-slate-300 px-1 text-xs" />
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
      <Card title={t("queue.perMetric")}>
        <ul className="space-y-1.5" data-testid="metric-progress">
          {metrics.map((m) => (
            <li key={m.key} className="grid grid-cols-[10rem_1fr_12rem] items-center gap-3 text-xs">
              <span>{m.key}</span>
              <div className="flex h-3 overflow-hidden rounded bg-slate-100" title={`${m.done} / ${m.in_progress} / ${m.open}`}>
                <div className="bg-green-500" style={{ width: `${(100 * m.done) / Math.max(1, m.units)}%` }} />
                <div className="bg-amber-400" style={{ width: `${(100 * m.in_progress) / Math.max(1, m.units)}%` }} />
              </div>
              <span className="tabular-nums text-slate-600">{t("queue.metricCounts", { done: m.done, progress: m.in_progress, open: m.open })}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
