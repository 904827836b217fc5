import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Alert, Button, Card } from "~/components/ui";
import { GuidelinesText } from "~/components/metric-sets/guidelines-text";
import { acknowledgeGuidelines, currentGuidelines, guidelinesToAcknowledge } from "~/services/guidelines.server";
import { claimNextTask } from "~/services/queue/claim.server";
import { annotatorDashboard } from "~/services/queue/workspace.server";
import { pauseReasonOf } from "~/services/quality/unit-details.server";
import { parsePauseReason } from "~/domain/stats/gold-checks";
import { num } from "~/domain/reports/format";
import { isAppError } from "~/lib/errors";

export const meta: MetaFunction = () => [{ title: "Rolecall · Annotate" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "annotate");
  const db = await getDb();
  const guidelines = await currentGuidelines(db, project.id);
  return {
    project: { slug: project.slug, name: project.name },
    guidelines,
    mustRead: guidelines !== null && (await guidelinesToAcknowledge(db, project.id, user.id)) !== null,
    progress: await annotatorDashboard(db, project, user.id),
    pause: parsePauseReason(await pauseReasonOf(db, project.id, user.id)),
  };
}

/** "I have read these" records the acknowledgement; otherwise claims (or resumes) the next task and goes
 *  to it (the workspace posts here after each submit). No task is handed out in the browser before the
 *  current guidelines are acknowledged; the task API does not ask (docs/api.md, "Guidelines"). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "annotate");
  const db = await getDb();
  const form = await request.formData();
  const back = `/projects/${project.slug}/annotate`;
  if (form.get("intent") === "acknowledge") {
    // a version that is no longer current (a manager saved meanwhile) just shows the new one
    await acknowledgeGuidelines(db, project.id, user.id, Number(form.get("version"))).catch((e) => {
      if (!isAppError(e)) throw e;
    });
    throw redirect(back);
  }
  if (await guidelinesToAcknowledge(db, project.id, user.id)) throw redirect(`${back}?state=read-guidelines`);
  const outcome = await claimNextTask(db, project, user.id);
  if (outcome.taskId !== null) throw redirect(`${back}/${outcome.taskId}`);
  throw redirect(`${back}?state=${outcome.reason}`);
}

export default function AnnotateStart() {
  const { t } = useTranslation();
  const { project, progress, pause, guidelines, mustRead } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const state = params.get("state");
  const busy = useNavigation().state !== "idle";
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <Card title={project.name}>
        <dl className="mb-4 grid grid-cols-3 gap-3 text-center" data-testid="annotator-progress">
          <div>
            <dt className="text-xs text-slate-500">{t("workspace.doneToday")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{progress.today}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("workspace.rated")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{progress.rated}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("workspace.left")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{progress.ratingsLeft}</dd>
          </div>
        </dl>
        {state === "nothing-left" && <Alert tone="success">{t("workspace.allDone")}</Alert>}
        {state === "paused" && (
          <Alert tone="info">
            {pause
              ? t("quality.pausedMessage", {
                  reason: t(`quality.pause.${pause.code}`, { accuracy: num(pause.accuracy, 2), threshold: num(pause.threshold, 2) }),
                })
              : t("workspace.paused")}
          </Alert>
        )}
        {state === "not-annotator" && <Alert>{t("workspace.notAnnotator")}</Alert>}
        {state === "read-guidelines" && mustRead && <Alert>{t("metricSets.ackRequired")}</Alert>}
        {guidelines && mustRead && (
          <section className="mt-4 rounded-md border border-amber-200 bg-amber-50/40 p-3" data-testid="guidelines-to-read">
            <h2 className="mb-1 font-semibold">{t("metricSets.ackTitle")}</h2>
            {guidelines.version > 1 && (
              <p className="mb-2 text-sm text-amber-900">{t("metricSets.ackNew", { version: guidelines.version })}</p>
            )}
            <div className="max-h-96 overflow-y-auto rounded border border-slate-200 bg-white p-3">
              <GuidelinesText guidelines={guidelines} />
            </div>
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="acknowledge" />
              <input type="hidden" name="version" value={guidelines.version} />
              <Button type="submit" disabled={busy} autoFocus data-testid="acknowledge-guidelines">
                {t("metricSets.ackButton")}
              </Button>
            </Form>
          </section>
        )}
        {guidelines && !mustRead && (
          <p className="mt-2 text-xs text-slate-500" data-testid="guidelines-read">
            {t("metricSets.ackDone", { version: guidelines.version })}{" "}
            <Link to={`/projects/${project.slug}/metrics`} className="text-brand-700 hover:underline">
              {t("metricSets.guidelinesTitle")}
            </Link>
          </p>
        )}
        <Form method="post" className="mt-4 flex items-center gap-3">
          <Button type="submit" disabled={busy || mustRead} autoFocus={!mustRead}>
            {progress.rated > 0 ? t("workspace.resume") : t("workspace.start")}
          </Button>
          <Link to="/" className="text-sm text-slate-600">
            {t("workspace.backHome")}
          </Link>
        </Form>
        <p className="mt-4 text-xs text-slate-500">{t("workspace.startHint")}</p>
      </Card>
    </main>
  );
}
