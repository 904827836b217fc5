// Judges against humans (product.md §4): per judge, per metric and pooled, the correlations of the
// judge's score with the consensus over units that have both; the human ceiling beside them.
import { correlationSummary, humanCeiling } from "~/domain/stats";
import { consensus, unitsByMetric, unitValues, type ReportData } from "./data";
import type { JudgePoints, JudgesReport } from "./types";

export const CEILING_SEED = 1;

/** Paired (human, judge) values over the given units, skipping units missing either. */
function paired(units: ArrayLike<number>, human: Float64Array, judge: Float64Array) {
  const x: number[] = [];
  const y: number[] = [];
  const at: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (Number.isNaN(human[u]) || Number.isNaN(judge[u])) continue;
    x.push(human[u]);
    y.push(judge[u]);
    at.push(u);
  }
  return { x, y, at };
}

const allUnits = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

export function computeJudges(project: string, d: ReportData): JudgesReport {
  const human = consensus(d);
  const byMetric = unitsByMetric(d);
  const all = allUnits(d.unitCount);
  const correlate = (units: ArrayLike<number>, judge: Float64Array) => {
    const { x, y } = paired(units, human, judge);
    return correlationSummary(x, y);
  };
  const values = unitValues(d);
  const ceiling = (units: ArrayLike<number>) =>
    humanCeiling(
      Array.from(units, (u) => values[u]),
      CEILING_SEED,
    );
  return {
    project,
    judges: d.judges.map((judge, j) => ({
      judge,
      overall: correlate(all, d.judgeScore[j]),
      metrics: d.metrics.map((m, i) => ({ metric: m.key, ...correlate(byMetric[i], d.judgeScore[j]) })),
    })),
    human_ceiling: {
      overall: ceiling(all),
      metrics: d.metrics.map((m, i) => ({ metric: m.key, ...ceiling(byMetric[i]) })),
    },
  };
}

export const SCATTER_POINTS = 1500;

/**
 * Points of the judge-vs-human scatter plot, per judge and metric: (human, judge) of the units that have
 * both, thinned to at most `limit` by an even stride over unit order (deterministic, and it keeps the
 * spread), rounded to 4 decimals. Computed with the report so the page needs no query of its own.
 */
export function computeJudgePoints(d: ReportData, limit = SCATTER_POINTS): JudgePoints[] {
  const human = consensus(d);
  const byMetric = unitsByMetric(d);
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return d.judges.flatMap((judge, j) =>
    d.metrics.map((m, i) => {
      const { x, y, at: units } = paired(byMetric[i], human, d.judgeScore[j]);
      const take = Math.min(limit, x.length);
      const points = Array.from({ length: take }, (_, k) => {
        const at = Math.floor((k * x.length) / take);
        const point = { human: round(x[at]), judge: round(y[at]) };
        return d.unitIds ? { ...point, unit: d.unitIds[units[at]] } : point;
      });
      return { judge, metric: m.key, total: x.length, points };
    }),
  );
}
