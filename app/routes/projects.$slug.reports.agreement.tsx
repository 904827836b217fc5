import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AlphaChart } from "~/components/reports/charts";
import { Downloads } from "~/components/reports/downloads";
import { useLabels } from "~/components/reports/labels";
import { Num, SortHeader, Table, tdClass, thClass } from "~/components/reports/table";
import { Alert, Card } from "~/components/ui";
import { CSV_TABLES } from "~/domain/reports/csv";
import { count, interval, num } from "~/domain/reports/format";
import { loadReportPage, orHttpError, ratingSpread } from "~/services/reports/page.server";
import { parseSort, sortRows } from "~/domain/reports/sort";
import type { Agreement, BetweenGroups, GroupAgreement } from "~/domain/reports/types";

const METRIC_SORT = [
  "metric",
  "units",
  "ratings",
  "alpha_interval",
  "alpha_ordinal",
  "fleiss_kappa",
  "exact_agreement",
  "within_one",
] as const;
const ANNOTATOR_SORT = ["annotator", "ratings", "mean_abs_diff", "alpha_without"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return orHttpError(async () => {
    const { db, project, report, labels, used: inUse } = await loadReportPage(request, params.slug!, "agreement");
    const used = new Set(inUse);
    // why the table is empty: no ratings at all, or ratings that no unit has two of yet
    const spread = report.overall.units === 0 ? await ratingSpread(db, project.id) : null;
    const q = new URL(request.url).searchParams;
    const metricSort = parseSort(q, "sort", METRIC_SORT);
    const annotatorSort = parseSort(q, "asort", ANNOTATOR_SORT);
    return {
      slug: project.slug,
      labels,
      spread,
      overlap: { k: project.overlapK, groups: project.groupMode },
      report: {
        ...report,
        metrics: sortRows(
          report.metrics.filter((m) => used.has(m.metric)),
          metricSort,
          (r, k) => r[k as keyof typeof r] as number | string | null,
        ),
        annotators: sortRows(report.annotators, annotatorSort, (r, k) => r[k as keyof typeof r]),
        between_groups: report.between_groups
          ? { ...report.between_groups, metrics: report.between_groups.metrics.filter((m) => used.has(m.metric)) }
          : null,
      },
    };
  });
}

export default function AgreementReport() {
  const { t } = useTranslation();
  const { slug, report, labels, spread, overlap } = useLoaderData<typeof loader>();
  const label = useLabels(labels);
  const revalidator = useRevalidator();
  const pending = report.bootstrap.status === "pending";
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 3000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);

  const ci = new Map((report.bootstrap.metrics ?? []).map((m) => [m.metric, m]));
  const row = (
    key: string,
    a: Agreement,
    c: { alpha_interval_ci95: [number, number] | null; alpha_ordinal_ci95: [number, number] | null } | null | undefined,
    strong = false,
  ) => (
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
        {spread && spread.ratings === 0 && <Alert tone="info">{t("reports.common.noData")}</Alert>}
        {spread && spread.ratings > 0 && (
          <Alert tone="info">
            <span data-testid="no-pairs">
              {t("reports.agreement.noPairs", { count: spread.ratings, units: spread.units })}{" "}
              {overlap.groups
                ? t("reports.agreement.noPairsGroups")
                : overlap.k < 2
                  ? t("reports.agreement.noPairsK1", { k: overlap.k })
                  : t("reports.agreement.noPairsWait", { k: overlap.k })}
            </span>
          </Alert>
        )}
        <Table testId="agreement-table">
          <thead>
            <tr>
              <SortHeader column="metric" numeric={false}>
                {t("reports.common.metric")}
              </SortHeader>
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
          {pending
            ? t("reports.agreement.pending")
            : t("reports.agreement.ready", { iterations: report.bootstrap.iterations, seed: report.bootstrap.seed })}
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
      {report.between_groups && <BetweenGroupsCard groups={report.between_groups} metricLabel={label.metric} />}
      <Card title={t("reports.agreement.annotators")}>
        <p className="mb-3 text-xs text-slate-500">{t("reports.agreement.annotatorsHint")}</p>
        <Table testId="annotator-table">
          <thead>
            <tr>
              <SortHeader param="asort" column="annotator" numeric={false}>
                {t("reports.agreement.annotator")}
              </SortHeader>
              <SortHeader param="asort" column="ratings">
                {t("reports.common.ratings")}
              </SortHeader>
              <SortHeader param="asort" column="mean_abs_diff">
                {t("reports.agreement.meanAbsDiff")}
              </SortHeader>
              <SortHeader param="asort" column="alpha_without">
                {t("reports.agreement.alphaWithout")}
              </SortHeader>
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

/** α between the annotator groups (group mode only), with its bootstrap intervals. */
function BetweenGroupsCard({ groups, metricLabel }: { groups: BetweenGroups; metricLabel: (key: string) => string }) {
  const { t } = useTranslation();
  const row = (key: string, g: GroupAgreement, strong = false) => (
    <tr key={key} className={`border-t border-slate-100 ${strong ? "bg-slate-50 font-medium" : ""}`} data-metric={key}>
      <td className={tdClass}>{metricLabel(key)}</td>
      <Num>
        {num(g.alpha_interval)}
        <span className="block text-[11px] text-slate-500">{interval(g.alpha_interval_ci95)}</span>
      </Num>
      <Num>
        {num(g.alpha_ordinal)}
        <span className="block text-[11px] text-slate-500">{interval(g.alpha_ordinal_ci95)}</span>
      </Num>
      <Num>{count(g.units)}</Num>
    </tr>
  );
  return (
    <Card title={t("quality.betweenGroups.title")}>
      <div data-testid="between-groups">
        <p className="mb-1 text-sm text-slate-600">{t("quality.betweenGroups.intro")}</p>
        <p className="mb-3 text-xs text-slate-500">{t("quality.betweenGroups.groups", { groups: groups.groups.join(" · ") })}</p>
        {groups.groups.length < 2 ? (
          <Alert tone="info">{t("quality.betweenGroups.fewGroups")}</Alert>
        ) : (
          <Table testId="between-groups-table">
            <thead>
              <tr>
                <th className={thClass}>{t("reports.common.metric")}</th>
                <th className={`${thClass} text-right`}>{t("reports.agreement.alphaInterval")}</th>
                <th className={`${thClass} text-right`}>{t("reports.agreement.alphaOrdinal")}</th>
                <th className={`${thClass} text-right`}>{t("quality.betweenGroups.unitsBoth")}</th>
              </tr>
            </thead>
            <tbody>
              {row("overall", groups.overall, true)}
              {groups.metrics.map((m) => row(m.metric, m))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}
