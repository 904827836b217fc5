import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CorrelationTable, PearsonTable } from "~/components/reports/correlations";
import { Downloads } from "~/components/reports/downloads";
import { useLabels } from "~/components/reports/labels";
import { JudgeScatter } from "~/components/reports/scatter";
import { Alert, Button, Card, Field, Select } from "~/components/ui";
import { badRequest } from "~/lib/errors";
import { CSV_TABLES } from "~/domain/reports/csv";
import { loadReportPage, nameJudgePoints, orHttpError } from "~/services/reports/page.server";
import { getJudgePoints } from "~/services/reports/reports.server";
import { parseSort, sortRows } from "~/domain/reports/sort";
import type { JudgesReport as Report } from "~/domain/reports/types";

const SORT = ["metric", "n", "pearson", "spearman", "kendall_tau_b"] as const;

/** CharacterEval's table: one row per metric (overall first), one Pearson r per judge, the ceiling last. */
function pearsonTable(r: Report) {
  return {
    judges: r.judges.map((j) => j.judge),
    rows: [
      { metric: "overall", values: r.judges.map((j) => j.overall.pearson), ceiling: r.human_ceiling.overall.pearson },
      ...r.human_ceiling.metrics.map((m, i) => ({
        metric: m.metric,
        values: r.judges.map((j) => j.metrics[i].pearson),
        ceiling: m.pearson,
      })),
    ],
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return orHttpError(async () => {
    const { db, project, report: full, labels, used: inUse } = await loadReportPage(request, params.slug!, "judges");
    // only the metrics some dialogue is scored on (a 12-metric set used for 4 lists 4)
    const used = new Set(inUse);
    const report: Report = {
      ...full,
      judges: full.judges.map((j) => ({ ...j, metrics: j.metrics.filter((m) => used.has(m.metric)) })),
      human_ceiling: { ...full.human_ceiling, metrics: full.human_ceiling.metrics.filter((m) => used.has(m.metric)) },
    };
    const q = new URL(request.url).searchParams;
    const order = parseSort(q, "sort", SORT);
    const judge = q.get("judge") ?? report.judges[0]?.judge ?? null;
    const chosen = report.judges.find((j) => j.judge === judge);
    if (judge !== null && !chosen) throw badRequest("Unknown judge", "judge");
    const metric = q.get("metric") ?? chosen?.metrics.find((m) => m.n > 0)?.metric ?? report.human_ceiling.metrics[0]?.metric ?? null;
    if (metric !== null && !report.human_ceiling.metrics.some((m) => m.metric === metric)) throw badRequest("Unknown metric", "metric");
    const points = judge && metric ? await getJudgePoints(db, project, judge, metric) : null;
    const scatter = points && (await nameJudgePoints(db, project.id, points));
    const sorted = <T extends { metric: string }>(rows: T[]) => sortRows(rows, order, (r, k) => r[k as keyof T] as number | string | null);
    return {
      slug: project.slug,
      labels,
      scatter,
      report: {
        ...report,
        judges: report.judges.map((j) => ({ ...j, metrics: sorted(j.metrics) })),
        human_ceiling: { ...report.human_ceiling, metrics: sorted(report.human_ceiling.metrics) },
      },
      pearson: pearsonTable(report),
    };
  });
}

export default function JudgesReport() {
  const { t } = useTranslation();
  const { slug, report, labels, scatter, pearson } = useLoaderData<typeof loader>();
  const label = useLabels(labels);
  const submit = useSubmit();
  const ceiling = new Map(report.human_ceiling.metrics.map((m) => [m.metric, m]));
  return (
    <div className="space-y-5" data-testid="judges-report">
      <Card title={t("reports.judges.title")} actions={<Downloads slug={slug} kind="judges" tables={CSV_TABLES.judges} />}>
        <p className="text-sm text-slate-600">{t("reports.judges.intro")}</p>
        <p className="mt-1 text-xs text-slate-500">{t("reports.judges.ceilingHint")}</p>
        {report.judges.length === 0 && (
          <div className="mt-3">
            <Alert tone="info">{t("reports.judges.none")}</Alert>
          </div>
        )}
      </Card>
      {report.judges.length > 0 && (
        <Card title={t("reports.judges.pearsonTable")}>
          <p className="mb-2 text-xs text-slate-500">{t("reports.judges.pearsonTableHint")}</p>
          <PearsonTable table={pearson} metricLabel={label.metric} />
        </Card>
      )}
      {scatter && (
        <Card title={t("reports.judges.scatterTitle")}>
          <Form
            method="get"
            preventScrollReset
            className="mb-3 flex flex-wrap items-end gap-3"
            onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}
          >
            <Field label={t("reports.judges.judge")}>
              <Select name="judge" defaultValue={scatter.judge}>
                {report.judges.map((j) => (
                  <option key={j.judge} value={j.judge}>
                    {j.judge}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("reports.common.metric")}>
              <Select name="metric" defaultValue={scatter.metric}>
                {report.human_ceiling.metrics.map((m) => (
                  <option key={m.metric} value={m.metric}>
                    {label.metric(m.metric)}
                  </option>
                ))}
              </Select>
            </Field>
            <noscript>
              <Button type="submit" variant="secondary">
                {t("reports.judges.show")}
              </Button>
            </noscript>
          </Form>
          {scatter.points.length === 0 ? (
            <Alert tone="info">{t("reports.judges.noPoints")}</Alert>
          ) : (
            <div data-testid="judge-scatter">
              <JudgeScatter
                points={scatter.points}
                xLabel={t("reports.judges.human")}
                yLabel={scatter.judge}
                dialogueLabel={t("reports.judges.dialogue")}
              />
              <p className="text-xs text-slate-500">{t("reports.judges.points", { shown: scatter.points.length, total: scatter.total })}</p>
            </div>
          )}
        </Card>
      )}
      {report.judges.map((j) => (
        <Card key={j.judge} title={`${t("reports.judges.judge")}: ${j.judge}`}>
          <CorrelationTable
            testId={`judge-table-${j.judge}`}
            overall={j.overall}
            rows={j.metrics}
            ceiling={ceiling}
            ceilingOverall={report.human_ceiling.overall}
            metricLabel={label.metric}
          />
        </Card>
      ))}
      <Card title={t("reports.judges.ceiling")}>
        <CorrelationTable
          testId="ceiling-table"
          overall={report.human_ceiling.overall}
          rows={report.human_ceiling.metrics}
          metricLabel={label.metric}
        />
      </Card>
    </div>
  );
}
