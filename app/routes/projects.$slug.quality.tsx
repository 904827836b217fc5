// The quality page (issue 20, product.md §9) for managers: one row per annotator, sortable, with their
// gold accuracy over time; ?annotator=<user id> opens their recent ratings and score distribution
// beside the project's.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Distributions, Sparkline } from "~/components/quality/charts";
import { Num, SortHeader, Table, tdClass, thClass } from "~/components/reports/table";
import { Alert, Card } from "~/components/ui";
import { num } from "~/domain/reports/format";
import { parseSort, sortRows } from "~/domain/reports/sort";
import { parsePauseReason } from "~/domain/stats/gold-checks";
import { qualityPage, recentRatings, type QualityRow } from "~/services/reports/annotators.server";
import { orHttpError } from "~/services/reports/page.server";
import { getReport } from "~/services/reports/reports.server";

const SORT_KEYS = [
  "annotator",
  "ratings",
  "gold_n",
  "gold_accuracy",
  "gold_bias",
  "mae_vs_others",
  "alpha_without",
  "straightlining",
  "median_active_ms_per_unit",
  "ratings_per_hour",
  "skips",
  "flags",
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  const q = new URL(request.url).searchParams;
  // an unknown sort key is the caller's mistake: a 400, not a server error
  const order = await orHttpError(async () => parseSort(q, "sort", SORT_KEYS));
  const page = await qualityPage(db, project);
  // the leave-one-out α is the agreement report's (cached, shared with the agreement page); a pairwise
  // project has none
  const alphaOf = new Map<string, number | null>();
  if (project.mode !== "pairwise")
    for (const a of (await getReport(db, project, "agreement")).annotators) alphaOf.set(a.annotator, a.alpha_without);
  const withAlpha = page.annotators.map((r) => ({ ...r, alpha_without: alphaOf.get(r.annotator) ?? null }));
  const rows = sortRows(withAlpha, order, (r, key) => r[key as keyof typeof r] as string | number | null);
  const chosen = page.annotators.find((a) => a.user_id === q.get("annotator")) ?? null;
  return {
    metrics: page.metrics,
    projectDistribution: page.distribution,
    rows,
    chosen,
    recent: chosen ? await recentRatings(db, project.id, chosen.user_id) : [],
  };
}

function PauseText({ row }: { row: QualityRow }) {
  const { t } = useTranslation();
  const r = parsePauseReason(row.paused_reason);
  return (
    <span className="text-red-700" title={row.paused_reason ?? undefined}>
      {t("quality.state.paused")}
      {r && `: ${t(`quality.pause.${r.code}`, { accuracy: num(r.accuracy, 2), threshold: num(r.threshold, 2) })}`}
      {!r && row.paused_reason && `: ${row.paused_reason}`}
    </span>
  );
}

