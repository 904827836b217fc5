import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { can } from "~/auth/capabilities";
import { requireProject } from "~/auth/guards.server";
import { Guidelines } from "~/components/metric-sets/guidelines";
import { GuidelinesEditor } from "~/components/metric-sets/guidelines-editor";
import { GuidelinesText } from "~/components/metric-sets/guidelines-text";
import { Card } from "~/components/ui";
import { GUIDELINES_MAX_CHARS } from "~/domain/guidelines/markdown";
import { storedAnchors } from "~/domain/metrics/document";
import { isAppError } from "~/lib/errors";
import { currentGuidelines, saveGuidelines } from "~/services/guidelines.server";
import { listProjectMetrics } from "~/services/projects.server";

/** Every member reads the project's written guidelines and its copy of the metrics (annotators as their
 *  guidelines; the workspace's G overlay loads this same data); managers and admins edit the text and
 *  get a link to the set the metrics were copied from. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, role, user } = await requireProject(request, params.slug!);
  const db = await getDb();
  const metrics = await listProjectMetrics(db, project.id);
  return {
    set: project.metricSetKey,
    manage: can(role, user.isAdmin, "manage"),
    guidelines: await currentGuidelines(db, project.id),
    metrics: metrics.map((m) => ({
      key: m.key,
      nameEn: m.nameEn,
      nameZh: m.nameZh,
      dimension: m.dimension,
      dimensionNameEn: m.dimensionNameEn,
      dimensionNameZh: m.dimensionNameZh,
      definitionEn: m.definitionEn,
      definitionZh: m.definitionZh,
      scaleMin: m.scaleMin,
      scaleMax: m.scaleMax,
      higherIsBetter: m.higherIsBetter,
      anchors: storedAnchors(m),
    })),
  };
}

/** Managers save the guidelines text: every save is a new version. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "manage");
  const form = await request.formData();
  if (form.get("intent") !== "save-guidelines") return data({ error: "unknownIntent" as const }, { status: 400 });
  const text = (name: string) => String(form.get(name) ?? "").replace(/\r\n/g, "\n");
  try {
    const { version } = await saveGuidelines(await getDb(), project.id, user.id, { en: text("en"), zh: text("zh") });
    return { saved: version };
  } catch (e) {
    if (isAppError(e) && e.status === 400) {
      return data({ error: "tooLong" as const, field: e.field as "en" | "zh", max: GUIDELINES_MAX_CHARS }, { status: 400 });
    }
    throw e;
  }
}

export default function ProjectMetrics() {
  const { t } = useTranslation();
  const { set, manage, guidelines, metrics } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <Card title={t("metricSets.textHeading")}>
        {guidelines ? (
          <>
            <p className="mb-2 text-xs text-slate-500">
              {t("metricSets.textVersion", { version: guidelines.version, date: new Date(guidelines.createdAt).toLocaleString() })}
            </p>
            <GuidelinesText guidelines={guidelines} />
          </>
        ) : (
          <p className="text-sm text-slate-500">{t("metricSets.textNone")}</p>
        )}
        {manage && (
          <section className="mt-4 border-t border-slate-100 pt-3">
            <h3 className="mb-2 text-sm font-medium text-slate-700">{t("metricSets.textEdit")}</h3>
            <GuidelinesEditor current={guidelines} />
          </section>
        )}
      </Card>
      <div className="space-y-4" data-testid="metric-list">
        <p className="flex flex-wrap items-baseline gap-3 text-sm text-slate-600">
          <span>{t("metricSets.fromSet", { key: set })}</span>
          <span>{t("metricSets.guidelinesIntro")}</span>
          {manage && (
            <Link to={`/metric-sets/${encodeURIComponent(set)}`} className="text-brand-700 hover:underline">
              {t("metricSets.editSet")}
            </Link>
          )}
        </p>
        <Guidelines metrics={metrics} />
      </div>
    </div>
  );
}
