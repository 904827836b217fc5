// Preferences files (CSV or JSONL/JSON array): dialogue_id, metric, model_a, model_b, winner, annotator
// (product.md §11). winner is model_a's name, model_b's name or "tie". Only per-record validation here;
// the dialogue, models and metric are looked up by the service that writes the choices.
import { z } from "zod";
import {
  type ByteSource,
  DEFAULT_ERROR_LIMIT,
  ErrorList,
  type ErrorLocation,
  eachRecord,
  ImportError,
  type ParsedRows,
  type Problem,
  type RowsOptions,
  schemas,
} from "~/domain/import";
import { finishRows } from "~/domain/import/table";
import type pairwiseData from "~/i18n/features/pairwiseData";

/** The file's winner relative to the file's own (model_a, model_b) order. */
export type FileWinner = "a" | "b" | "tie";

export type PreferenceRow = {
  dialogueId: string;
  metric: string;
  modelA: string;
  modelB: string;
  winner: FileWinner;
  annotator: string;
  file: string;
  record: number;
  line: number;
};

type ProblemName = keyof (typeof pairwiseData)["en"]["problem"] & string;

/**
 * A problem of this namespace in the shape ImportError carries. ImportError's key type names only the
 * imports namespace; its renderers (inEnglish, the pages' t) resolve any key, so the cast is safe.
 */
export function pairProblem(name: ProblemName, params: Record<string, string | number | Problem>): Problem {
  return { key: `pairwiseData.problem.${name}` as unknown as Problem["key"], params };
}

const str = (csv: boolean) => schemas.text({ csv }) as z.ZodType<string, z.ZodTypeDef, unknown>;
const recordSchema = (csv: boolean) =>
  z.object({
    dialogue_id: schemas.idField,
    metric: str(csv),
    model_a: str(csv),
    model_b: str(csv),
    winner: str(csv),
    annotator: str(csv),
  });
const csvSchema = recordSchema(true);
const jsonSchema = recordSchema(false);

/** "tie" in any case, unless a model itself is called that: a model's exact name wins. */
export function winnerOf(winner: string, modelA: string, modelB: string): FileWinner | null {
  const w = winner.trim();
  if (w === modelA.trim()) return "a";
  if (w === modelB.trim()) return "b";
  if (w.toLowerCase() === "tie") return "tie";
  return null;
}

/**
 * The stored score of a choice (docs/decisions/017: 1 = the comparison's a, 2 = tie, 3 = its b), when
 * the file named the comparison's models in the other order (`flipped`) or not.
 */
export function choiceScore(winner: FileWinner, flipped: boolean): 1 | 2 | 3 {
  if (winner === "tie") return 2;
  return (winner === "a") !== flipped ? 1 : 3;
}

/** The key of a (dialogue, metric, unordered pair) — the same comparison unit whichever way round. */
export const unitKey = (r: Pick<PreferenceRow, "dialogueId" | "metric" | "modelA" | "modelB">): string =>
  JSON.stringify([r.dialogueId, r.metric, ...[r.modelA.trim(), r.modelB.trim()].sort()]);

export async function parsePreferences(source: ByteSource, opts: RowsOptions): Promise<ParsedRows<PreferenceRow>> {
  const errors = new ErrorList(opts.errorLimit ?? DEFAULT_ERROR_LIMIT);
  const rows: PreferenceRow[] = [];
  const first = new Map<string, number>();
  await eachRecord(source, { ...opts, errors }, (value, loc, csv) => {
    const r = schemas.validate(csv ? csvSchema : jsonSchema, value, loc, errors);
    if (!r) return;
    const at = (field: string): ErrorLocation => ({ ...loc, field });
    const modelA = r.model_a.trim();
    const modelB = r.model_b.trim();
    if (modelA === modelB) {
      errors.add(new ImportError(at("model_b"), pairProblem("sameModel", { model: schemas.shown(modelA) })));
      return;
    }
    const winner = winnerOf(r.winner, modelA, modelB);
    if (winner === null) {
      const found = schemas.shown(r.winner);
      errors.add(new ImportError(at("winner"), pairProblem("winner", { a: schemas.shown(modelA), b: schemas.shown(modelB), found })));
      return;
    }
    const row = { dialogueId: r.dialogue_id, metric: r.metric, modelA, modelB, winner, annotator: r.annotator };
    const key = JSON.stringify([r.annotator, unitKey(row)]);
    const seen = first.get(key);
    if (seen !== undefined) {
      const params = {
        annotator: schemas.shown(r.annotator),
        a: schemas.shown(modelA),
        b: schemas.shown(modelB),
        dialogue: schemas.shown(r.dialogue_id),
        metric: schemas.shown(r.metric),
        first: seen,
      };
      errors.add(new ImportError(at("annotator"), pairProblem("comparedTwice", params)));
      return;
    }
    first.set(key, loc.record!);
    rows.push({ ...row, file: opts.file, record: loc.record!, line: loc.line! });
  });
  return finishRows(rows, errors);
}
