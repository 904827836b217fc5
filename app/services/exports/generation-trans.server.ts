// generation-trans: the JSON array CharacterEval's transform_format.py writes for one model, streamed.
// Each record is formatted by stringifyGenerationTrans itself (a one-record array with its brackets cut
// off), so the bytes are exactly those of json.dumps(results, ensure_ascii=False, indent=4).
import { generationTrans, stringifyGenerationTrans, type MetricPair } from "~/domain/export";
import type { ExportContext } from "./records.server";

type Row = {
  dialogue_id: string;
  dialogue_key: number;
  role: string;
  novel_name: string;
  context: string;
  text: string;
  metric_en: string;
  metric_zh: string;
};

/** The records of one response (all its subset metrics), each as an indented array element. */
function elements(rows: Row[]): string[] {
  const first = rows[0];
  const subset = new Map<string, MetricPair[]>([[first.dialogue_id, rows.map((r) => [r.metric_en, r.metric_zh] as const)]]);
  const records = generationTrans(
    [{ id: first.dialogue_id, role: first.role, novel_name: first.novel_name, context: first.context, model_output: first.text }],
    subset,
  );
  // "[\n    {…}\n]" → "    {…}"
  return records.map((r) => stringifyGenerationTrans([r]).slice(2, -2));
}

export async function* generationTransChunks(ctx: ExportContext): AsyncGenerator<string[]> {
  let started = false;
  let group: Row[] = [];
  const emit = (parts: string[], out: string[]) => {
    for (const p of parts) {
      out.push((started ? ",\n" : "[\n") + p);
      started = true;
      ctx.progress.records++;
    }
  };
  for await (const rows of ctx.snapshot.batches<Row>("rows")) {
    const out: string[] = [];
    for (const r of rows) {
      if (group.length && group[0].dialogue_key !== r.dialogue_key) {
        emit(elements(group), out);
        group = [];
      }
      group.push(r);
    }
    if (out.length) yield out;
  }
  const tail: string[] = [];
  if (group.length) emit(elements(group), tail);
  tail.push(started ? "\n]" : "[]");
  yield tail;
}
