// Files that give one score per unit (dialogue_id, model, metric, score, plus columns of their own): gold
// references and adjudications settled elsewhere. Per-record validation and the one-record-per-unit rule
// live here once; each kind adds its own columns and checks.
import { z } from "zod";
import type { ByteSource } from "./decode";
import { DEFAULT_ERROR_LIMIT, ErrorList, ImportError, type ErrorLocation } from "./errors";
import { problem } from "./problems";
import type { RowsOptions } from "./ratings";
import { idField, numberField, shown, text, validate } from "./schemas";
import { eachRecord, finishRows, type ParsedRows } from "./table";

export type UnitScore = { dialogueId: string; model: string; metric: string; score: number; file: string; record: number; line: number };

type Base = { dialogue_id: string; model: string; metric: string; score: number };

/** The unit columns shared by every such file, in CSV or JSON form. */
export const unitScoreColumns = (csv: boolean) => ({
  dialogue_id: idField,
  model: text({ csv }) as z.ZodType<string, z.ZodTypeDef, unknown>,
  metric: text({ csv }) as z.ZodType<string, z.ZodTypeDef, unknown>,
  score: numberField({ integer: true, csv }) as z.ZodType<number, z.ZodTypeDef, unknown>,
});

type Kind<R extends Base, Extra> = {
  schemas: { csv: z.ZodType<R, z.ZodTypeDef, unknown>; json: z.ZodType<R, z.ZodTypeDef, unknown> };
  /** the problem of a second record for the same unit */
  second: "secondReference" | "secondFinal";
  /** the kind's own checks: add errors and return null to drop the record, else its own fields */
  extra: (r: R, loc: ErrorLocation, errors: ErrorList) => Extra | null;
};

export async function parseUnitScores<R extends Base, Extra>(
  source: ByteSource,
  opts: RowsOptions,
  kind: Kind<R, Extra>,
): Promise<ParsedRows<UnitScore & Extra>> {
  const errors = new ErrorList(opts.errorLimit ?? DEFAULT_ERROR_LIMIT);
  const rows: (UnitScore & Extra)[] = [];
  const first = new Map<string, number>();
  await eachRecord(source, { ...opts, errors }, (value, loc, csv) => {
    const r = validate(csv ? kind.schemas.csv : kind.schemas.json, value, loc, errors);
    if (!r) return;
    const extra = kind.extra(r, loc, errors);
    if (extra === null) return;
    const key = JSON.stringify([r.dialogue_id, r.model, r.metric]);
    const at = first.get(key);
    if (at !== undefined) {
      const why = problem(kind.second, { dialogue: shown(r.dialogue_id), model: shown(r.model), metric: shown(r.metric), first: at });
      errors.add(new ImportError({ ...loc, field: "score" }, why));
      return;
    }
    first.set(key, loc.record!);
    const unit = { dialogueId: r.dialogue_id, model: r.model, metric: r.metric, score: r.score };
    rows.push({ ...unit, ...extra, file: opts.file, record: loc.record!, line: loc.line! });
  });
  return finishRows(rows, errors);
}
