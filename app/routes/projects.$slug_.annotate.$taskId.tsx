import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { GuidelinesOverlay } from "~/components/metric-sets/guidelines-overlay";
import { PairwiseWorkspace } from "~/components/workspace/pairwise-workspace";
import { Workspace } from "~/components/workspace/workspace";
import { isAppError } from "~/lib/errors";
import { findOwnTask } from "~/services/queue/tasks.server";
import { annotatorDashboard, workspaceTask } from "~/services/queue/workspace.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · Annotate" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "annotate");
  const db = await getDb();
  try {
    const own = await findOwnTask(db, Number(params.taskId), user.id);
    if (own.project_id !== project.id) throw new Response("Not found", { status: 404 });
  } catch (e) {
    if (isAppError(e)) throw new Response("Not found", { status: 404 });
    throw e;
  }
  const [task, progress] = await Promise.all([workspaceTask(db, Number(params.taskId)), annotatorDashboard(db, project, user.id)]);
  return { project: { slug: project.slug, name: project.name }, task, progress };
}

export default function AnnotateTask() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      {data.task.pair ? (
        <PairwiseWorkspace key={data.task.id} {...data} task={{ ...data.task, pair: data.task.pair }} />
      ) : (
        <Workspace key={data.task.id} {...data} />
      )}
      <GuidelinesOverlay slug={data.project.slug} />
    </>
  );
}
