// The JSON documents of product.md §5 (report agreement | judges | leaderboard): keys exactly as written.
import type { AgreementSummary, AnnotatorAgreement, CorrelationSummary } from "~/domain/stats";

export const REPORT_KINDS = ["agreement", "judges", "leaderboard"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function isReportKind(v: unknown): v is ReportKind {
  return (REPORT_KINDS as readonly unknown[]).includes(v);
}

/** Shape "A". */
export type Agreement = AgreementSummary;

/** 95% bootstrap intervals of α (percentile, units resampled, seeded); computed apart from the point
 *  estimates and cached separately, so "pending" until it is ready. */
export type AlphaIntervals = { alpha_interval_ci95: [number, number] | null; alpha_ordinal_ci95: [number, number] | null };
export type AgreementBootstrap = {
  status: "ready" | "pending";
  seed: number;
  iterations: number;
  overall: AlphaIntervals | null;
  metrics: ({ metric: string } & AlphaIntervals)[] | null;
};

export type AgreementReport = {
  project: string;
  overall: Agreement;
  metrics: ({ metric: string } & Agreement)[];
  annotators: AnnotatorAgreement[];
  bootstrap: AgreementBootstrap;
};

/** Shape "C". */
export type Correlations = CorrelationSummary;

export type JudgesReport = {
  project: string;
  judges: { judge: string; overall: Correlations; metrics: ({ metric: string } & Correlations)[] }[];
  human_ceiling: { overall: Correlations; metrics: ({ metric: string } & Correlations)[] };
};

/** The judge-vs-human scatter of one judge and metric (a sample of at most a fixed number of units). */
export type JudgePoints = { judge: string; metric: string; total: number; points: { human: number; judge: number }[] };

/** One scorer's mean for a model on a metric, dimension or overall; rank 1 = best among the models. */
export type Score = { n: number; mean: number | null; ci95: [number, number] | null; rank: number | null };

/** Shape "L": the humans' consensus and every judge, side by side. */
export type LeaderboardEntry = { human: Score; judges: ({ judge: string } & Score)[] };

export type LeaderboardReport = {
  project: string;
  models: {
    model: string;
    overall: LeaderboardEntry;
    dimensions: ({ dimension: string } & LeaderboardEntry)[];
    metrics: ({ metric: string } & LeaderboardEntry)[];
  }[];
};

export type ReportOf<K extends ReportKind> = K extends "agreement" ? AgreementReport : K extends "judges" ? JudgesReport : LeaderboardReport;
