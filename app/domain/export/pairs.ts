// Preference pairs for reward-model training in TRL's conversational format
// (https://huggingface.co/docs/trl/dataset_formats: prompt / chosen / rejected as message lists).
// Pairs are only formed inside one (dialogue, metric) group, so no pair ever mixes two contexts.
import type { OrderedValue } from "../json/ordered";
import { characterReply, parseContext, type ParseContextOptions } from "./context";
import { buildRoleSystemPrompt } from "./profile-text";
import { jsonDialogueId } from "./scored-text";
import type { Split } from "./split";

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type PairResponse = {
  model: string;
  /** the scored text */
  text: string;
  /** consensus human score of the unit (response, metric) */
  score: number;
};

export type PairGroup = {
  dialogueId: string | number;
  role: string;
  novelName?: string | null;
  profile: OrderedValue;
  context: string;
  metricEn: string;
  /** the metric's direction (default true); false: the lower score is the preferred response */
  higherIsBetter?: boolean;
  split: Split;
  responses: readonly PairResponse[];
  aliases?: ParseContextOptions["aliases"];
};

export type PreferencePair = {
  prompt: ChatMessage[];
  chosen: ChatMessage[];
  rejected: ChatMessage[];
  metric_en: string;
  dialogue_id: string | number;
  model_chosen: string;
  model_rejected: string;
  score_chosen: number;
  score_rejected: number;
  margin: number;
  split: Split;
};

export type PairOptions = { minMargin?: number };

// Consensus scores are means: 4.333… − 3.333… is 0.9999999999999996 in floating point and must still
// count as a margin of 1.
const EPS = 1e-9;

/**
 * system message from the profile, then the context turns: the character's lines as "assistant",
 * everyone else's as "user" prefixed "说话人：", narration as "user" unprefixed; consecutive turns of the
 * same chat role are merged with "\n".
 */
export function buildPrompt(g: Pick<PairGroup, "role" | "novelName" | "profile" | "context" | "aliases">): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: "system", content: buildRoleSystemPrompt(g.role, g.profile, g.novelName) }];
  let last: ChatMessage | null = null;
  for (const t of parseContext(g.context, g.role, { aliases: g.aliases })) {
    const role = t.isCharacter ? "assistant" : "user";
    const content = t.isCharacter || t.speaker === null ? t.text : `${t.speaker}：${t.text}`;
    if (last && last.role === role) last.content += "\n" + content;
    else {
      last = { role, content };
      messages.push(last);
    }
  }
  return messages;
}

/**
 * Every pair of responses whose scores differ by at least minMargin (default 1; ties never pair),
 * chosen = the better score: the higher one, or the lower one for a metric where lower is better
 * (scores stay as rated; margin is their distance). Order: responses sorted best first, then by model
 * name, pairs (i, j) with i before j — independent of the input order.
 */
export function buildPairs(group: PairGroup, options: PairOptions = {}): PreferencePair[] {
  const minMargin = options.minMargin ?? 1;
  const seen = new Set<string>();
  for (const r of group.responses) {
    if (seen.has(r.model)) throw new Error(`dialogue ${group.dialogueId}: model ${r.model} appears twice`);
    seen.add(r.model);
  }
  const sign = group.higherIsBetter === false ? -1 : 1;
  const sorted = [...group.responses].sort((a, b) =>
    b.score !== a.score ? sign * (b.score - a.score) : a.model < b.model ? -1 : a.model > b.model ? 1 : 0,
  );
  const out: PreferencePair[] = [];
  let prompt: ChatMessage[] | null = null;
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const c = sorted[i];
      const r = sorted[j];
      const diff = sign * (c.score - r.score);
      if (diff <= EPS || diff < minMargin - EPS) continue;
      prompt ??= buildPrompt(group);
      out.push({
        prompt,
        chosen: [{ role: "assistant", content: characterReply(c.text, group.role, { aliases: group.aliases }) }],
        rejected: [{ role: "assistant", content: characterReply(r.text, group.role, { aliases: group.aliases }) }],
        metric_en: group.metricEn,
        dialogue_id: jsonDialogueId(group.dialogueId),
        model_chosen: c.model,
        model_rejected: r.model,
        score_chosen: c.score,
        score_rejected: r.score,
        margin: Number(diff.toFixed(12)),
        split: group.split,
      });
    }
  }
  return out;
}

/** Streams the pairs of many groups in group order. */
export function* pairsOf(groups: Iterable<PairGroup>, options: PairOptions = {}): Generator<PreferencePair> {
  for (const g of groups) yield* buildPairs(g, options);
}

/** One JSONL line without the newline. */
export function formatPair(p: PreferencePair): string {
  return JSON.stringify(p);
}
