// Model leaderboard (product.md §4): per model, the mean unit score per metric, per dimension (all unit
// scores of its metrics) and overall, with n and a 95% t interval; from the humans' consensus and from
// each judge; models ranked within every column.
import { meanWithCI } from "~/domain/stats";
import { consensus, type ReportData } from "./data";
import type { LeaderboardEntry, LeaderboardReport, Score } from "./types";

type Scope = { key: string; metrics: number[]; higherIsBetter: boolean };

/** Competition ranking ("1, 2, 2, 4") of the models' means; null means get no rank. */
export function rankModels(means: (number | null)[], higherIsBetter: boolean): (number | null)[] {
  return means.map((m) => {
    if (m === null) return null;
    let better = 0;
    for (const other of means) if (other !== null && (higherIsBetter ? other > m : other < m)) better++;
    return better + 1;
  });
}

/** Scores of one scorer, per model and metric. */
function bucket(d: ReportData, scores: Float64Array): number[][][] {
  const out = d.models.map(() => d.metrics.map((): number[] => []));
  for (let u = 0; u < d.unitCount; u++) if (!Number.isNaN(scores[u])) out[d.unitModel[u]][d.unitMetric[u]].push(scores[u]);
  return out;
}

/** Per scope, per model: the Score of one scorer. */
function scoreScopes(d: ReportData, scores: Float64Array, scopes: Scope[]): Score[][] {
  const buckets = bucket(d, scores);
  return scopes.map((scope) => {
    const stats = d.models.map((_, model) => meanWithCI(scope.metrics.flatMap((i) => buckets[model][i])));
    const ranks = rankModels(stats.map((s) => s.mean), scope.higherIsBetter);
    return stats.map((s, model) => ({ n: s.n, mean: s.mean, ci95: s.ci95, rank: ranks[model] }));
  });
}

function scopesOf(d: ReportData): { overall: Scope; dimensions: Scope[]; metrics: Scope[] } {
  const all = d.metrics.map((_, i) => i);
  const dimensionKeys = [...new Set(d.metrics.map((m) => m.dimension))];
  const higher = (metrics: number[]) => metrics.length === 0 || metrics.some((i) => d.metrics[i].higherIsBetter);
  const dimensions = dimensionKeys.map((key) => {
    const metrics = all.filter((i) => d.metrics[i].dimension === key);
    return { key, metrics, higherIsBetter: higher(metrics) };
  });
  return {
    overall: { key: "overall", metrics: all, higherIsBetter: higher(all) },
    dimensions,
    metrics: d.metrics.map((m, i) => ({ key: m.key, metrics: [i], higherIsBetter: m.higherIsBetter })),
  };
}

export function computeLeaderboard(project: string, d: ReportData): LeaderboardReport {
  const { overall, dimensions, metrics } = scopesOf(d);
  const scopes = [overall, ...dimensions, ...metrics];
  const human = scoreScopes(d, consensus(d), scopes);
  const judges = d.judgeScore.map((s) => scoreScopes(d, s, scopes));
  const entry = (scope: number, model: number): LeaderboardEntry => ({
    human: human[scope][model],
    judges: d.judges.map((judge, j) => ({ judge, ...judges[j][scope][model] })),
  });
  return {
    project,
    models: d.models.map((model, m) => ({
      model,
      overall: entry(0, m),
      dimensions: dimensions.map((scope, i) => ({ dimension: scope.key, ...entry(1 + i, m) })),
      metrics: metrics.map((scope, i) => ({ metric: scope.key, ...entry(1 + dimensions.length + i, m) })),
    })),
  };
}
