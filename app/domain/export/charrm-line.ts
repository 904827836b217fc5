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
    if (!has || k !== key) (has = true), (key = k), (value = f(k));
    return value;
  };
}

const json = JSON.stringify;

export type CharRmLineFormatter = (u: CharRmUnit) => string | null;

/** A formatter for one export: it caches the escaped profile per profile object (one per character). */
export function charRmLineFormatter(): CharRmLineFormatter {
  const profiles = new WeakMap<OrderedValue, string>();
  const profileOf = (p: OrderedValue) => {
    let s = profiles.get(p);
    if (s === undefined) profiles.set(p, (s = jsonStringBody(pythonStr(p))));
    return s;
  };
  const context = lastMemo(jsonStringBody);
  const id = lastMemo((x: number | string) => json(jsonDialogueId(x)));
  return (u) => {
    const scored = scoreOf(u);
    if (scored === null) return null;
    const ctx = context(u.context);
    const output = jsonStringBody(u.modelOutput);
    const metricZh = jsonStringBody(u.metricZh);
    return (
      `{"id":${id(u.id)},"model":${json(u.model)},"role":${json(u.role)},"novel_name":${json(u.novelName)}` +
      `,"context":"${ctx}","model_output":"${output}","metric_en":${json(u.metricEn)},"metric_zh":"${metricZh}"` +
      `,"score":${json(scored.score)},"label":${json(scored.label)},"ratings":${json(u.ratings)}` +
      `,"n_ratings":${u.ratings.length},"std":${json(populationStd(u.ratings))},"adjudicated":${u.adjudicated !== null}` +
      `,"split":${json(u.split)},"input_text":"<RoleInfo>\\n\\n${profileOf(u.profile)}\\n\\n<Context>\\n\\n${ctx}` +
      `\\n\\n<Response>\\n\\n${output}\\n\\n<Dimension>\\n\\n${metricZh}"}`
    );
  };
}
