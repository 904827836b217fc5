// The JSON documents of product.md §5 (report agreement | judges | leaderboard): keys exactly as written.
import type { AgreementSummary, AnnotatorAgreement, CorrelationSummary, GroupAlpha } from "~/domain/stats";

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
  between_groups?: BetweenGroupIntervals | null;
};

/** α between annotator groups (group mode): groups as coders, a group's value on a unit the mean of its
 *  ratings there, over units rated by at least two groups; intervals null until the bootstrap is ready. */
export type GroupAgreement = GroupAlpha & AlphaIntervals;
export type BetweenGroups = {
  groups: string[];
  overall: GroupAgreement;
  metrics: ({ metric: string } & GroupAgreement)[];
};
/** The bootstrap document also carries the between-group intervals (moved into between_groups when served). */
export type BetweenGroupIntervals = { overall: AlphaIntervals; metrics: ({ metric: string } & AlphaIntervals)[] };

export type AgreementReport = {
  project: string;
  overall: Agreement;
  metrics: ({ metric: string } & Agreement)[];
  annotators: AnnotatorAgreement[];
  bootstrap: AgreementBootstrap;
  /** null when the project is not in group mode (absent in documents cached before it existed) */
  between_groups?: BetweenGroups | null;
};

/** Shape "C". */
export type Correlations = CorrelationSummary;

export type JudgesReport = {
  project: string;
  judges: { judge: string; overall: Correlations; metrics: ({ metric: string } & Correlations)[] }[];
  human_ceiling: { overall: Correlations; metrics: ({ metric: string } & Correlations)[] };
};

/** The judge-vs-human scatter of one judge and metric (a sample of at most a fixed number of units). */
export type JudgePoints = {
  judge: string;
  metric: string;
  total: number;
  /** unit: its database id (reports cached before it was added lack it); dialogue and model are filled
   *  in from it when the page asks */
  points: { human: number; judge: number; unit?: number; dialogue?: string; model?: string }[];
};

/** One scorer's mean for a model on a metric, dimension or overall; rank 1 = best among the models by
 *  mean; rank_range = the ranks the 95% intervals allow ([1, 3]: cannot be told apart from the 2nd and 3rd). */
export type Score = {
  n: number;
  mean: number | null;
  ci95: [number, number] | null;
  rank: number | null;
  rank_range: [number, number] | null;
};

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

export type ReportOf<K extends ReportKind> = K extends "agreement"
  ? AgreementReport
  : K extends "judges"
    ? JudgesReport
    : LeaderboardReport;
