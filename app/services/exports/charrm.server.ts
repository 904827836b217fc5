// charrm: one CharacterRM training record per unit with a human score (product.md §7).
import { formatCharRmRecord, pythonStr, type CharRmUnit, type Split } from "~/domain/export";
import type { OrderedValue } from "~/domain/json/ordered";
import { adjudicatedOf, contextFiller, loadDimensions, ratingsOf, splitOf, type Dimensions, type ExportContext, type UnitRow } from "./records.server";

/** Python's str() of each profile, computed once per character instead of once per record: a top-level
 *  string is what pythonStr returns verbatim, so buildCharRmInputText yields the very same bytes. */
export function profileStrings(dims: Dimensions): Map<number, OrderedValue> {
  return new Map([...dims.characters].map(([id, c]) => [id, { type: "string", value: pythonStr(c.profile) }]));
}

export function charRmUnit(u: UnitRow, dims: Dimensions, profile: OrderedValue, ctx: Pick<ExportContext, "options">): CharRmUnit {
  const role = dims.characters.get(Number(u.character_id))!.name;
  const metric = dims.metrics.get(Number(u.metric_id))!;
  return {
    id: u.dialogue_id,
    model: dims.models.get(Number(u.model_id))!,
    role,
    novelName: u.novel_name!,
    context: u.context!,
    modelOutput: u.scored_text,
    metricEn: metric.key,
    metricZh: metric.nameZh,
    scaleMin: metric.scaleMin,
    scaleMax: metric.scaleMax,
    ratings: ratingsOf(u),
    adjudicated: adjudicatedOf(u),
    split: splitOf(u.dialogue_id, role, ctx.options),
    consensusMethod: ctx.options.consensus,
    profile,
  };
}

export type CharRmLine = { unit: UnitRow; split: Split; line: string };

/** Records batch by batch, with their unit and split (the HF folder routes them into split files). */
export async function* charRmBatches(ctx: ExportContext, rowsName = "rows", dimensions?: Dimensions): AsyncGenerator<CharRmLine[]> {
  const dims = dimensions ?? (await loadDimensions(ctx.snapshot));
  const profiles = profileStrings(dims);
  const fill = contextFiller();
  for await (const batch of ctx.snapshot.batches<UnitRow>(rowsName)) {
    const out: CharRmLine[] = [];
    for (const u of fill(batch)) {
      const unit = charRmUnit(u, dims, profiles.get(Number(u.character_id))!, ctx);
      const line = formatCharRmRecord(unit);
      if (line === null) continue;
      out.push({ unit: u, split: unit.split, line });
      ctx.progress.records++;
    }
    if (out.length) yield out;
  }
}

export async function* charRmLines(ctx: ExportContext): AsyncGenerator<string[]> {
  for await (const batch of charRmBatches(ctx)) yield batch.map((r) => r.line + "\n");
}
