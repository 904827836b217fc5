// Gold units from a file (CSV or JSONL/JSON array): dialogue_id, model, metric, score[, tolerance]
// (product.md §9). Per-record validation only; the unit lookups and the scale belong to the service.
import { z } from "zod";
import type { ByteSource } from "./decode";
import { ImportError } from "./errors";
import { problem } from "./problems";
import type { RowsOptions } from "./ratings";
import { numberField } from "./schemas";
import type { ParsedRows } from "./table";
import { parseUnitScores, unitScoreColumns, type UnitScore } from "./unit-scores";

/** tolerance null: the project's default */
export type GoldRow = UnitScore & { tolerance: number | null };

const schema = (csv: boolean) =>
  z.object({
    ...unitScoreColumns(csv),
    tolerance: numberField({ integer: true, csv, optional: true }) as z.ZodType<number | null | undefined, z.ZodTypeDef, unknown>,
  });

export function parseGold(source: ByteSource, opts: RowsOptions): Promise<ParsedRows<GoldRow>> {
  return parseUnitScores(source, opts, {
    schemas: { csv: schema(true), json: schema(false) },
    second: "secondReference",
    extra: (r, loc, errors) => {
      if (r.tolerance != null && (r.tolerance < 0 || r.tolerance > 100)) {
        errors.add(new ImportError({ ...loc, field: "tolerance" }, problem("tolerance", { value: r.tolerance })));
        return null;
      }
      return { tolerance: r.tolerance ?? null };
    },
  });
}
