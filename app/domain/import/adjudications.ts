// Adjudications settled outside Rolecall (CSV or JSONL/JSON array): dialogue_id, model, metric, score,
// adjudicator, note?. Per-record validation only; the unit lookups, the scale and the adjudicator's
// account belong to the service.
import { z } from "zod";
import type { ByteSource } from "./decode";
import type { RowsOptions } from "./ratings";
import { text } from "./schemas";
import type { ParsedRows } from "./table";
import { parseUnitScores, unitScoreColumns, type UnitScore } from "./unit-scores";

export type AdjudicationRow = UnitScore & { adjudicator: string; note: string };

const schema = (csv: boolean) =>
  z.object({
    ...unitScoreColumns(csv),
    adjudicator: text({ csv }) as z.ZodType<string, z.ZodTypeDef, unknown>,
    note: text({ csv, optional: true, empty: true, nullable: true }) as z.ZodType<string | null | undefined, z.ZodTypeDef, unknown>,
  });

export function parseAdjudications(source: ByteSource, opts: RowsOptions): Promise<ParsedRows<AdjudicationRow>> {
  return parseUnitScores(source, opts, {
    schemas: { csv: schema(true), json: schema(false) },
    second: "secondFinal",
    extra: (r) => ({ adjudicator: r.adjudicator.trim(), note: r.note ?? "" }),
  });
}
