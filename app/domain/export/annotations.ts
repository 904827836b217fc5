// The "annotations" export: every raw rating, CSV (neutralised, see csv.ts) or JSONL (lossless).
// A task's active time is stored on each of its ratings; the export gives each rating its share
// (active_ms) and the whole time once per task (task_active_ms), so summing either column counts it once.
import { csvRow } from "./csv";

export const ANNOTATION_FIELDS = [
  "project",
  "dialogue_id",
  "model",
  "metric",
  "annotator",
  "score",
  "comment",
  "active_ms",
  "created_at",
  "gold",
  "task_id",
  "task_active_ms",
] as const;

export type AnnotationInput = {
  project: string;
  dialogueId: string | number;
  model: string;
  metric: string;
  annotator: string;
  score: number;
  comment: string | null;
  activeMs: number | null;
  createdAt: Date | string;
  gold: boolean;
  /** the task the rating was submitted with; null for imported ratings */
  taskId: number | null;
  /** the task's whole active time, on the task's first rating only */
  taskActiveMs: number | null;
};

export type AnnotationRecord = {
  project: string;
  dialogue_id: string | number;
  model: string;
  metric: string;
  annotator: string;
  score: number;
  comment: string | null;
  active_ms: number | null;
  /** ISO 8601, UTC */
  created_at: string;
  gold: boolean;
  task_id: number | null;
  task_active_ms: number | null;
};

/**
 * The share of a task's active time that one of its n ratings carries: an even split whose remainder
 * goes one millisecond each to the first ratings, so the shares add up to the task's time exactly.
 */
export function activeShare(taskMs: number, n: number, position: number): number {
  if (n <= 1) return taskMs;
  return Math.floor(taskMs / n) + (position < taskMs % n ? 1 : 0);
}

function iso(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid created_at: ${String(d)}`);
  return date.toISOString();
}

export function annotationRecord(a: AnnotationInput): AnnotationRecord {
  return {
    project: a.project,
    dialogue_id: a.dialogueId,
    model: a.model,
    metric: a.metric,
    annotator: a.annotator,
    score: a.score,
    comment: a.comment,
    active_ms: a.activeMs,
    created_at: iso(a.createdAt),
    gold: a.gold,
    task_id: a.taskId,
    task_active_ms: a.taskActiveMs,
  };
}

/** One JSONL line without the newline. */
export function formatAnnotationJsonl(a: AnnotationInput): string {
  return JSON.stringify(annotationRecord(a));
}

export function annotationCsvHeader(): string {
  return csvRow(ANNOTATION_FIELDS);
}

/** One CSV line with CRLF. score and the times are numeric cells; everything else is neutralised text. */
export function formatAnnotationCsvRow(a: AnnotationInput): string {
  const r = annotationRecord(a);
  return csvRow(ANNOTATION_FIELDS.map((f) => r[f]));
}