export default function QualityPage() {
  const { t } = useTranslation();
  const { rows, chosen, recent, metrics, projectDistribution } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const linkTo = (userId: string | null) => {
    const next = new URLSearchParams(params);
    if (userId) next.set("annotator", userId);
    else next.delete("annotator");
    return `?${next}`;
  };
  const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
  return (
    <div className="space-y-6">
      <Card title={t("quality.title")}>
        <p className="mb-3 text-sm text-slate-600">{t("quality.intro")}</p>
        {rows.length === 0 ? (
          <Alert tone="info">{t("quality.empty")}</Alert>
        ) : (
          <Table testId="quality-table">
            <thead>
              <tr>
                <SortHeader column="annotator" numeric={false}>
                  {t("quality.col.annotator")}
                </SortHeader>
                <SortHeader column="ratings">{t("quality.col.ratings")}</SortHeader>
                <SortHeader column="gold_n">{t("quality.col.goldN")}</SortHeader>
                <SortHeader column="gold_accuracy">{t("quality.col.accuracy")}</SortHeader>
                <th className={thClass}>{t("quality.col.trend")}</th>
                <SortHeader column="gold_bias">{t("quality.col.bias")}</SortHeader>
                <SortHeader column="mae_vs_others">{t("quality.col.mae")}</SortHeader>
                <SortHeader column="alpha_without">{t("quality.col.alphaWithout")}</SortHeader>
                <SortHeader column="straightlining">{t("quality.col.straightlining")}</SortHeader>
                <SortHeader column="median_active_ms_per_unit">{t("quality.col.timePerUnit")}</SortHeader>
                <SortHeader column="ratings_per_hour">{t("quality.col.perHour")}</SortHeader>
                <SortHeader column="skips">{t("quality.col.skips")}</SortHeader>
                <SortHeader column="flags">{t("quality.col.flags")}</SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.user_id} className={`border-t border-slate-100 ${chosen?.user_id === r.user_id ? "bg-brand-50" : ""}`}>
                  <td className={tdClass}>
                    <Link to={linkTo(r.user_id)} preventScrollReset className="text-brand-700 hover:underline">
                      {r.annotator}
                    </Link>
                    {/* the pause state under the name: the table has no room for a column of sentences */}
                    {r.paused && (
                      <div className="max-w-[16rem] text-xs whitespace-normal">
                        <PauseText row={r} />
                      </div>
                    )}
                  </td>
                  <Num>{r.ratings}</Num>
                  <Num>{r.gold_n}</Num>
                  <Num className={r.gold_accuracy !== null && r.gold_accuracy < 0.5 ? "text-red-700" : ""}>{pct(r.gold_accuracy)}</Num>
                  <td className={tdClass}>
                    <Sparkline points={r.accuracy_series} label={`${t("quality.col.trend")}: ${r.accuracy_series.map(pct).join(", ")}`} />
                  </td>
                  <Num>{r.gold_bias === null ? "—" : num(r.gold_bias, 2)}</Num>
                  <Num>{r.mae_vs_others === null ? "—" : num(r.mae_vs_others, 2)}</Num>
                  <Num>{r.alpha_without === null ? "—" : num(r.alpha_without, 3)}</Num>
                  <Num className={r.straightlining !== null && r.straightlining >= 0.5 ? "text-amber-700" : ""}>
                    {pct(r.straightlining)}
                  </Num>
                  <Num>
                    {r.median_active_ms_per_unit === null
                      ? "—"
                      : t("quality.seconds", { value: (r.median_active_ms_per_unit / 1000).toFixed(1) })}
                  </Num>
                  <Num>{r.ratings_per_hour === null ? "—" : r.ratings_per_hour.toFixed(1)}</Num>
                  <Num>{r.skips}</Num>
                  <Num>{r.flags}</Num>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {chosen && (
        <Card
          title={t("quality.recent.title", { annotator: chosen.annotator })}
          actions={
            <Link to={linkTo(null)} preventScrollReset className="text-sm text-slate-600 hover:text-slate-900">
              {t("quality.recent.close")}
            </Link>
          }
        >
          <h3 className="mb-2 text-sm font-medium">{t("quality.distribution.title")}</h3>
          <Distributions metrics={metrics} mine={chosen.distribution} project={projectDistribution} />
          <div className="mt-6">
            {recent.length === 0 ? (
              <p className="text-sm text-slate-500">{t("quality.recent.none")}</p>
            ) : (
              <Table testId="recent-ratings">
                <thead>
                  <tr>
                    {(["when", "dialogue", "model", "metric", "score", "reference", "comment"] as const).map((c) => (
                      <th key={c} className={thClass}>
                        {t(`quality.recent.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {recent.map((r, i) => (
                    <tr key={i} className="border-t border-slate-100">
                      <td className={`${tdClass} text-xs text-slate-500`}>
                        {r.created_at.slice(0, 16).replace("T", " ")}
                        {r.late && ` · ${t("quality.recent.late")}`}
                      </td>
                      <td className={tdClass}>{r.dialogue_id}</td>
                      <td className={tdClass}>{r.model}</td>
                      <td className={tdClass}>{r.metric}</td>
                      <Num>{r.score}</Num>
                      <Num>{r.reference ?? ""}</Num>
                      <td className="max-w-md truncate px-2 py-1.5 text-xs" title={r.comment ?? undefined}>
                        {r.comment}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
