import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Card } from "~/components/ui";
import type { Messages } from "~/i18n/messages";
import { can } from "~/auth/capabilities";
import { CompletionBar, NextSteps } from "~/components/project/overview-parts";
import { projectCompletion } from "~/services/overview.server";
import { projectStats } from "~/services/projects.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, user, role } = await requireProject(request, params.slug!);
  const db = await getDb();
  const [stats, completion] = await Promise.all([projectStats(db, project.id), projectCompletion(db, project)]);
  return {
    slug: project.slug,
    description: project.description,
    manages: can(role, user.isAdmin, "manage"),
    completion,
    stats,
    settings: {
      overlapK: project.overlapK,
      groupMode: project.groupMode,
      leaseMinutes: Math.round(project.leaseSeconds / 60),
      hideModelNames: project.hideModelNames,
      metricSet: project.metricSetKey,
    },
  };
}

export default function ProjectOverview() {
  const { t } = useTranslation();
  const { slug, description, manages, completion, stats, settings } = useLoaderData<typeof loader>();
  const steps = { imported: stats.responses > 0, invited: stats.annotators > 0, started: stats.ratings > 0 };
  const items: [keyof Messages["stats"], number][] = [
    ["dialogues", stats.dialogues],
    ["characters", stats.characters],
    ["models", stats.models],
    ["responses", stats.responses],
    ["subset_metrics", stats.subset_metrics],
    ["units", stats.units],
    ["ratings", stats.ratings],
    ["annotators", stats.annotators],
  ];
  return (
    <div className="space-y-6">
      {description && (
        <p className="whitespace-pre-line text-sm text-slate-700" data-testid="project-description">
          {description}
        </p>
      )}
      {manages && !(steps.imported && steps.invited && steps.started) && <NextSteps slug={slug} {...steps} />}
      <CompletionBar completion={completion} ratings={stats.ratings} />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="project-stats">
        {items.map(([k, v]) => (
          <div key={k} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-500">{t(`stats.${k}`)}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{v.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      <Card title={t("project.settings.title")}>
        <ul className="grid gap-1 text-sm text-slate-700 sm:grid-cols-2">
          <li>
            {t("project.settings.metricSet")}: {settings.metricSet}
          </li>
          <li>{settings.groupMode ? t("project.settings.groupMode") : t("project.settings.overlap", { k: settings.overlapK })}</li>
          <li>{t("project.settings.lease", { minutes: settings.leaseMinutes })}</li>
          <li>{settings.hideModelNames ? t("project.settings.modelsHidden") : t("project.settings.modelsShown")}</li>
        </ul>
      </Card>
    </div>
  );
}
