import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LeaderboardChart } from "~/components/reports/charts";
import { Downloads } from "~/components/reports/downloads";
import { useLabels } from "~/components/reports/labels";
import { Num, SortHeader, Table, tdClass, thClass } from "~/components/reports/table";
import { Alert, Card, Field, Select } from "~/components/ui";
import { badRequest } from "~/lib/errors";
import { CSV_TABLES } from "~/services/reports/csv";
import { count, interval, num } from "~/services/reports/format";
import { loadReportPage, orHttpError } from "~/services/reports/page.server";
import { parseSort, sortRows } from "~/services/reports/sort";
import type { LeaderboardEntry, LeaderboardReport, Score } from "~/services/reports/types";

type Model = LeaderboardReport["models"][number];

/** Scopes as "overall", "dimension:KEY", "metric:KEY" (taken from the report, so only known ones). */
function scopesOf(r: LeaderboardReport) {
  const first = r.models[0];
  return ["overall", ...(first?.dimensions.map((d) => `dimension:${d.dimension}`) ?? []), ...(first?.metrics.map((m) => `metric:${m.metric}`) ?? [])];
}

function entryOf(m: Model, scope: string): LeaderboardEntry {
  if (scope.startsWith("dimension:")) return m.dimensions.find((d) => `dimension:${d.dimension}` === scope)!;
  if (scope.startsWith("metric:")) return m.metrics.find((k) => `metric:${k.metric}` === scope)!;
  return m.overall;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return orHttpError(async () => {
    const { project, report, labels } = await loadReportPage(request, params.slug!, "leaderboard");
    const q = new URL(request.url).searchParams;
    const scopes = scopesOf(report);
    const scope = q.get("scope") ?? "overall";
    if (!scopes.includes(scope)) throw badRequest("Unknown scope", "scope");
    const judges = report.models[0]?.overall.judges.map((j) => j.judge) ?? [];
    const order = parseSort(q, "sort", ["model", "human", ...judges.map((_, i) => `judge${i}`)]);
    const rows = report.models.map((m) => ({ model: m.model, ...entryOf(m, scope) }));
    const sorted = sortRows(rows, order, (r, k) => (k === "model" ? r.model : k === "human" ? r.human.mean : r.judges[Number(k.slice(5))]?.mean));
    const byRank = (pick: (r: (typeof rows)[number]) => Score) =>
      sortRows(rows, { key: "rank", desc: false }, (r) => pick(r).rank).map((r) => ({ model: r.model, rank: pick(r).rank, mean: pick(r).mean }));
    const ranking = [{ scorer: null, models: byRank((r) => r.human) }, ...judges.map((j, i) => ({ scorer: j, models: byRank((r) => r.judges[i]) }))];
    return { slug: project.slug, labels, scopes, scope, judges, rows: sorted, ranking };
  });
}

function ScoreCells({ s }: { s: Score }) {
  return (
    <>
      <Num>
        {num(s.mean)}
        <span className="block text-[11px] text-slate-500">{interval(s.ci95)}</span>
      </Num>
      <Num className="text-slate-500">{s.rank ?? "—"}</Num>
    </>
  );
}

export default function Leaderboard() {
  const { t } = useTranslation();
  const { slug, labels, scopes, scope, judges, rows, ranking } = useLoaderData<typeof loader>();
  const label = useLabels(labels);
  const submit = useSubmit();
  const scopeName = (s: string) =>
    s === "overall" ? t("reports.common.overall") : s.startsWith("dimension:") ? `${t("reports.leaderboard.dimension")} · ${label.dimension(s.slice(10))}` : label.metric(s.slice(7));
  const scorers = [t("reports.leaderboard.human"), ...judges];
  return (
    <div className="space-y-5" data-testid="leaderboard-report">
      <Card title={t("reports.leaderboard.title")} actions={<Downloads slug={slug} kind="leaderboard" tables={CSV_TABLES.leaderboard} />}>
        <p className="mb-3 text-sm text-slate-600">{t("reports.leaderboard.intro")}</p>
        <Form method="get" preventScrollReset className="mb-3 max-w-xs" onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}>
          <Field label={t("reports.leaderboard.scope")}>
            <Select name="scope" defaultValue={scope}>
              {scopes.map((s) => (
                <option key={s} value={s}>{scopeName(s)}</option>
              ))}
            </Select>
          </Field>
          <noscript>
            <button type="submit">{t("reports.judges.show")}</button>
          </noscript>
        </Form>
        {rows.length === 0 ? (
          <Alert tone="info">{t("reports.leaderboard.noModels")}</Alert>
        ) : (
          <Table testId="leaderboard-table">
            <thead>
              <tr>
                <SortHeader column="model" numeric={false}>{t("reports.leaderboard.model")}</SortHeader>
                <th className={`${thClass} text-right`}>{t("reports.common.n")}</th>
                <SortHeader column="human">{t("reports.leaderboard.human")}</SortHeader>
                <th className={`${thClass} text-right`}>{t("reports.common.rank")}</th>
                {judges.map((j, i) => [
                  <SortHeader key={j} column={`judge${i}`}>{j}</SortHeader>,
                  <th key={`${j}-rank`} className={`${thClass} text-right`}>{t("reports.common.rank")}</th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.model} className="border-t border-slate-100" data-model={r.model}>
                  <td className={`${tdClass} font-medium`}>{r.model}</td>
                  <Num>{count(r.human.n)}</Num>
                  <ScoreCells s={r.human} />
                  {r.judges.map((j) => (
                    <ScoreCells key={j.judge} s={j} />
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {rows.length > 0 && (
        <div className={`grid gap-5 ${judges.length <= 2 ? "lg:grid-cols-3" : ""}`}>
          <div className={judges.length <= 2 ? "lg:col-span-2" : ""}>
            <Card title={`${t("reports.leaderboard.chartTitle")} · ${scopeName(scope)}`}>
              <div data-testid="leaderboard-chart">
                <LeaderboardChart scorers={scorers} rows={rows.map((r) => ({ model: r.model, scores: [r.human, ...r.judges] }))} />
              </div>
            </Card>
          </div>
          <Card title={t("reports.leaderboard.ranking")}>
            <Table testId="ranking-table">
              <thead>
                <tr>
                  {ranking.map((col) => (
                    <th key={col.scorer ?? ""} className={thClass}>{col.scorer ?? t("reports.leaderboard.human")}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((_, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    {ranking.map((col) => (
                      <td key={col.scorer ?? ""} className={tdClass}>
                        <span className="mr-1 text-slate-400">{col.models[i].rank ?? "—"}</span>
                        {col.models[i].model}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </Table>
          </Card>
        </div>
      )}
    </div>
  );
}
