// What the adjudicator's screen shows for one response: the task's layout (profile, dialogue, scored
// text) and, per open unit of it, every rating with its annotator. The type lives in domain because the
// components that render it run in the browser.
import type { ProfileEntry } from "~/domain/dialogue/profile-display";
import type { Turn } from "~/domain/export/context";
import type { WorkspaceMetric } from "~/domain/workspace/task";

export type AdjudicationRating = {
  annotator: string;
  email: string;
  score: number;
  comment: string | null;
  created_at: string;
  late: boolean;
};

export type AdjudicationUnit = WorkspaceMetric & {
  range: number;
  ratings: AdjudicationRating[];
  /** the current final score when the unit was settled before (a re-adjudication) */
  final_score: number | null;
};

export type AdjudicationItem = {
  responseId: number;
  dialogueId: string;
  character: string;
  novel: string;
  profile: ProfileEntry[];
  turns: Turn[];
  model: string | null;
  response: string;
  leaseExpiresAt: string | null;
  units: AdjudicationUnit[];
};

/** Mean of the raw scores, for the "ratings say" hint; null without ratings. */
export function meanScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}
