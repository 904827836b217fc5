// pairs: TRL conversational preference pairs between sibling responses of one dialogue on one metric.
// Rows arrive ordered by (dialogue, metric), so a group is complete as soon as the next one starts and
// only one group is ever held in memory.
import { buildPairs, consensus, formatPair, type PairGroup, type Split } from "~/domain/export";
import { AnnotatorTally, buildAnnotatorPairs, type RatedResponse } from "~/domain/export/annotator-pairs";
import { annotatorIds } from "./annotator-ids.server";
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

/** Each annotator's own pairs of one group (options.perAnnotator), counted in ctx.annotators. */
function annotatorPairsOf(rows: UnitRow[], g: PairGroup, ctx: ExportContext, idOf: (userId: string) => string, out: PairLine[]) {
  const tally = ctx.annotators!.tally;
  const responses: RatedResponse[] = [];
  // g.responses holds the rows with a consensus score, in row order
  let at = 0;
  for (const u of rows) {
    const scores = ratingsOf(u);
    const ratings = (u.raters ?? []).map((userId, i) => ({ annotator: idOf(userId), score: scores[i] }));
    for (const r of ratings) tally.see(r.annotator);
    if (consensus(scores, adjudicatedOf(u), ctx.options.consensus) === null) continue;
    responses.push({ ...g.responses[at++], ratings });
  }
  if (rows.length < 2) return;
  for (const { pair, agreement } of buildAnnotatorPairs({ ...g, responses }, { minMargin: ctx.options.minMargin })) {
    tally.add(pair.annotator, agreement);
    out.push({ split: g.split, line: JSON.stringify(pair) });
    ctx.progress.records++;
  }
}

/** Pairs batch by batch; the dimensions may be passed in when the caller already read them. */
export async function* pairBatches(ctx: ExportContext, rowsName = "rows", dimensions?: Dimensions): AsyncGenerator<PairLine[]> {
  const dims = dimensions ?? (await loadDimensions(ctx.snapshot));
  const idOf = ctx.options.perAnnotator ? annotatorIds(ctx.project.id) : null;
  if (idOf) {
    // the groups are read now, in the export's snapshot: the profile may be asked for after it closed
    const groups = new Map<string, string | null>();
    for (const m of await ctx.snapshot.all<{ user_id: string; group_name: string | null }>("members")) {
      groups.set(idOf(m.user_id), m.group_name);
    }
    ctx.annotators = { tally: new AnnotatorTally(), groupOf: (id) => groups.get(id) ?? null };
  }
  let group: UnitRow[] = [];
  const flush = (out: PairLine[]) => {
    if (idOf) {
      if (group.length) annotatorPairsOf(group, groupOf(group, dims, ctx), ctx, idOf, out);
      return;
    }
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

/** The per-annotator profile of the pairs streamed so far (after the last batch: of the whole export). */
export function annotatorProfileLines(ctx: ExportContext): string[] {
  if (!ctx.annotators) return [];
  return ctx.annotators.tally.profiles(ctx.annotators.groupOf).map((p) => JSON.stringify(p) + "\n");
}

/** pairs-annotators: the pairs are built but only the profile is written (its records are its lines). */
export async function* annotatorProfileChunks(ctx: ExportContext): AsyncGenerator<string[]> {
  for await (const batch of pairBatches(ctx)) void batch;
  const lines = annotatorProfileLines(ctx);
  ctx.progress.records = lines.length;
  yield lines;
}
