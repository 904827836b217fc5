// Judge scores: CharacterEval's evaluation.jsonl (a JSON array; each record holds its score under the key
// named by its metric_en, and no model name: the caller supplies it), or generic CSV/JSONL rows
// dialogue_id, model, metric, score. Lookups of dialogues, models and metrics belong to the service.
import type { ByteSource } from "./decode";
import { DEFAULT_ERROR_LIMIT, ErrorList, ImportError } from "./errors";
import { problem } from "./problems";
import type { RowsOptions } from "./ratings";
import { csvSchemas, evaluationSchema, jsonSchemas, shown, validate } from "./schemas";
import { eachRecord, finishRows, type ParsedRows } from "./table";

export type JudgeScoreRow = {
  dialogueId: string;
  model: string;
  metric: string;
  score: number;
  file: string;
  record: number;
  line: number;
};

/** The problem of an evaluation file given without a model; the upload page asks for the model instead. */
export const NO_MODEL = "imports.problem.noModel";

/** `model` is required for CharacterEval evaluation records; for generic rows it fills a missing model. */
export async function parseJudgeScores(source: ByteSource, opts: RowsOptions & { model?: string }): Promise<ParsedRows<JudgeScoreRow>> {
  const errors = new ErrorList(opts.errorLimit ?? DEFAULT_ERROR_LIMIT);
  const rows: JudgeScoreRow[] = [];
  const first = new Map<string, number>();
  let noModelReported = false;
  await eachRecord(source, { ...opts, errors }, (value, loc, csv) => {
    let row: { dialogueId: string; model: string; metric: string; score: number } | null = null;
    if (!csv && Object.hasOwn(value, "metric_en")) {
      const r = validate(evaluationSchema, value, loc, errors);
      if (!r) return;
      if (!opts.model) {
        if (!noModelReported) {
          noModelReported = true;
          errors.add(new ImportError(loc, problem("noModel")));
        }
        return;
      }
      row = { dialogueId: r.id, model: opts.model, metric: r.metric, score: r.score };
    } else {
      const blank = value.model === undefined || value.model === null || (csv && String(value.model).trim() === "");
      const input = opts.model && blank ? { ...value, model: opts.model } : value;
      const r = validate((csv ? csvSchemas : jsonSchemas).judge, input, loc, errors);
      if (!r) return;
      row = { dialogueId: r.dialogue_id, model: r.model, metric: r.metric, score: r.score };
    }
    const key = JSON.stringify([row.dialogueId, row.model, row.metric]);
    const at = first.get(key);
    if (at !== undefined) {
      const unit = { dialogue: shown(row.dialogueId), model: shown(row.model), metric: shown(row.metric) };
      errors.add(new ImportError({ ...loc, field: "score" }, problem("secondJudgeScore", { ...unit, first: at })));
      return;
    }
    first.set(key, loc.record!);
    rows.push({ ...row, file: opts.file, record: loc.record!, line: loc.line! });
  });
  return finishRows(rows, errors);
}
