import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireUser } from "~/auth/session.server";
import { Alert } from "~/components/ui";
import { listMetricSetSummaries, mayEditMetricSet, mayManageMetricSets } from "~/services/metric-sets.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · Metric sets" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  if (!(await mayManageMetricSets(db, user))) throw new Response("Forbidden", { status: 403 });
  const sets = await listMetricSetSummaries(db);
  return { sets: sets.map(({ createdBy, ...s }) => ({ ...s, editable: !s.builtin && mayEditMetricSet(user, createdBy) })) };
}

export default function MetricSets() {
  const { t, i18n } = useTranslation();
  const { sets } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const updated = params.get("projects");
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <div className="mb-2 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("metricSets.title")}</h1>
        <Link to="/metric-sets/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          {t("metricSets.newSet")}
        </Link>
      </div>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("metricSets.intro")}</p>
      {saved && (
        <div className="mb-4">
          <Alert tone="success">
            {t("metricSets.saved", { key: saved })} {updated && t("metricSets.updatedProjects", { projects: updated })}
          </Alert>
        </div>
      )}
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="metric-sets">
        {sets.map((s) => (
          <li key={s.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-set={s.key}>
            <div className="flex items-baseline justify-between gap-2">
              <span className="font-semibold">{i18n.language === "zh" ? s.nameZh : s.nameEn}</span>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                {s.builtin ? t("metricSets.builtin") : t("metricSets.custom")}
              </span>
            </div>
            <p className="mt-1 text-xs text-slate-500">
              <code>{s.key}</code> · {t("metricSets.metricsCount", { count: s.metrics })} · {s.scales.join(" / ")}
              {s.lowerIsBetter > 0 && ` · ${t("metricSets.lowerCount", { count: s.lowerIsBetter })}`}
              {s.projects > 0 && ` · ${t("metricSets.usedBy", { count: s.projects })}`}
            </p>
            <div className="mt-3 flex gap-3 text-sm">
              {!s.builtin && (
                <Link to={`/metric-sets/${s.key}`} className="text-brand-700 hover:underline">
                  {s.editable ? t("metricSets.edit") : t("metricSets.view")}
                </Link>
              )}
              <Link to={`/metric-sets/new?from=${encodeURIComponent(s.key)}`} className="text-brand-700 hover:underline">
                {t("metricSets.useAsTemplate")}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
