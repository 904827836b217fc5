// Preference records of a pairwise project (product.md §11) in TRL's conversational format, as the
// `pairs` export writes them (same prompt, chosen and rejected as one assistant message each), from the
// annotators' direct choices instead of score differences. One record per (comparison, metric) with a
// strict majority (more than half of its on-time choices) for one side; with --per-annotator one record
// per choice. Ties (and, for the majority, split votes) are left out unless asked for: a kept tie has
// `"tie": true`, the comparison's a as chosen and its b as rejected.
import { buildPrompt, type ChatMessage, type PairGroup, type PreferencePair } from "../export/pairs";
import type { Agreement } from "../export/annotator-pairs";
import { characterReply } from "../export/context";
import { jsonDialogueId } from "../export/scored-text";
import type { Split } from "../export/split";

/** A stored choice in the comparison's order: 1 = a preferred, 2 = tie, 3 = b preferred. */
export type Choice = { annotator: string; score: number };

export type ComparisonGroup = Pick<PairGroup, "role" | "novelName" | "profile" | "context" | "aliases"> & {
  dialogueId: string | number;
  metricEn: string;
  split: Split;
  /** the comparison's a (the model with the lower id) and b */
  a: { model: string; text: string };
  b: { model: string; text: string };
  /** the unit's on-time choices */
  choices: readonly Choice[];
};

export type PreferenceRecord = Pick<
  PreferencePair,
  "prompt" | "chosen" | "rejected" | "metric_en" | "dialogue_id" | "model_chosen" | "model_rejected"
> & {
  /** the unit's choices for the chosen side, the rejected side, and tie (all annotators') */
  votes_chosen: number;
  votes_rejected: number;
  votes_tie: number;
  /** only with `ties`: true for a tie record (chosen = a, rejected = b), false otherwise */
  tie?: boolean;
  split: Split;
  /** only per annotator: the opaque id of the annotator who made this choice */
  annotator?: string;
};

export type PreferenceOptions = { ties?: boolean };

export type Votes = { a: number; tie: number; b: number };

export function votesOf(choices: readonly Choice[]): Votes {
  const v = { a: 0, tie: 0, b: 0 };
  for (const c of choices) {
    if (c.score === 1) v.a++;
    else if (c.score === 3) v.b++;
    else if (c.score === 2) v.tie++;
    else throw new Error(`a choice must be 1, 2 or 3, not ${c.score}`);
  }
  return v;
}

/** The side a set of votes settles on: more than half of them for a, b or tie; null for a split vote. */
export function majorityOf(v: Votes): "a" | "b" | "tie" | null {
  const n = v.a + v.tie + v.b;
  if (2 * v.a > n) return "a";
  if (2 * v.b > n) return "b";
  if (2 * v.tie > n) return "tie";
  return null;
}

function recordOf(g: ComparisonGroup, side: "a" | "b" | "tie", v: Votes, prompt: ChatMessage[], opts: PreferenceOptions): PreferenceRecord {
  const [chosen, rejected] = side === "b" ? [g.b, g.a] : [g.a, g.b];
  const reply = (text: string): ChatMessage[] => [{ role: "assistant", content: characterReply(text, g.role, { aliases: g.aliases }) }];
  return {
    prompt,
    chosen: reply(chosen.text),
    rejected: reply(rejected.text),
    metric_en: g.metricEn,
    dialogue_id: jsonDialogueId(g.dialogueId),
    model_chosen: chosen.model,
    model_rejected: rejected.model,
    votes_chosen: side === "b" ? v.b : v.a,
    votes_rejected: side === "b" ? v.a : v.b,
    votes_tie: v.tie,
    ...(opts.ties ? { tie: side === "tie" } : {}),
    split: g.split,
  };
}

/** The majority record of one (comparison, metric), or null (no choices, a split vote, or a tie not kept). */
export function majorityRecord(g: ComparisonGroup, opts: PreferenceOptions = {}): PreferenceRecord | null {
  const v = votesOf(g.choices);
  const side = majorityOf(v);
  if (side === null || (side === "tie" && !opts.ties)) return null;
  return recordOf(g, side, v, buildPrompt(g), opts);
}

/**
 * One record per choice of the unit, ordered by annotator id; `annotator` is the choice's own. Each
 * comes with its agreement with the unit's strict majority (all its on-time choices, this one included;
 * "consensus-tie" when there is none), for the annotator profile.
 */
export function annotatorRecords(g: ComparisonGroup, opts: PreferenceOptions = {}): { record: PreferenceRecord; agreement: Agreement }[] {
  const v = votesOf(g.choices);
  const majority = majorityOf(v);
  let prompt: ChatMessage[] | null = null;
  const out: { record: PreferenceRecord; agreement: Agreement }[] = [];
  for (const c of [...g.choices].sort((x, y) => (x.annotator < y.annotator ? -1 : x.annotator > y.annotator ? 1 : 0))) {
    const side = c.score === 1 ? "a" : c.score === 3 ? "b" : "tie";
    if (side === "tie" && !opts.ties) continue;
    prompt ??= buildPrompt(g);
    const agreement: Agreement = majority === null ? "consensus-tie" : majority === side ? "agrees" : "disagrees";
    out.push({ record: { ...recordOf(g, side, v, prompt, opts), annotator: c.annotator }, agreement });
  }
  return out;
}
