// What the annotation screen shows for one task: the shape the workspace service fills in and the
// components render (they run in the browser, so the type lives here rather than in the service).
import type { ProfileEntry } from "~/domain/dialogue/profile-display";
import type { Turn } from "~/domain/export/context";

export type WorkspaceMetric = {
  unit_id: number;
  key: string;
  name_en: string;
  name_zh: string;
  definition_en: string;
  definition_zh: string;
  min: number;
  max: number;
  anchor_low_en: string;
  anchor_low_zh: string;
  anchor_high_en: string;
  anchor_high_zh: string;
  /** false for a metric where a lower score is better (toxicity): the control shows it and turns its colours */
  higher_is_better: boolean;
};

export type WorkspaceTask = {
  id: number;
  open: boolean;
  leaseExpiresAt: string;
  dialogueId: string;
  character: string;
  novel: string;
  profile: ProfileEntry[];
  turns: Turn[];
  model: string | null;
  response: string;
  metrics: WorkspaceMetric[];
  /** a pairwise task (product.md §11): the two replies as shown, left = side A; null when scoring */
  pair: { left: string; right: string } | null;
};
