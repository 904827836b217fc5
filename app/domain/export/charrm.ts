// CharacterRM training records (product.md §7 "charrm"). input_text is what CharacterEval's
// run_char_rm.py feeds the reward model:
//
//   "<RoleInfo>\n\n" + str(character_profile[example['role']]) + "\n\n<Context>\n\n" + example['context']
//   + "\n\n<Response>\n\n" + example['model_output'] + "\n\n<Dimension>\n\n" + example["metric_zh"]
import type { OrderedValue } from "../json/ordered";
import { pythonStr } from "./python-repr";
import { jsonDialogueId } from "./scored-text";
import type { Split } from "./split";

export type CharRmInput = {
  profile: OrderedValue;
  context: string;
  /** the scored text (first line under the CharacterEval convention) */
  modelOutput: string;
  metricZh: string;
};

export function buildCharRmInputText({ profile, context, modelOutput, metricZh }: CharRmInput): string {
  return (
    "<RoleInfo>\n\n" +
    pythonStr(profile) +
    "\n\n<Context>\n\n" +
    context +
    "\n\n<Response>\n\n" +
    modelOutput +
    "\n\n<Dimension>\n\n" +
    metricZh
  );
}

export type ConsensusMethod = "mean" | "median";

/** A unit's human score: the adjudicated score if any, else the mean (or median) of its ratings. */
export function consensus(ratings: readonly number[], adjudicated: number | null, method: ConsensusMethod = "mean"): number | null {
  if (adjudicated !== null) return adjudicated;
  if (ratings.length === 0) return null;
  if (method === "mean") return mean(ratings);
  const s = [...ratings].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Population standard deviation (ddof = 0), like numpy.std; null for no ratings. */
export function populationStd(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / xs.length);
}

export type CharRmUnit = CharRmInput & {
  /** CharacterEval's dialogue id; canonical integer strings are written as numbers */
  id: number | string;
  model: string;
  role: string;
  novelName: string;
  metricEn: string;
  scaleMin: number;
  scaleMax: number;
  /** raw integer ratings of the unit */
  ratings: readonly number[];
  adjudicated: number | null;
  split: Split;
  consensusMethod?: ConsensusMethod;
};

export type CharRmRecord = {
  id: number | string;
  model: string;
  role: string;
  novel_name: string;
  context: string;
  model_output: string;
  metric_en: string;
  metric_zh: string;
  score: number;
  label: number;
  ratings: number[];
  n_ratings: number;
  std: number | null;
  /** true when score is an adjudicator's final score rather than the ratings' consensus */
  adjudicated: boolean;
  split: Split;
  input_text: string;
};

/** A unit's score and its label (the score scaled to [0, 1]); null when it has no human score. */
export function scoreOf(u: CharRmUnit): { score: number; label: number } | null {
  const score = consensus(u.ratings, u.adjudicated, u.consensusMethod ?? "mean");
  if (score === null) return null;
  if (!(u.scaleMax > u.scaleMin)) throw new RangeError(`${u.metricEn}: scale max must exceed min`);
  return { score, label: (score - u.scaleMin) / (u.scaleMax - u.scaleMin) };
}

/** The record of one unit, or null when the unit has no human score (no ratings, no adjudication). */
export function charRmRecord(u: CharRmUnit): CharRmRecord | null {
  const scored = scoreOf(u);
  if (scored === null) return null;
  const { score, label } = scored;
  return {
    id: jsonDialogueId(u.id),
    model: u.model,
    role: u.role,
    novel_name: u.novelName,
    context: u.context,
    model_output: u.modelOutput,
    metric_en: u.metricEn,
    metric_zh: u.metricZh,
    score,
    label,
    ratings: [...u.ratings],
    n_ratings: u.ratings.length,
    std: populationStd(u.ratings),
    adjudicated: u.adjudicated !== null,
    split: u.split,
    input_text: buildCharRmInputText(u),
  };
}

/** One JSONL line (without the newline), or null when the unit has no human score. The reference for
 *  charRmLineFormatter (charrm-line.ts), which the export uses. */
export function formatCharRmRecord(u: CharRmUnit): string | null {
  const r = charRmRecord(u);
  return r === null ? null : JSON.stringify(r);
}
