import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AlphaChart } from "~/components/reports/charts";
import { Downloads } from "~/components/reports/downloads";
import { useLabels } from "~/components/reports/labels";
import { Num, SortHeader, Table, tdClass } from "~/components/reports/table";
import { Alert, Card } from "~/components/ui";
import { CSV_TABLES } from "~/services/reports/csv";
import { count, interval, num } from "~/services/reports/format";
import { loadReportPage, orHttpError } from "~/services/reports/page.server";
import { parseSort, sortRows } from "~/services/reports/sort";
import type { Agreement } from "~/services/reports/types";

const METRIC_SORT = ["metric", "units", "ratings", "alpha_interval", "alpha_ordinal", "fleiss_kappa", "exact_agreement", "within_one"] as const;
const ANNOTATOR_SORT = ["annotator", "ratings", "mean_abs_diff", "alpha_without"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return orHttpError(async () => {
    const { project, report, labels } = await loadReportPage(request, params.slug!, "agreement");
    const q = new URL(request.url).searchParams;
    const metricSort = parseSort(q, "sort", METRIC_SORT);
    const annotatorSort = parseSort(q, "asort", ANNOTATOR_SORT);
    return {
      slug: project.slug,
      labels,
      report: {
        ...report,
        metrics: sortRows(report.metrics, metricSort, (r, k) => r[k as keyof typeof r] as number | string | null),
        annotators: sortRows(report.annotators, annotatorSort, (r, k) => r[k as keyof typeof r]),
      },
    };
  });
}

export default function AgreementReport() {
  const { t } = useTranslation();
  const { slug, report, labels } = useLoaderData<typeof loader>();
  const label = useLabels(labels);
  const revalidator = useRevalidator();
  const pending = report.bootstrap.status === "pending";
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 3000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);

  const ci = new Map((report.bootstrap.metrics ?? []).map((m) => [m.metric, m]));
  const row = (key: string, a: Agreement, c: { alpha_interval_ci95: [number, number] | null; alpha_ordinal_ci95: [number, number] | null } | null | undefined, strong = false) => (
    <tr key={key} className={`border-t border-slate-100 ${strong ? "bg-slate-50 font-medium" : ""}`} data-metric={key}>
      <td className={tdClass}>{label.metric(key)}</td>
      <Num>
        {num(a.alpha_interval)}
        <span className="block text-[11px] text-slate-500">{interval(c?.alpha_interval_ci95)}</span>
      </Num>
      <Num>
        {num(a.alpha_ordinal)}
        <span className="block text-[11px] text-slate-500">{interval(c?.alpha_ordinal_ci95)}</span>
      </Num>
      <Num>{num(a.fleiss_kappa)}</Num>
      <Num>{num(a.exact_agreement)}</Num>
      <Num>{num(a.within_one)}</Num>
      <Num>{count(a.units)}</Num>
      <Num>{count(a.ratings)}</Num>
    </tr>
  );
  return (
    <div className="space-y-5" data-testid="agreement-report">
      <Card title={t("reports.agreement.title")} actions={<Downloads slug={slug} kind="agreement" tables={CSV_TABLES.agreement} />}>
        <p className="mb-3 text-sm text-slate-600">{t("reports.agreement.intro")}</p>
        {report.overall.units === 0 && <Alert tone="info">{t("reports.common.noData")}</Alert>}
        <Table testId="agreement-table">
          <thead>
            <tr>
              <SortHeader column="metric" numeric={false}>{t("reports.common.metric")}</SortHeader>
              <SortHeader column="alpha_interval">{t("reports.agreement.alphaInterval")}</SortHeader>
              <SortHeader column="alpha_ordinal">{t("reports.agreement.alphaOrdinal")}</SortHeader>
              <SortHeader column="fleiss_kappa">{t("reports.agreement.kappa")}</SortHeader>
              <SortHeader column="exact_agreement">{t("reports.agreement.exact")}</SortHeader>
              <SortHeader column="within_one">{t("reports.agreement.withinOne")}</SortHeader>
              <SortHeader column="units">{t("reports.common.units")}</SortHeader>
              <SortHeader column="ratings">{t("reports.common.ratings")}</SortHeader>
            </tr>
          </thead>
          <tbody>
            {row("overall", report.overall, report.bootstrap.overall, true)}
            {report.metrics.map((m) => row(m.metric, m, ci.get(m.metric)))}
          </tbody>
        </Table>
        <p className="mt-3 text-xs text-slate-500" data-testid="bootstrap-status">
          {pending ? t("reports.agreement.pending") : t("reports.agreement.ready", { iterations: report.bootstrap.iterations, seed: report.bootstrap.seed })}
        </p>
      </Card>
      <Card title={t("reports.agreement.chartTitle")}>
        <div data-testid="alpha-chart">
          <AlphaChart
            names={{ interval: t("reports.agreement.alphaInterval"), ordinal: t("reports.agreement.alphaOrdinal") }}
            rows={report.metrics.map((m) => ({
              label: label.metric(m.metric),
              interval: m.alpha_interval,
              ordinal: m.alpha_ordinal,
              intervalCi: ci.get(m.metric)?.alpha_interval_ci95,
              ordinalCi: ci.get(m.metric)?.alpha_ordinal_ci95,
            }))}
          />
        </div>
      </Card>
      <Card title={t("reports.agreement.annotators")}>
        <p className="mb-3 text-xs text-slate-500">{t("reports.agreement.annotatorsHint")}</p>
        <Table testId="annotator-table">
          <thead>
            <tr>
              <SortHeader param="asort" column="annotator" numeric={false}>{t("reports.agreement.annotator")}</SortHeader>
              <SortHeader param="asort" column="ratings">{t("reports.common.ratings")}</SortHeader>
              <SortHeader param="asort" column="mean_abs_diff">{t("reports.agreement.meanAbsDiff")}</SortHeader>
              <SortHeader param="asort" column="alpha_without">{t("reports.agreement.alphaWithout")}</SortHeader>
            </tr>
          </thead>
          <tbody>
            {report.annotators.map((a) => (
              <tr key={a.annotator} className="border-t border-slate-100">
                <td className={tdClass}>{a.annotator}</td>
                <Num>{count(a.ratings)}</Num>
                <Num>{num(a.mean_abs_diff)}</Num>
                <Num>{num(a.alpha_without)}</Num>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <p className="text-xs text-slate-400">{t("reports.common.computedAt")}</p>
    </div>
  );
}

