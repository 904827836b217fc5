// What happens to an annotator after a gold rating (product.md §9): the end of their qualification
// round, and the automatic pause below a running gold accuracy. Pure: the service feeds it counts.

/** An automatic pause needs this many gold ratings: one wrong answer out of two is no evidence. */
export const MIN_GOLD_FOR_PAUSE = 5;

export type GoldStanding = {
  /** on-time gold ratings of the annotator in the project, and how many were correct */
  goldN: number;
  correct: number;
  /** gold units still open to them (neither rated nor skipped) */
  goldOpen: number;
};

export type GoldSettings = {
  qualificationUnits: number;
  qualificationMinAccuracy: number;
  pauseBelowAccuracy: number | null;
};

export type GoldVerdict = { kind: "none" } | { kind: "qualified"; accuracy: number } | { kind: "pause"; reason: PauseReason };

export type PauseReason = { code: "qualification" | "gold_accuracy"; accuracy: number; threshold: number };

/**
 * inRound: the annotator's round has not ended (project_members.qualified_at is null). The round ends
 * when they have rated qualificationUnits gold units, or no gold unit is left for them; they pass with
 * accuracy ≥ the minimum (no gold rated at all: nothing to judge, they pass). Outside the round, a
 * running accuracy below pauseBelowAccuracy (after MIN_GOLD_FOR_PAUSE gold ratings) pauses them.
 */
export function goldVerdict(s: GoldStanding, settings: GoldSettings, inRound: boolean): GoldVerdict {
  const accuracy = s.goldN ? s.correct / s.goldN : 1;
  if (settings.qualificationUnits > 0 && inRound) {
    if (s.goldN < settings.qualificationUnits && s.goldOpen > 0) return { kind: "none" };
    if (accuracy >= settings.qualificationMinAccuracy) return { kind: "qualified", accuracy };
    return { kind: "pause", reason: { code: "qualification", accuracy, threshold: settings.qualificationMinAccuracy } };
  }
  if (settings.pauseBelowAccuracy !== null && s.goldN >= MIN_GOLD_FOR_PAUSE && accuracy < settings.pauseBelowAccuracy)
    return { kind: "pause", reason: { code: "gold_accuracy", accuracy, threshold: settings.pauseBelowAccuracy } };
  return { kind: "none" };
}

/** paused_reason as stored ("qualification:0.5:0.8"), so that it can be shown in either language. */
export const formatPauseReason = (r: PauseReason) => `${r.code}:${r.accuracy.toFixed(3)}:${r.threshold}`;

export function parsePauseReason(text: string | null | undefined): PauseReason | null {
  const m = /^(qualification|gold_accuracy):([0-9.]+):([0-9.]+)$/.exec(text ?? "");
  return m ? { code: m[1] as PauseReason["code"], accuracy: Number(m[2]), threshold: Number(m[3]) } : null;
}
