// Readable plain-text forms of the reports, for the CLI without --json.
import { count, interval, num, pValue, rankText, textTable } from "./format";
import type { AgreementReport, Correlations, GroupAgreement, JudgesReport, LeaderboardEntry, LeaderboardReport } from "./types";

export function agreementText(r: AgreementReport): string {
  const ci = new Map((r.bootstrap.metrics ?? []).map((m) => [m.metric, m]));
  const row = (
    name: string,
    a: AgreementReport["overall"],
    c?: { alpha_interval_ci95: [number, number] | null; alpha_ordinal_ci95: [number, number] | null } | null,
  ) => [
    name,
    count(a.units),
    count(a.ratings),
    num(a.alpha_interval),
    interval(c?.alpha_interval_ci95),
    num(a.alpha_ordinal),
    interval(c?.alpha_ordinal_ci95),
    num(a.fleiss_kappa),
    num(a.exact_agreement),
    num(a.within_one),
  ];
  const metrics = textTable(
    ["metric", "units", "ratings", "α interval", "95% CI", "α ordinal", "95% CI", "Fleiss κ", "exact", "within 1"],
    [row("overall", r.overall, r.bootstrap.overall), ...r.metrics.map((m) => row(m.metric, m, ci.get(m.metric)))],
  );
  const annotators = textTable(
    ["annotator", "ratings", "mean |diff|", "α without"],
    r.annotators.map((a) => [a.annotator, count(a.ratings), num(a.mean_abs_diff), num(a.alpha_without)]),
  );
  const note =
    r.bootstrap.status === "ready"
      ? `Bootstrap: ${r.bootstrap.iterations} resamples of units, seed ${r.bootstrap.seed}.`
      : "Bootstrap intervals: pending.";
  return `Agreement · ${r.project}\n\n${metrics}\n\n${note}${betweenGroupsText(r)}\n\nAnnotators\n\n${annotators}`;
}

/** The between-group section (group mode only), empty otherwise. */
function betweenGroupsText(r: AgreementReport): string {
  const bg = r.between_groups;
  if (!bg) return "";
  const row = (name: string, g: GroupAgreement) => [
    name,
    count(g.units),
    num(g.alpha_interval),
    interval(g.alpha_interval_ci95),
    num(g.alpha_ordinal),
    interval(g.alpha_ordinal_ci95),
  ];
  const table = textTable(
    ["metric", "units", "α interval", "95% CI", "α ordinal", "95% CI"],
    [row("overall", bg.overall), ...bg.metrics.map((m) => row(m.metric, m))],
  );
  return `\n\nBetween groups (${bg.groups.join(", ")}): α over units rated by both, each group's value the mean of its ratings\n\n${table}`;
}

const correlationRow = (name: string, c: Correlations) => [
  name,
  count(c.n),
  num(c.pearson),
  pValue(c.pearson_p),
  interval(c.pearson_ci95),
  num(c.spearman),
  pValue(c.spearman_p),
  num(c.kendall_tau_b),
  pValue(c.kendall_p),
];
const CORRELATION_HEADER = ["metric", "n", "Pearson r", "p", "95% CI", "Spearman ρ", "p", "Kendall τ-b", "p"];

export function judgesText(r: JudgesReport): string {
  const parts = [`Judges against humans · ${r.project}`];
  if (r.judges.length === 0) parts.push("No judge scores imported yet.");
  for (const j of r.judges) {
    parts.push(
      `Judge ${j.judge}\n\n${textTable(CORRELATION_HEADER, [correlationRow("overall", j.overall), ...j.metrics.map((m) => correlationRow(m.metric, m))])}`,
    );
  }
  const ceiling = r.human_ceiling;
  parts.push(
    `Human ceiling (split halves)\n\n${textTable(CORRELATION_HEADER, [correlationRow("overall", ceiling.overall), ...ceiling.metrics.map((m) => correlationRow(m.metric, m))])}`,
  );
  const pearsonRows = [
    ["overall", ...r.judges.map((j) => num(j.overall.pearson)), num(ceiling.overall.pearson)],
    ...ceiling.metrics.map((m, i) => [m.metric, ...r.judges.map((j) => num(j.metrics[i]?.pearson)), num(m.pearson)]),
  ];
  parts.push(`Pearson r (CharacterEval table)\n\n${textTable(["metric", ...r.judges.map((j) => j.judge), "human ceiling"], pearsonRows)}`);
  return parts.join("\n\n");
}

const scoreCell = (e: LeaderboardEntry["human"]) => (e.mean === null ? "—" : `${num(e.mean)} ${interval(e.ci95)} #${rankText(e)}`);

export function leaderboardText(r: LeaderboardReport): string {
  const judges = r.models[0]?.overall.judges.map((j) => j.judge) ?? [];
  const header = ["model", "n", "human (mean [95% CI] #rank)", ...judges];
  const table = (pick: (m: LeaderboardReport["models"][number]) => LeaderboardEntry | undefined) =>
    textTable(
      header,
      r.models.map((m) => {
        const e = pick(m);
        return [m.model, count(e?.human.n), e ? scoreCell(e.human) : "—", ...judges.map((_, j) => (e ? scoreCell(e.judges[j]) : "—"))];
      }),
    );
  const parts = [`Leaderboard · ${r.project}`, `Overall\n\n${table((m) => m.overall)}`];
  for (const d of r.models[0]?.dimensions ?? [])
    parts.push(`Dimension ${d.dimension}\n\n${table((m) => m.dimensions.find((x) => x.dimension === d.dimension))}`);
  for (const k of r.models[0]?.metrics ?? [])
    parts.push(`Metric ${k.metric}\n\n${table((m) => m.metrics.find((x) => x.metric === k.metric))}`);
  return parts.join("\n\n");
}
