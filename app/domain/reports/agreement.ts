// Agreement report (product.md §4–5): shape A per metric and pooled, per-annotator agreement, and the
// bootstrap intervals of α (computed separately: they cost a thousand resamples).
import {
  agreementOf,
  annotatorAgreementByUnit,
  betweenGroupAlpha,
  betweenGroupAlphaCI,
  bootstrapAlphaCIOf,
  encodeColumns,
  groupMeanUnits,
  type EncodedUnits,
} from "~/domain/stats";
import { categoriesOf, unitsByMetric, type MetricInfo, type ReportData } from "./data";
import type { AgreementBootstrap, AgreementReport, AlphaIntervals, BetweenGroupIntervals, BetweenGroups } from "./types";

export const BOOTSTRAP_SEED = 1;
export const BOOTSTRAP_ITERATIONS = 1000;

/** The pairable units of all metrics together, or of the metric's units, encoded straight from the
 *  columns (no array per unit); made one at a time, as needed, so only one encoding is alive at once. */
const pairable = (d: ReportData, units?: Int32Array) => encodeColumns(d.start, d.score, units);

const summary = (encoded: EncodedUnits, metrics: MetricInfo[]) => agreementOf(encoded, categoriesOf(metrics, encoded.categories.values));

/** Group-mean units (group mode) of each metric and of all metrics together; null outside group mode. */
function groupUnitsByMetric(d: ReportData) {
  if (!d.groups || !d.annotatorGroup) return null;
  const r = { start: d.start, score: d.score, annotator: d.annotator, annotatorGroup: d.annotatorGroup, groupCount: d.groups.length };
  const perMetric = unitsByMetric(d).map((units) => groupMeanUnits(r, units));
  return { groups: d.groups, all: groupMeanUnits(r), perMetric }; // all in unit order, as the other resamples
}

const NO_INTERVALS: AlphaIntervals = { alpha_interval_ci95: null, alpha_ordinal_ci95: null };

function betweenGroups(d: ReportData): BetweenGroups | null {
  const g = groupUnitsByMetric(d);
  if (!g) return null;
  return {
    groups: g.groups,
    overall: { ...betweenGroupAlpha(g.all), ...NO_INTERVALS },
    metrics: d.metrics.map((m, i) => ({ metric: m.key, ...betweenGroupAlpha(g.perMetric[i]), ...NO_INTERVALS })),
  };
}

/** The report as served: the bootstrap document, with its between-group intervals moved into between_groups. */
export function withIntervals(report: AgreementReport, intervals: AgreementBootstrap): AgreementReport {
  const { between_groups: groupIntervals, ...bootstrap } = intervals;
  const groups = report.between_groups ?? null;
  if (!groups || !groupIntervals) return { ...report, between_groups: groups, bootstrap };
  const byMetric = new Map(groupIntervals.metrics.map((m) => [m.metric, m]));
  return {
    ...report,
    bootstrap,
    between_groups: {
      ...groups,
      overall: { ...groups.overall, ...pickIntervals(groupIntervals.overall) },
      metrics: groups.metrics.map((m) => ({ ...m, ...pickIntervals(byMetric.get(m.metric) ?? NO_INTERVALS) })),
    },
  };
}

const pickIntervals = (c: AlphaIntervals): AlphaIntervals => ({
  alpha_interval_ci95: c.alpha_interval_ci95,
  alpha_ordinal_ci95: c.alpha_ordinal_ci95,
});

export function pendingBootstrap(): AgreementBootstrap {
  return { status: "pending", seed: BOOTSTRAP_SEED, iterations: BOOTSTRAP_ITERATIONS, overall: null, metrics: null };
}

export function computeAgreement(project: string, d: ReportData): AgreementReport {
  const byMetric = unitsByMetric(d);
  return {
    project,
    overall: summary(pairable(d), d.metrics),
    metrics: d.metrics.map((m, i) => ({ metric: m.key, ...summary(pairable(d, byMetric[i]), [m]) })),
    // the columns as they are (no object per rating); annotators whose every rating fell outside the
    // project's units have no row, as before
    annotators: annotatorAgreementByUnit({ start: d.start, score: d.score, annotator: d.annotator, names: d.annotators }).filter(
      (a) => a.ratings > 0,
    ),
    bootstrap: pendingBootstrap(),
    between_groups: betweenGroups(d),
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The α intervals, one (metric, level) at a time with a pause in between, so a server computing them
 * in the background keeps answering requests.
 */
export async function computeAlphaIntervals(d: ReportData): Promise<AgreementBootstrap> {
  const byMetric = unitsByMetric(d);
  const options = { seed: BOOTSTRAP_SEED, iterations: BOOTSTRAP_ITERATIONS };
  const intervals = async (units: EncodedUnits): Promise<AlphaIntervals> => {
    await tick();
    const interval = bootstrapAlphaCIOf(units, "interval", options);
    await tick();
    return { alpha_interval_ci95: interval, alpha_ordinal_ci95: bootstrapAlphaCIOf(units, "ordinal", options) };
  };
  const overall = await intervals(pairable(d));
  const metrics: AgreementBootstrap["metrics"] = [];
  for (let i = 0; i < d.metrics.length; i++) metrics.push({ metric: d.metrics[i].key, ...(await intervals(pairable(d, byMetric[i]))) });
  return {
    status: "ready",
    seed: BOOTSTRAP_SEED,
    iterations: BOOTSTRAP_ITERATIONS,
    overall,
    metrics,
    between_groups: await groupIntervals(d),
  };
}

/** The between-group α intervals (group mode), with the same seed and resample count. */
async function groupIntervals(d: ReportData): Promise<BetweenGroupIntervals | null> {
  const g = groupUnitsByMetric(d);
  if (!g) return null;
  const options = { seed: BOOTSTRAP_SEED, iterations: BOOTSTRAP_ITERATIONS };
  await tick();
  const overall = betweenGroupAlphaCI(g.all, options);
  const metrics: BetweenGroupIntervals["metrics"] = [];
  for (let i = 0; i < d.metrics.length; i++) {
    await tick();
    metrics.push({ metric: d.metrics[i].key, ...betweenGroupAlphaCI(g.perMetric[i], options) });
  }
  return { overall, metrics };
}
