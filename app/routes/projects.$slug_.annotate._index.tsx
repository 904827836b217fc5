import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Alert, Button, Card } from "~/components/ui";
import { claimNextTask } from "~/services/queue/claim.server";
import { annotatorDashboard } from "~/services/queue/workspace.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · Annotate" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "annotate");
  return { project: { slug: project.slug, name: project.name }, progress: await annotatorDashboard(await getDb(), project, user.id) };
}

/** Claims (or resumes) the next task and goes to it; the workspace posts here after each submit. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "annotate");
  const outcome = await claimNextTask(await getDb(), project, user.id);
  if (outcome.taskId !== null) throw redirect(`/projects/${project.slug}/annotate/${outcome.taskId}`);
  throw redirect(`/projects/${project.slug}/annotate?state=${outcome.reason}`);
}

export default function AnnotateStart() {
  const { t } = useTranslation();
  const { project, progress } = useLoaderData<typeof loader>();
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
        {state === "paused" && <Alert tone="info">{t("workspace.paused")}</Alert>}
        {state === "not-annotator" && <Alert>{t("workspace.notAnnotator")}</Alert>}
        <Form method="post" className="mt-4 flex items-center gap-3">
          <Button type="submit" disabled={busy} autoFocus>
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
