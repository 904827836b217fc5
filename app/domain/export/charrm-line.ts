// The charrm JSONL line, fast: byte for byte JSON.stringify(charRmRecord(u)) (the reference; the test
// compares the two), built without re-escaping what repeats. Most of a ~1.6 KB record is the profile's
// Python str() inside input_text, the same for every unit of a character, and the context, written
// twice and the same for every unit of a dialogue: those JSON-escaped pieces are computed once.
import type { OrderedValue } from "../json/ordered";
import { populationStd, scoreOf, type CharRmUnit } from "./charrm";
import { pythonStr } from "./python-repr";
import { jsonDialogueId } from "./scored-text";

/**
 * The inside of a JSON string literal. JSON.stringify escapes UTF-16 unit by unit (a lone surrogate as
 * \uXXXX, a pair kept), so pieces separated by ASCII text escape exactly as their concatenation does.
 */
export const jsonStringBody = (s: string): string => JSON.stringify(s).slice(1, -1);

/** f with its last result kept: rows of one dialogue come together, so per-dialogue values repeat. */
function lastMemo<K, V>(f: (k: K) => V): (k: K) => V {
  let has = false;
  let key: K;
  let value: V;
  return (k) => {
    if (!has || k !== key) ((has = true), (key = k), (value = f(k)));
    return value;
  };
}

const json = JSON.stringify;

/** What JSON.stringify writes for a number (null for NaN and ±Infinity), without the call. */
const num = (x: number | null): string => (x !== null && Number.isFinite(x) ? String(x) : "null");

export type CharRmLineFormatter = (u: CharRmUnit) => string | null;

/**
 * A formatter for one export. It caches the escaped profile per profile object (one per character),
 * the JSON of the short strings that repeat (model, role, metric, split: a project's dimensions), and
 * the last dialogue's id, novel name and context.
 */
export function charRmLineFormatter(): CharRmLineFormatter {
  const profiles = new WeakMap<OrderedValue, string>();
  const profileOf = (p: OrderedValue) => {
    let s = profiles.get(p);
    if (s === undefined) profiles.set(p, (s = jsonStringBody(pythonStr(p))));
    return s;
  };
  const words = new Map<string, string>();
  const word = (x: string) => {
    let s = words.get(x);
    if (s === undefined) words.set(x, (s = json(x)));
    return s;
  };
  const context = lastMemo(jsonStringBody);
  const novel = lastMemo(json);
  const id = lastMemo((x: number | string) => json(jsonDialogueId(x)));
  return (u) => {
    const scored = scoreOf(u);
    if (scored === null) return null;
    const ctx = context(u.context);
    const output = jsonStringBody(u.modelOutput);
    const metricZh = word(u.metricZh);
    return (
      `{"id":${id(u.id)},"model":${word(u.model)},"role":${word(u.role)},"novel_name":${novel(u.novelName)}` +
      `,"context":"${ctx}","model_output":"${output}","metric_en":${word(u.metricEn)},"metric_zh":${metricZh}` +
      `,"score":${num(scored.score)},"label":${num(scored.label)},"ratings":[${u.ratings.map(num).join(",")}]` +
      `,"n_ratings":${u.ratings.length},"std":${num(populationStd(u.ratings))},"adjudicated":${u.adjudicated !== null}` +
      `,"split":${word(u.split)},"input_text":"<RoleInfo>\\n\\n${profileOf(u.profile)}\\n\\n<Context>\\n\\n${ctx}` +
      `\\n\\n<Response>\\n\\n${output}\\n\\n<Dimension>\\n\\n${metricZh.slice(1, -1)}"}`
    );
  };
}
