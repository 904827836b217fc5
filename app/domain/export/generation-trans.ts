// CharacterEval's transform_format.py as a pure function:
//
//   for data in datas:
//       if data['model_output'] != "ERROR":
//           data['model_output'] = data['model_output'].split("\n")[0]
//           for x in id_metric[str(data['id'])]:
//               data['metric_en'] = x[0]; data['metric_zh'] = x[1]
//               results.append(copy.deepcopy(data))
//   json.dumps(results, ensure_ascii=False, indent=4)
//
// Two deliberate departures, where the script would crash: a null model_output is left out (Python:
// AttributeError on None.split), and a dialogue missing from id2metric yields no records (Python: KeyError).
import type { OrderedValue } from "../json/ordered";
import { jsonDialogueId, scoredText } from "./scored-text";

export type GenerationRecord = {
  id: number | string;
  role: string;
  novel_name: string;
  context: string;
  model_output: string | null;
};

export type GenerationTransRecord = {
  id: number | string;
  role: string;
  novel_name: string;
  context: string;
  model_output: string;
  metric_en: string;
  metric_zh: string;
};

export type MetricPair = readonly [metricEn: string, metricZh: string];
/** dialogue id (as text, like Python's str(data['id'])) → its metric subset in id2metric order */
export type Id2Metric = ReadonlyMap<string, readonly MetricPair[]> | Readonly<Record<string, readonly MetricPair[]>>;

function subsetOf(id2metric: Id2Metric, id: string): readonly MetricPair[] {
  if (id2metric instanceof Map) return id2metric.get(id) ?? [];
  const rec = id2metric as Readonly<Record<string, readonly MetricPair[]>>;
  return Object.prototype.hasOwnProperty.call(rec, id) ? rec[id] : [];
}

export function generationTrans(records: Iterable<GenerationRecord>, id2metric: Id2Metric): GenerationTransRecord[] {
  const out: GenerationTransRecord[] = [];
  for (const r of records) {
    if (r.model_output === null || r.model_output === "ERROR") continue;
    const modelOutput = scoredText(r.model_output);
    const id = jsonDialogueId(r.id);
    for (const [metricEn, metricZh] of subsetOf(id2metric, String(r.id))) {
      out.push({
        id,
        role: r.role,
        novel_name: r.novel_name,
        context: r.context,
        model_output: modelOutput,
        metric_en: metricEn,
        metric_zh: metricZh,
      });
    }
  }
  return out;
}

/**
 * The file transform_format.py writes. JSON.stringify(…, null, 4) matches Python's
 * json.dumps(…, ensure_ascii=False, indent=4) byte for byte for these records (same escapes for
 * quotes, backslashes and control characters; no trailing newline).
 */
export function stringifyGenerationTrans(records: readonly GenerationTransRecord[]): string {
  return JSON.stringify(records, null, 4);
}

/** id2metric.jsonl (a JSON object id → [[metric_en, metric_zh], …]) parsed with the ordered parser. */
export function id2MetricFromOrdered(v: OrderedValue): Map<string, MetricPair[]> {
  if (v.type !== "object") throw new TypeError("id2metric: expected a JSON object");
  const map = new Map<string, MetricPair[]>();
  for (const [id, list] of v.entries) {
    if (list.type !== "array") throw new TypeError(`id2metric[${id}]: expected an array`);
    map.set(
      id,
      list.items.map((pair, i) => {
        const [en, zh] = pair.type === "array" ? pair.items : [];
        if (pair.type !== "array" || pair.items.length !== 2 || en.type !== "string" || zh.type !== "string") {
          throw new TypeError(`id2metric[${id}][${i}]: expected [metric_en, metric_zh]`);
        }
        return [en.value, zh.value] as const;
      }),
    );
  }
  return map;
}
