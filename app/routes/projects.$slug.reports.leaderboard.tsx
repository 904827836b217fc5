import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { LeaderboardChart } from "~/components/reports/charts";
import { Downloads } from "~/components/reports/downloads";
import { ScopeSelect } from "~/components/reports/scope-select";
import { useLabels } from "~/components/reports/labels";
import { Num, SortHeader, Table, tdClass, thClass } from "~/components/reports/table";
import { Alert, Card } from "~/components/ui";
import { badRequest } from "~/lib/errors";
import { CSV_TABLES } from "~/domain/reports/csv";
import { count, interval, num, rankText } from "~/domain/reports/format";
import { loadReportPage, orHttpError, type MetricScales } from "~/services/reports/page.server";
import { parseSort, sortRows } from "~/domain/reports/sort";
import { projectLowerIsBetterScopes } from "~/services/metric-sets.server";
import type { LeaderboardEntry, LeaderboardReport, Score } from "~/domain/reports/types";

type Model = LeaderboardReport["models"][number];

/** Scopes as "overall", "dimension:KEY", "metric:KEY" (taken from the report, so only known ones), of
 *  the metrics some dialogue is scored on and their dimensions. */
function scopesOf(r: LeaderboardReport, used: Set<string>, scales: MetricScales) {
  const first = r.models[0];
  const dimensions = new Set([...used].map((k) => scales[k]?.dimension));
  return [
    "overall",
    ...(first?.dimensions.filter((d) => dimensions.has(d.dimension)).map((d) => `dimension:${d.dimension}`) ?? []),
    ...(first?.metrics.filter((m) => used.has(m.metric)).map((m) => `metric:${m.metric}`) ?? []),
  ];
}

/** The y-axis of a scope: the scale of its metric, or from the lowest to the highest point of its metrics'. */
function scaleOf(scope: string, used: Set<string>, scales: MetricScales): [number, number] {
  const keys = [...used].filter((k) =>
    scope.startsWith("metric:")
      ? `metric:${k}` === scope
      : scope.startsWith("dimension:")
        ? `dimension:${scales[k]?.dimension}` === scope
        : true,
  );
  const known = keys.map((k) => scales[k]).filter(Boolean);
  return known.length ? [Math.min(...known.map((x) => x.min)), Math.max(...known.map((x) => x.max))] : [1, 5];
}

function entryOf(m: Model, scope: string): LeaderboardEntry {
  if (scope.startsWith("dimension:")) return m.dimensions.find((d) => `dimension:${d.dimension}` === scope)!;
  if (scope.startsWith("metric:")) return m.metrics.find((k) => `metric:${k.metric}` === scope)!;
  return m.overall;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return orHttpError(async () => {
    const { project, report, labels, scales, used: inUse } = await loadReportPage(request, params.slug!, "leaderboard");
    const used = new Set(inUse);
    const q = new URL(request.url).searchParams;
    const scopes = scopesOf(report, used, scales);
    const scope = q.get("scope") ?? "overall";
    const lower = (await projectLowerIsBetterScopes(await getDb(), project.id)).includes(scope);
    if (!scopes.includes(scope)) throw badRequest("Unknown scope", "scope");
    const judges = report.models[0]?.overall.judges.map((j) => j.judge) ?? [];
    const order = parseSort(q, "sort", ["model", "human", ...judges.map((_, i) => `judge${i}`)]);
    const rows = report.models.map((m) => ({ model: m.model, ...entryOf(m, scope) }));
    const sorted = sortRows(rows, order, (r, k) =>
      k === "model" ? r.model : k === "human" ? r.human.mean : r.judges[Number(k.slice(5))]?.mean,
    );
    const byRank = (pick: (r: (typeof rows)[number]) => Score) =>
      sortRows(rows, { key: "rank", desc: false }, (r) => pick(r).rank).map((r) => ({ model: r.model, ...pick(r) }));
    const ranking = [
      { scorer: null, models: byRank((r) => r.human) },
      ...judges.map((j, i) => ({ scorer: j, models: byRank((r) => r.judges[i]) })),
    ];
    return { slug: project.slug, lower, labels, scopes, scope, judges, rows: sorted, ranking, scale: scaleOf(scope, used, scales) };
  });
}

