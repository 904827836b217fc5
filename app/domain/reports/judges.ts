// Judges against humans (product.md §4): per judge, per metric and pooled, the correlations of the
// judge's score with the consensus over units that have both; the human ceiling beside them.
import { correlationSummary, humanCeilingOf } from "~/domain/stats";
import { consensus, unitsByMetric, type ReportData } from "./data";
import type { JudgePoints, JudgesReport } from "./types";

export const CEILING_SEED = 1;

/** Paired (human, judge) values over the given units, skipping units missing either (views of shared
 *  scratch columns, overwritten by the next call). */
function pairer(unitCount: number) {
  const x = new Float64Array(unitCount);
  const y = new Float64Array(unitCount);
  const at = new Int32Array(unitCount);
  return (units: ArrayLike<number>, human: Float64Array, judge: Float64Array) => {
    let n = 0;
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      if (Number.isNaN(human[u]) || Number.isNaN(judge[u])) continue;
      x[n] = human[u];
      y[n] = judge[u];
      at[n++] = u;
    }
    return { x: x.subarray(0, n), y: y.subarray(0, n), at: at.subarray(0, n) };
  };
}

const allUnits = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

export function computeJudges(project: string, d: ReportData): JudgesReport {
  const human = consensus(d);
  const byMetric = unitsByMetric(d);
  const paired = pairer(d.unitCount);
  const all = allUnits(d.unitCount);
  const correlate = (units: ArrayLike<number>, judge: Float64Array) => {
    const { x, y } = paired(units, human, judge);
    return correlationSummary(x, y);
  };
  const ceiling = (units?: ArrayLike<number>) => humanCeilingOf(d.start, d.score, CEILING_SEED, units);
  return {
    project,
    judges: d.judges.map((judge, j) => ({
      judge,
      overall: correlate(all, d.judgeScore[j]),
      metrics: d.metrics.map((m, i) => ({ metric: m.key, ...correlate(byMetric[i], d.judgeScore[j]) })),
    })),
    human_ceiling: {
      overall: ceiling(),
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
  const paired = pairer(d.unitCount);
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
