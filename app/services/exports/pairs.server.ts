// pairs: TRL conversational preference pairs between sibling responses of one dialogue on one metric.
// Rows arrive ordered by (dialogue, metric), so a group is complete as soon as the next one starts and
// only one group is ever held in memory.
import { buildPairs, consensus, formatPair, type PairGroup, type Split } from "~/domain/export";
import { adjudicatedOf, contextFiller, loadDimensions, ratingsOf, splitOf, type Dimensions, type ExportContext, type UnitRow } from "./records.server";

export type PairLine = { split: Split; line: string };

function groupOf(rows: UnitRow[], dims: Dimensions, ctx: ExportContext): PairGroup {
  const first = rows[0];
  const character = dims.characters.get(Number(first.character_id))!;
  const responses = [];
  for (const u of rows) {
    const score = consensus(ratingsOf(u), adjudicatedOf(u), ctx.options.consensus);
    if (score !== null) responses.push({ model: dims.models.get(Number(u.model_id))!, text: u.scored_text, score });
  }
  const metric = dims.metrics.get(Number(first.metric_id))!;
  return {
    dialogueId: first.dialogue_id,
    role: character.name,
    novelName: first.novel_name,
    profile: character.profile,
    context: first.context!,
    metricEn: metric.key,
    higherIsBetter: metric.higherIsBetter,
    split: splitOf(first.dialogue_id, character.name, ctx.options),
    responses,
  };
}

/** Pairs batch by batch; the dimensions may be passed in when the caller already read them. */
export async function* pairBatches(ctx: ExportContext, rowsName = "rows", dimensions?: Dimensions): AsyncGenerator<PairLine[]> {
  const dims = dimensions ?? (await loadDimensions(ctx.snapshot));
  let group: UnitRow[] = [];
  const flush = (out: PairLine[]) => {
    if (group.length < 2) return;
    const g = groupOf(group, dims, ctx);
    for (const p of buildPairs(g, { minMargin: ctx.options.minMargin })) {
      out.push({ split: g.split, line: formatPair(p) });
      ctx.progress.records++;
    }
  };
  const fill = contextFiller();
  for await (const batch of ctx.snapshot.batches<UnitRow>(rowsName)) {
    const rows = fill(batch);
    const out: PairLine[] = [];
    for (const u of rows) {
      const head = group[0];
      if (head && (head.dialogue_key !== u.dialogue_key || head.metric_id !== u.metric_id)) {
        flush(out);
        group = [];
      }
      group.push(u);
    }
    if (out.length) yield out;
  }
  const last: PairLine[] = [];
  flush(last);
  if (last.length) yield last;
}

export async function* pairLines(ctx: ExportContext): AsyncGenerator<string[]> {
  for await (const batch of pairBatches(ctx)) yield batch.map((p) => p.line + "\n");
}
