// Reports as CSV tables (long format, one statistic per column), written with the formula-safe writer of
// app/domain/export/csv.ts: metric, judge and annotator names are user data.
import { CSV_BOM, toCsv, type CsvCell } from "~/domain/export/csv";
import { badRequest } from "~/lib/errors";
import type { AgreementReport, Correlations, JudgesReport, LeaderboardEntry, LeaderboardReport, ReportKind, ReportOf } from "./types";

export const CSV_TABLES = {
  agreement: ["metrics", "annotators"],
  judges: ["correlations", "pearson"],
  leaderboard: ["scores", "ranking"],
} as const satisfies Record<ReportKind, readonly string[]>;

const lo = (ci: [number, number] | null | undefined) => ci?.[0] ?? null;
const hi = (ci: [number, number] | null | undefined) => ci?.[1] ?? null;

function agreementCsv(r: AgreementReport, table: string): [string[], CsvCell[][]] {
  if (table === "annotators") {
    return [
      ["annotator", "ratings", "mean_abs_diff", "alpha_without"],
      r.annotators.map((a) => [a.annotator, a.ratings, a.mean_abs_diff, a.alpha_without]),
    ];
  }
  const ci = new Map((r.bootstrap.metrics ?? []).map((m) => [m.metric, m]));
  const rows = [
    { metric: "overall", ...r.overall, ci: r.bootstrap.overall },
    ...r.metrics.map((m) => ({ ...m, ci: ci.get(m.metric) ?? null })),
  ];
  return [
    [
      "metric",
      "units",
      "ratings",
      "alpha_interval",
      "alpha_interval_ci_low",
      "alpha_interval_ci_high",
      "alpha_ordinal",
      "alpha_ordinal_ci_low",
      "alpha_ordinal_ci_high",
      "fleiss_kappa",
      "exact_agreement",
      "within_one",
    ],
    rows.map((m) => [
      m.metric,
      m.units,
      m.ratings,
      m.alpha_interval,
      lo(m.ci?.alpha_interval_ci95),
      hi(m.ci?.alpha_interval_ci95),
      m.alpha_ordinal,
      lo(m.ci?.alpha_ordinal_ci95),
      hi(m.ci?.alpha_ordinal_ci95),
      m.fleiss_kappa,
      m.exact_agreement,
      m.within_one,
    ]),
  ];
}

const correlationCells = (c: Correlations): CsvCell[] => [
  c.n,
  c.pearson,
  c.pearson_p,
  lo(c.pearson_ci95),
  hi(c.pearson_ci95),
  c.spearman,
  c.spearman_p,
  c.kendall_tau_b,
  c.kendall_p,
];

function judgesCsv(r: JudgesReport, table: string): [string[], CsvCell[][]] {
  const metrics = ["overall", ...r.human_ceiling.metrics.map((m) => m.metric)];
  if (table === "pearson") {
    return [
      ["metric", ...r.judges.map((j) => j.judge), "human_ceiling"],
      metrics.map((metric, i) => [
        metric,
        ...r.judges.map((j) => (i === 0 ? j.overall : j.metrics[i - 1]).pearson),
        (i === 0 ? r.human_ceiling.overall : r.human_ceiling.metrics[i - 1]).pearson,
      ]),
    ];
  }
  const sources = [
    ...r.judges.map((j) => ({ source: "judge", name: j.judge, ...j })),
    { source: "human_ceiling", name: "", ...r.human_ceiling },
  ];
  return [
    [
      "source",
      "judge",
      "metric",
      "n",
      "pearson",
      "pearson_p",
      "pearson_ci_low",
      "pearson_ci_high",
      "spearman",
      "spearman_p",
      "kendall_tau_b",
      "kendall_p",
    ],
    sources.flatMap((s) => [
      [s.source, s.name, "overall", ...correlationCells(s.overall)],
      ...s.metrics.map((m) => [s.source, s.name, m.metric, ...correlationCells(m)]),
    ]),
  ];
}

function leaderboardCsv(r: LeaderboardReport, table: string): [string[], CsvCell[][]] {
  const judges = r.models[0]?.overall.judges.map((j) => j.judge) ?? [];
  if (table === "ranking") {
    return [
      ["model", "human_rank", ...judges.map((j) => `${j}_rank`)],
      r.models.map((m) => [m.model, m.overall.human.rank, ...m.overall.judges.map((j) => j.rank)]),
    ];
  }
  const rows: CsvCell[][] = [];
  // rank_low/rank_high: the ranks the 95% intervals allow (the page's "1–2 ≈"), beside the rank by mean
  const add = (model: string, scope: string, key: string, e: LeaderboardEntry) => {
    for (const [scorer, x] of [["human", e.human] as const, ...e.judges.map((j) => [j.judge, j] as const)])
      rows.push([model, scope, key, scorer, x.n, x.mean, lo(x.ci95), hi(x.ci95), x.rank, lo(x.rank_range), hi(x.rank_range)]);
  };
  for (const m of r.models) {
    add(m.model, "overall", "overall", m.overall);
    for (const d of m.dimensions) add(m.model, "dimension", d.dimension, d);
    for (const k of m.metrics) add(m.model, "metric", k.metric, k);
  }
  return [["model", "scope", "key", "scorer", "n", "mean", "ci_low", "ci_high", "rank", "rank_low", "rank_high"], rows];
}

/** The CSV text (with a UTF-8 BOM for spreadsheet programs) of one table of a report. */
export function reportCsv<K extends ReportKind>(kind: K, report: ReportOf<K>, table?: string | null): { table: string; text: string } {
  const tables: readonly string[] = CSV_TABLES[kind];
  const chosen = table || tables[0];
  if (!tables.includes(chosen)) throw badRequest(`Unknown table "${chosen}"; one of ${tables.join(", ")}`, "table");
  const [header, rows] =
    kind === "agreement"
      ? agreementCsv(report as AgreementReport, chosen)
      : kind === "judges"
        ? judgesCsv(report as JudgesReport, chosen)
        : leaderboardCsv(report as LeaderboardReport, chosen);
  return { table: chosen, text: CSV_BOM + toCsv(header, rows) };
}
