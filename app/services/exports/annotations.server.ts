// annotations: every raw rating, CSV (formula-neutralised) or JSONL (lossless), oldest rating first.
import {
  annotationCsvHeader, formatAnnotationCsvRow, formatAnnotationJsonl, jsonDialogueId, type AnnotationInput,
} from "~/domain/export";
import type { ExportContext } from "./records.server";

export type AnnotationRow = {
  dialogue_id: string;
  model: string;
  metric: string;
  annotator: string;
  score: number;
  comment: string | null;
  active_ms: number | null;
  /** milliseconds since the epoch */
  created_ms: number;
  gold: boolean;
};

export function annotationInput(project: string, r: AnnotationRow): AnnotationInput {
  return {
    project,
    dialogueId: jsonDialogueId(r.dialogue_id),
    model: r.model,
    metric: r.metric,
    annotator: r.annotator,
    score: r.score,
    comment: r.comment,
    activeMs: r.active_ms,
    createdAt: new Date(Number(r.created_ms)),
    gold: r.gold,
  };
}

/** Lines (with their line breaks) batch by batch. */
export async function* annotationLines(ctx: ExportContext, rowsName = "rows"): AsyncGenerator<string[]> {
  const csv = ctx.options.format === "csv";
  if (csv) yield [annotationCsvHeader()];
  const slug = ctx.project.slug;
  for await (const rows of ctx.snapshot.batches<AnnotationRow>(rowsName)) {
    yield csv
      ? rows.map((r) => formatAnnotationCsvRow(annotationInput(slug, r)))
      : rows.map((r) => formatAnnotationJsonl(annotationInput(slug, r)) + "\n");
    ctx.progress.records += rows.length;
  }
}
