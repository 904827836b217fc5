// The pairwise report page (product.md §11, issue 22): per scope (all metrics, or one), the models by
// Bradley–Terry strength with intervals, the win/tie/loss heatmap, agreement and positional bias.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { StrengthChart, StrengthsTable } from "~/components/pairwise-report/strengths";
import { AgreementCard, BiasCard } from "~/components/pairwise-report/summary";
import { WinMatrix } from "~/components/pairwise-report/win-matrix";
import { Downloads } from "~/components/reports/downloads";
import { ScopeSelect } from "~/components/reports/scope-select";
import { useLabels } from "~/components/reports/labels";
import { Alert, Card } from "~/components/ui";
import { requireProject } from "~/auth/guards.server";
import { badRequest } from "~/lib/errors";
import { pairwiseReport } from "~/services/pairwise/report.server";
import { listProjectMetrics } from "~/services/projects.server";
import { orHttpError, type ReportLabels } from "~/services/reports/page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return orHttpError(async () => {
    const { project } = await requireProject(request, params.slug!, "viewReports");
    const db = await getDb();
    const [report, metrics] = await Promise.all([pairwiseReport(db, project), listProjectMetrics(db, project.id)]);
    const labels: ReportLabels = { metrics: {}, dimensions: {} };
    for (const m of metrics) labels.metrics[m.key] = { en: m.nameEn, zh: m.nameZh };
    const scopes = ["overall", ...report.metrics.map((m) => m.metric)];
    const scope = new URL(request.url).searchParams.get("scope") ?? "overall";
    if (!scopes.includes(scope)) throw badRequest("Unknown scope", "scope");
    const pick = <T extends { metric: string }>(list: T[]) => list.find((x) => x.metric === scope)!;
    const overall = scope === "overall";
    return {
      slug: project.slug,
      labels,
      scopes,
      scope,
      bootstrap: report.bootstrap,
      models: overall ? report.overall.models : pick(report.metrics).models,
      matrix: overall ? report.matrix.overall : pick(report.matrix.metrics),
      agreement: overall ? report.agreement.overall : pick(report.agreement.metrics),
      bias: overall ? report.positional_bias.overall : pick(report.positional_bias.metrics),
    };
  });
}

export default function PairwiseReport() {
  const { t } = useTranslation();
  const { slug, labels, scopes, scope, bootstrap, models, matrix, agreement, bias } = useLoaderData<typeof loader>();
  const label = useLabels(labels);
  const scopeName = (s: string) => (s === "overall" ? t("pairwiseReport.overall") : label.metric(s));
  const choices = models.reduce((n, m) => n + m.wins + m.ties, 0);
  return (
    <div className="space-y-5" data-testid="pairwise-report">
      <Card title={t("pairwiseReport.title")} actions={<Downloads slug={slug} kind="pairwise" tables={[]} />}>
        <p className="mb-3 text-sm text-slate-600">
          {t("pairwiseReport.intro", { replicates: bootstrap.replicates, seed: bootstrap.seed })}
        </p>
        <ScopeSelect label={t("pairwiseReport.scope")} show={t("pairwiseReport.show")} scope={scope} scopes={scopes} nameOf={scopeName} />
        {models.length === 0 ? (
          <Alert tone="info">{t("pairwiseReport.noModels")}</Alert>
        ) : (
          <>
            {choices === 0 && (
              <div className="mb-3">
                <Alert tone="info">{t("pairwiseReport.noChoices")}</Alert>
              </div>
            )}
            <div className="grid gap-5 lg:grid-cols-2">
              <div>
                <h3 className="mb-2 text-sm font-medium text-slate-700">
                  {t("pairwiseReport.strengths.title")} · {scopeName(scope)}
                </h3>
                <StrengthsTable rows={models} />
              </div>
              <div>
                <h3 className="mb-2 text-sm font-medium text-slate-700">{t("pairwiseReport.chart.title")}</h3>
                <StrengthChart rows={models} />
              </div>
            </div>
          </>
        )}
      </Card>
      {models.length > 1 && (
        <Card title={`${t("pairwiseReport.matrix.title")} · ${scopeName(scope)}`}>
          <p className="mb-3 text-sm text-slate-600">{t("pairwiseReport.matrix.hint")}</p>
          <WinMatrix matrix={matrix} />
        </Card>
      )}
      <div className="grid gap-5 lg:grid-cols-2">
        <AgreementCard figures={agreement} />
        <BiasCard figures={bias} />
      </div>
    </div>
  );
}
