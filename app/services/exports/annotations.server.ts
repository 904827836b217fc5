// annotations: every raw rating, CSV (formula-neutralised) or JSONL (lossless), oldest rating first.
import {
  activeShare,
  annotationCsvHeader,
  formatAnnotationCsvRow,
  formatAnnotationJsonl,
  jsonDialogueId,
  type AnnotationInput,
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
  task_id: number | string | null;
  /** ratings of the task, and how many of them come before this one (null without a task) */
  task_ratings: number | null;
  task_position: number | null;
  /** the first of its task's ratings in this export */
  task_first: boolean;
};

export function annotationInput(project: string, r: AnnotationRow): AnnotationInput {
  const inTask = r.task_id !== null && r.task_ratings !== null;
  return {
    project,
    dialogueId: jsonDialogueId(r.dialogue_id),
    model: r.model,
    metric: r.metric,
    annotator: r.annotator,
    score: r.score,
    comment: r.comment,
    activeMs: inTask && r.active_ms !== null ? activeShare(r.active_ms, r.task_ratings!, r.task_position!) : r.active_ms,
    createdAt: new Date(Number(r.created_ms)),
    gold: r.gold,
    taskId: inTask ? Number(r.task_id) : null,
    taskActiveMs: inTask && r.task_first ? r.active_ms : null,
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
