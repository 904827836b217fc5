// charrm: one CharacterRM training record per unit with a human score (product.md §7).
import { charRmLineFormatter, type CharRmUnit, type Split } from "~/domain/export";
import {
  adjudicatedOf,
  contextFiller,
  loadDimensions,
  ratingsOf,
  splitOf,
  type Dimensions,
  type ExportContext,
  type UnitRow,
} from "./records.server";

export function charRmUnit(u: UnitRow, dims: Dimensions, split: Split, ctx: Pick<ExportContext, "options">): CharRmUnit {
  const character = dims.characters.get(Number(u.character_id))!;
  const metric = dims.metrics.get(Number(u.metric_id))!;
  return {
    id: u.dialogue_id,
    model: dims.models.get(Number(u.model_id))!,
    role: character.name,
    novelName: u.novel_name!,
    context: u.context!,
    modelOutput: u.scored_text,
    metricEn: metric.key,
    metricZh: metric.nameZh,
    scaleMin: metric.scaleMin,
    scaleMax: metric.scaleMax,
    ratings: ratingsOf(u),
    adjudicated: adjudicatedOf(u),
    split,
    consensusMethod: ctx.options.consensus,
    profile: character.profile,
  };
}

export type CharRmLine = { unit: UnitRow; split: Split; line: string };

/** Records batch by batch, with their unit and split (the HF folder routes them into split files). */
export async function* charRmBatches(ctx: ExportContext, rowsName = "rows", dimensions?: Dimensions): AsyncGenerator<CharRmLine[]> {
  const dims = dimensions ?? (await loadDimensions(ctx.snapshot));
  const format = charRmLineFormatter();
  const fill = contextFiller();
  // A dialogue's units are adjacent and share its split: hash it once per dialogue.
  let splitKey: number | null = null;
  let split: Split = "train";
  for await (const batch of ctx.snapshot.batches<UnitRow>(rowsName)) {
    const out: CharRmLine[] = [];
    for (const u of fill(batch)) {
      if (u.dialogue_key !== splitKey) {
        splitKey = u.dialogue_key;
        split = splitOf(u.dialogue_id, dims.characters.get(Number(u.character_id))!.name, ctx.options);
      }
      const line = format(charRmUnit(u, dims, split, ctx));
      if (line === null) continue;
      out.push({ unit: u, split, line });
      ctx.progress.records++;
    }
    if (out.length) yield out;
  }
}

export async function* charRmLines(ctx: ExportContext): AsyncGenerator<string[]> {
  for await (const batch of charRmBatches(ctx)) yield batch.map((r) => r.line + "\n");
}
