// Model leaderboard (product.md §4): per model, the mean unit score per metric, per dimension (all unit
// scores of its metrics) and overall, with n and a 95% t interval; from the humans' consensus and from
// each judge; models ranked within every column, by mean (rank) and by what the intervals can tell
// apart (rank_range).
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

type Estimate = { mean: number | null; ci95: [number, number] | null };

/** a is told apart from b as better: both 95% intervals known and not overlapping, a's on the better side. */
function clearlyBetter(a: Estimate, b: Estimate, higherIsBetter: boolean): boolean {
  if (!a.ci95 || !b.ci95) return false;
  return higherIsBetter ? a.ci95[0] > b.ci95[1] : a.ci95[1] < b.ci95[0];
}

/**
 * The ranks a model could hold given the 95% intervals: from 1 + the models clearly better than it to
 * the ranked models less those clearly worse. Models whose intervals overlap share a range instead of
 * being ordered by their means as if they differed; a model without an interval (n < 2) is told apart
 * from none. Null for a model without a mean.
 */
export function rankRanges(scores: Estimate[], higherIsBetter: boolean): ([number, number] | null)[] {
  const ranked = scores.filter((s) => s.mean !== null);
  return scores.map((s) => {
    if (s.mean === null) return null;
    let better = 0;
    let worse = 0;
    for (const o of ranked) {
      if (clearlyBetter(o, s, higherIsBetter)) better++;
      else if (clearlyBetter(s, o, higherIsBetter)) worse++;
    }
    return [better + 1, ranked.length - worse];
  });
}

/** The units of each (model, metric), in unit order: those of cell c = model · metrics + metric are
 *  units[first[c] … first[c+1] − 1]. One layout serves every scorer. */
function cells(d: ReportData) {
  const cellOf = (u: number) => d.unitModel[u] * d.metrics.length + d.unitMetric[u];
  const first = new Int32Array(d.models.length * d.metrics.length + 1);
  for (let u = 0; u < d.unitCount; u++) first[cellOf(u) + 1]++;
  for (let c = 0; c + 1 < first.length; c++) first[c + 1] += first[c];
  const fill = first.slice(0, -1);
  const units = new Int32Array(d.unitCount);
  for (let u = 0; u < d.unitCount; u++) units[fill[cellOf(u)]++] = u;
  return { first, units };
}

/** Per scope, per model: the Score of one scorer. */
function scoreScopes(d: ReportData, layout: ReturnType<typeof cells>, scores: Float64Array, scopes: Scope[]): Score[][] {
  const values = new Float64Array(d.unitCount);
  return scopes.map((scope) => {
    // a scope that ranks descending but holds a lower-is-better metric reads that metric turned over
    // (min + max − s), so a better reply always adds more; a scope of lower-is-better metrics only keeps
    // raw scores and ranks ascending
    const stats = d.models.map((_, model) => {
      let n = 0;
      for (const i of scope.metrics) {
        const turned = scope.higherIsBetter && !d.metrics[i].higherIsBetter;
        const { scaleMin, scaleMax } = d.metrics[i];
        const cell = model * d.metrics.length + i;
        for (let k = layout.first[cell]; k < layout.first[cell + 1]; k++) {
          const v = scores[layout.units[k]];
          if (!Number.isNaN(v)) values[n++] = turned ? scaleMin + scaleMax - v : v;
        }
      }
      return meanWithCI(values.subarray(0, n));
    });
    const ranks = rankModels(
      stats.map((s) => s.mean),
      scope.higherIsBetter,
    );
    const ranges = rankRanges(stats, scope.higherIsBetter);
    return stats.map((s, model) => ({ n: s.n, mean: s.mean, ci95: s.ci95, rank: ranks[model], rank_range: ranges[model] }));
  });
}

/** A dimension or the overall column ranks descending unless every metric in it is lower-is-better; in a
 *  descending one, its lower-is-better metrics count turned over (see scoreScopes). */
const higherIsBetterOf = (metrics: { higherIsBetter: boolean }[]) => metrics.length === 0 || metrics.some((m) => m.higherIsBetter);

/** The leaderboard's columns ("overall", "dimension:KEY", "metric:KEY") that rank ascending. */
export function lowerIsBetterScopes(metrics: { key: string; dimension: string; higherIsBetter: boolean }[]): string[] {
  const out = higherIsBetterOf(metrics) ? [] : ["overall"];
  for (const dim of new Set(metrics.map((m) => m.dimension))) {
    if (!higherIsBetterOf(metrics.filter((m) => m.dimension === dim))) out.push(`dimension:${dim}`);
  }
  return [...out, ...metrics.filter((m) => !m.higherIsBetter).map((m) => `metric:${m.key}`)];
}

function scopesOf(d: ReportData): { overall: Scope; dimensions: Scope[]; metrics: Scope[] } {
  const all = d.metrics.map((_, i) => i);
  const dimensionKeys = [...new Set(d.metrics.map((m) => m.dimension))];
  const higher = (metrics: number[]) => higherIsBetterOf(metrics.map((i) => d.metrics[i]));
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
  const layout = cells(d);
  const human = scoreScopes(d, layout, consensus(d), scopes);
  const judges = d.judgeScore.map((s) => scoreScopes(d, layout, s, scopes));
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
