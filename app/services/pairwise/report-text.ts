// `report pairwise` without --json: one table of models by rank per scope, then agreement and positional
// bias, in the CLI's English.
import { count, interval, num, textTable } from "~/domain/reports/format";
import type { PairwiseModel, PairwiseReport } from "./report-compute";

const percent = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(100 * x).toFixed(1)}%`);

function strengthTable(models: PairwiseModel[]): string {
  if (!models.length) return "(no models compared)";
  return textTable(
    ["rank", "model", "strength", "ci95", "wins", "losses", "ties"],
    models.map((m) => [String(m.rank), m.model, num(m.strength, 6), interval(m.ci95), count(m.wins), count(m.losses), count(m.ties)]),
  );
}

export function pairwiseText(r: PairwiseReport): string {
  const agreement = [r.agreement.overall, ...r.agreement.metrics];
  const bias = [r.positional_bias.overall, ...r.positional_bias.metrics];
  const scopeName = (x: object) => ("metric" in x ? String(x.metric) : "overall");
  return [
    `Pairwise report of ${r.project}: Bradley–Terry strengths, 95% CI from ${r.bootstrap.replicates} bootstrap resamples of dialogues (seed ${r.bootstrap.seed})`,
    "",
    "overall",
    strengthTable(r.overall.models),
    ...r.metrics.flatMap((m) => ["", m.metric, strengthTable(m.models)]),
    "",
    "Agreement between annotators (units judged twice or more)",
    textTable(
      ["scope", "units", "judgments", "fleiss_kappa", "majority_share"],
      agreement.map((a) => [scopeName(a), count(a.units), count(a.judgments), num(a.fleiss_kappa), num(a.majority_share)]),
    ),
    "",
    "Positional bias (choices made in the workspace)",
    textTable(
      ["scope", "left", "right", "ties", "left_share", "left_ci95", "tie_share"],
      bias.map((b) => [
        scopeName(b),
        count(b.left),
        count(b.right),
        count(b.ties),
        percent(b.left_share),
        b.left_ci95 ? `[${percent(b.left_ci95[0])}, ${percent(b.left_ci95[1])}]` : "—",
        percent(b.tie_share),
      ]),
    ),
  ].join("\n");
}
