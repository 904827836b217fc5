import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Alert, Button, Card } from "~/components/ui";
import { claimAdjudication, openCount } from "~/services/adjudication/queue.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · Adjudicate" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "adjudicate");
  return { project: { slug: project.slug, name: project.name }, open: await openCount(await getDb(), project.id) };
}

/** Claims (or resumes) the next open response and goes to it; the workspace comes back here when done. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "adjudicate");
  const responseId = await claimAdjudication(await getDb(), project, user.id);
  if (responseId !== null) throw redirect(`/projects/${project.slug}/adjudicate/${responseId}`);
  throw redirect(`/projects/${project.slug}/adjudicate?state=none`);
}

export default function AdjudicateStart() {
  const { t } = useTranslation();
  const { project, open } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const state = params.get("state");
  const settled = Number(params.get("settled") ?? 0);
  const busy = useNavigation().state !== "idle";
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <Card title={`${project.name} · ${t("adjudication.title")}`}>
        {settled > 0 && <Alert tone="success">{t("adjudication.settled", { count: settled })}</Alert>}
        {state === "lost" && <Alert tone="info">{t("adjudication.leaseLost")}</Alert>}
        {state === "left" && <Alert tone="info">{t("adjudication.left")}</Alert>}
        <p className="my-3 text-lg" data-testid="open-count">
          {open > 0 ? t("adjudication.openCount", { count: open }) : t("adjudication.nothingOpen")}
        </p>
        <Form method="post" className="mt-4 flex items-center gap-3">
          <Button type="submit" disabled={busy || open === 0} autoFocus>
            {t("adjudication.start")}
          </Button>
          <Link to={`/projects/${project.slug}`} className="text-sm text-slate-600">
            {t("adjudication.backHome")}
          </Link>
        </Form>
        <p className="mt-4 text-xs text-slate-500">{t("adjudication.startHint")}</p>
      </Card>
    </main>
  );
}
