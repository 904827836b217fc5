// Agreement report (product.md §4–5): shape A per metric and pooled, per-annotator agreement, and the
// bootstrap intervals of α (computed separately: they cost a thousand resamples).
import { agreementSummary, annotatorAgreementByUnit, bootstrapAlphaCI } from "~/domain/stats";
import { categoriesOf, unitsByMetric, unitValues, type ReportData } from "./data";
import type { AgreementBootstrap, AgreementReport, AlphaIntervals } from "./types";

export const BOOTSTRAP_SEED = 1;
export const BOOTSTRAP_ITERATIONS = 1000;

function distinctScores(units: number[][]): number[] {
  const seen = new Set<number>();
  for (const unit of units) for (const v of unit) seen.add(v);
  return [...seen];
}

/** Pairable units of each metric (and all of them), as plain arrays. */
function pairableByMetric(d: ReportData, values = unitValues(d)) {
  const all: number[][] = [];
  const perMetric = unitsByMetric(d).map((units) => {
    const out: number[][] = [];
    for (const u of units) if (values[u].length >= 2) out.push(values[u]);
    return out;
  });
  for (let u = 0; u < d.unitCount; u++) if (values[u].length >= 2) all.push(values[u]);
  return { all, perMetric };
}

export function pendingBootstrap(): AgreementBootstrap {
  return { status: "pending", seed: BOOTSTRAP_SEED, iterations: BOOTSTRAP_ITERATIONS, overall: null, metrics: null };
}

export function computeAgreement(project: string, d: ReportData): AgreementReport {
  const { all, perMetric } = pairableByMetric(d);
  return {
    project,
    overall: agreementSummary(all, categoriesOf(d.metrics, distinctScores(all))),
    metrics: d.metrics.map((m, i) => ({
      metric: m.key,
      ...agreementSummary(perMetric[i], categoriesOf([m], distinctScores(perMetric[i]))),
    })),
    // the columns as they are (no object per rating); annotators whose every rating fell outside the
    // project's units have no row, as before
    annotators: annotatorAgreementByUnit({ start: d.start, score: d.score, annotator: d.annotator, names: d.annotators }).filter((a) => a.ratings > 0),
    bootstrap: pendingBootstrap(),
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The α intervals, one (metric, level) at a time with a pause in between, so a server computing them
 * in the background keeps answering requests.
 */
export async function computeAlphaIntervals(d: ReportData): Promise<AgreementBootstrap> {
  const { all, perMetric } = pairableByMetric(d);
  const options = { seed: BOOTSTRAP_SEED, iterations: BOOTSTRAP_ITERATIONS };
  const intervals = async (units: number[][]): Promise<AlphaIntervals> => {
    await tick();
    const interval = bootstrapAlphaCI(units, "interval", options);
    await tick();
    return { alpha_interval_ci95: interval, alpha_ordinal_ci95: bootstrapAlphaCI(units, "ordinal", options) };
  };
  const overall = await intervals(all);
  const metrics: AgreementBootstrap["metrics"] = [];
  for (let i = 0; i < d.metrics.length; i++) metrics.push({ metric: d.metrics[i].key, ...(await intervals(perMetric[i])) });
  return { status: "ready", seed: BOOTSTRAP_SEED, iterations: BOOTSTRAP_ITERATIONS, overall, metrics };
}
