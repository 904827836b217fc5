// Ratings files (CSV or JSONL/JSON array): dialogue_id, model, metric, annotator, score, comment?, active_ms?
// Only per-record validation here; dialogue, model and metric lookups (and the score's scale) belong to
// the service that writes them.
import type { ByteSource } from "./decode";
import { DEFAULT_ERROR_LIMIT, ErrorList, ImportError } from "./errors";
import { problem } from "./problems";
import { csvSchemas, jsonSchemas, shown, validate } from "./schemas";
import { eachRecord, type FileFormat, finishRows, type ParsedRows } from "./table";

export type RatingRow = {
  dialogueId: string;
  model: string;
  metric: string;
  annotator: string;
  score: number;
  comment: string | null;
  activeMs: number | null;
  /** where the row came from, for messages of later checks */
  file: string;
  record: number;
  line: number;
};

export type RowsOptions = { file: string; format?: FileFormat; errorLimit?: number; maxDepth?: number };

export async function parseRatings(source: ByteSource, opts: RowsOptions): Promise<ParsedRows<RatingRow>> {
  const errors = new ErrorList(opts.errorLimit ?? DEFAULT_ERROR_LIMIT);
  const rows: RatingRow[] = [];
  const first = new Map<string, number>();
  await eachRecord(source, { ...opts, errors }, (value, loc, csv) => {
    const r = validate((csv ? csvSchemas : jsonSchemas).rating, value, loc, errors);
    if (!r) return;
    const key = JSON.stringify([r.annotator, r.dialogue_id, r.model, r.metric]);
    const at = first.get(key);
    if (at !== undefined) {
      const unit = { dialogue: shown(r.dialogue_id), model: shown(r.model), metric: shown(r.metric) };
      errors.add(new ImportError({ ...loc, field: "score" }, problem("ratedTwice", { annotator: shown(r.annotator), ...unit, first: at })));
      return;
    }
    first.set(key, loc.record!);
    rows.push({
      dialogueId: r.dialogue_id,
      model: r.model,
      metric: r.metric,
      annotator: r.annotator,
      score: r.score,
      comment: r.comment ?? null,
      activeMs: r.active_ms ?? null,
      file: opts.file,
      record: loc.record!,
      line: loc.line!,
    });
  });
  return finishRows(rows, errors);
}
