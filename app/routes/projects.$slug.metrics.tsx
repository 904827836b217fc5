import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { listProjectMetrics } from "~/services/projects.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!);
  return { metrics: await listProjectMetrics(await getDb(), project.id) };
}

export default function ProjectMetrics() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh";
  const { metrics } = useLoaderData<typeof loader>();
  const dimensions = [...new Set(metrics.map((m) => m.dimension))];
  return (
    <div className="space-y-8" data-testid="metric-list">
      {dimensions.map((d) => {
        const ms = metrics.filter((m) => m.dimension === d);
        return (
          <section key={d}>
            <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">{zh ? ms[0].dimensionNameZh : ms[0].dimensionNameEn}</h2>
            <div className="grid gap-3 md:grid-cols-2">
              {ms.map((m) => (
                <article key={m.key} className="rounded-lg border border-slate-200 bg-white p-4" data-metric={m.key}>
                  <header className="flex items-baseline justify-between gap-2">
                    <h3 className="font-semibold">
                      {zh ? m.nameZh : m.nameEn} <span className="text-sm font-normal text-slate-500">{zh ? m.key : m.nameZh}</span>
                    </h3>
                    <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">
                      {t("metrics.scale", { min: m.scaleMin, max: m.scaleMax })}
                    </span>
                  </header>
                  <p className="mt-2 text-sm text-slate-700">{zh ? m.definitionZh : m.definitionEn}</p>
                  <dl className="mt-3 grid gap-2 text-xs">
                    <div className="rounded bg-red-50 p-2">
                      <dt className="font-medium text-red-800">{t("metrics.anchorLow", { score: m.scaleMin })}</dt>
                      <dd className="text-red-900">{zh ? m.anchorLowZh : m.anchorLowEn}</dd>
                    </div>
                    <div className="rounded bg-green-50 p-2">
                      <dt className="font-medium text-green-800">{t("metrics.anchorHigh", { score: m.scaleMax })}</dt>
                      <dd className="text-green-900">{zh ? m.anchorHighZh : m.anchorHighEn}</dd>
                    </div>
                  </dl>
                </article>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