/** The rank the intervals allow: "2", or "1–3" marked as a tie when they cannot tell the models apart. */
function Rank({ s }: { s: Score }) {
  const { t } = useTranslation();
  const r = s.rank_range;
  const tied = r && r[0] !== r[1];
  return (
    <span
      title={tied ? t("reports.leaderboard.tied", { from: r[0], to: r[1] }) : undefined}
      className={tied ? "text-amber-700" : undefined}
    >
      {rankText(s)}
      {tied && <span aria-hidden> ≈</span>}
    </span>
  );
}

function ScoreCells({ s }: { s: Score }) {
  return (
    <>
      <Num>{count(s.n)}</Num>
      <Num>
        {num(s.mean)}
        <span className="block text-[11px] text-slate-500">{interval(s.ci95)}</span>
      </Num>
      <Num className="text-slate-500">
        <Rank s={s} />
      </Num>
    </>
  );
}

export default function Leaderboard() {
  const { t } = useTranslation();
  const { slug, lower, labels, scopes, scope, judges, rows, ranking, scale } = useLoaderData<typeof loader>();
  const label = useLabels(labels);
  const scopeName = (s: string) =>
    s === "overall"
      ? t("reports.common.overall")
      : s.startsWith("dimension:")
        ? `${t("reports.leaderboard.dimension")} · ${label.dimension(s.slice(10))}`
        : label.metric(s.slice(7));
  const scorers = [t("reports.leaderboard.human"), ...judges];
  return (
    <div className="space-y-5" data-testid="leaderboard-report">
      <Card title={t("reports.leaderboard.title")} actions={<Downloads slug={slug} kind="leaderboard" tables={CSV_TABLES.leaderboard} />}>
        <p className="mb-3 text-sm text-slate-600">{t("reports.leaderboard.intro")}</p>
        {lower && (
          <p className="mb-3 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid="lower-is-better">
            {t("metricSets.leaderboardLower")}
          </p>
        )}
        <ScopeSelect
          label={t("reports.leaderboard.scope")}
          show={t("reports.judges.show")}
          scope={scope}
          scopes={scopes}
          nameOf={scopeName}
        />
        {rows.length === 0 ? (
          <Alert tone="info">{t("reports.leaderboard.noModels")}</Alert>
        ) : (
          <Table testId="leaderboard-table">
            <thead>
              <tr>
                <SortHeader column="model" numeric={false}>
                  {t("reports.leaderboard.model")}
                </SortHeader>
                <th className={`${thClass} text-right`}>{t("reports.common.n")}</th>
                <SortHeader column="human">{t("reports.leaderboard.human")}</SortHeader>
                <th className={`${thClass} text-right`}>{t("reports.common.rank")}</th>
                {judges.map((j, i) => [
                  <th key={`${j}-n`} className={`${thClass} text-right`}>
                    {t("reports.common.n")}
                  </th>,
                  <SortHeader key={j} column={`judge${i}`}>
                    {j}
                  </SortHeader>,
                  <th key={`${j}-rank`} className={`${thClass} text-right`}>
                    {t("reports.common.rank")}
                  </th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.model} className="border-t border-slate-100" data-model={r.model}>
                  <td className={`${tdClass} font-medium`}>{r.model}</td>
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
            <Card
              title={`${t("reports.leaderboard.chartTitle")} · ${scopeName(scope)}${lower ? ` · ${t("metricSets.directionLower")}` : ""}`}
            >
              <div data-testid="leaderboard-chart">
                <LeaderboardChart
                  scorers={scorers}
                  scale={scale}
                  axisLabel={t("reports.leaderboard.axis", { min: scale[0], max: scale[1] })}
                  rows={rows.map((r) => ({ model: r.model, scores: [r.human, ...r.judges] }))}
                />
              </div>
            </Card>
          </div>
          <Card title={t("reports.leaderboard.ranking")}>
            <Table testId="ranking-table">
              <thead>
                <tr>
                  {ranking.map((col) => (
                    <th key={col.scorer ?? ""} className={thClass}>
                      {col.scorer ?? t("reports.leaderboard.human")}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((_, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    {ranking.map((col) => (
                      <td key={col.scorer ?? ""} className={tdClass}>
                        <span className="mr-1 text-slate-400">
                          <Rank s={col.models[i]} />
                        </span>
                        {col.models[i].model}
                        <span className="block text-[11px] text-slate-500">
                          {interval(col.models[i].ci95, 2)} n={count(col.models[i].n)}
                        </span>
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
