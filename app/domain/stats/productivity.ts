// The queue page's productivity figures (issue 20): throughput over the last 24 hours and when the
// project completes at that pace.

export type Productivity = {
  /** ratings stored in the last 24 hours, per hour */
  ratingsPerHour: number;
  /** median active time per rated unit over the last 24 hours (a task's time shared by its units); null when none */
  medianMsPerUnit: number | null;
  /** ratings the normal units still need to reach k */
  remaining: number;
  /** estimated completion (ms since the epoch); null when nothing was rated in the last 24 hours, now when none remain */
  etaMs: number | null;
};

export function estimateCompletion(remaining: number, ratingsPerHour: number, nowMs: number): number | null {
  if (remaining <= 0) return nowMs;
  if (ratingsPerHour <= 0) return null;
  return nowMs + (remaining / ratingsPerHour) * 3_600_000;
}
