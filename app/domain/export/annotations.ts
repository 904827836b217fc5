// The "annotations" export: every raw rating, CSV (neutralised, see csv.ts) or JSONL (lossless).
import { csvRow } from "./csv";

export const ANNOTATION_FIELDS = [
  "project", "dialogue_id", "model", "metric", "annotator",
  "score", "comment", "active_ms", "created_at", "gold",
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
};

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
  };
}

/** One JSONL line without the newline. */
export function formatAnnotationJsonl(a: AnnotationInput): string {
  return JSON.stringify(annotationRecord(a));
}

export function annotationCsvHeader(): string {
  return csvRow(ANNOTATION_FIELDS);
}

/** One CSV line with CRLF. score and active_ms are numeric cells; everything else is neutralised text. */
export function formatAnnotationCsvRow(a: AnnotationInput): string {
  const r = annotationRecord(a);
  return csvRow(ANNOTATION_FIELDS.map((f) => r[f]));
}
