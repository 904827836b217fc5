// A project's settings (queue, adjudication, gold): one zod schema for the page's form and the CLI's
// `project settings`, one update in one transaction. A changed disagreement_range recomputes the open set
// at once; every change is written to the audit trail with its old and new values.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client";
import { queryRows } from "#db/sql";
import { projects } from "#db/schema";
import { badRequest, invalid, notFound } from "~/lib/errors";
import { recordAudit } from "./audit.server";

const whole = (min: number, max: number) => z.number().int().min(min).max(max);

/** Every field optional: only what is given changes. Field names are the CLI's flags in camel case. */
export const projectSettingsSchema = z
  .object({
    overlap: whole(1, 20),
    disagreementRange: whole(0, 100),
    goldRate: z.number().min(0).max(1),
    goldTolerance: whole(0, 100),
    goldFeedback: z.boolean(),
    qualificationUnits: whole(0, 1000),
    qualificationMinAccuracy: z.number().min(0).max(1),
    pauseBelowAccuracy: z.number().min(0).max(1).nullable(),
    leaseMinutes: whole(1, 1440),
    groupMode: z.boolean(),
    hideModelNames: z.boolean(),
  })
  .partial()
  .strict();
export type ProjectSettingsInput = z.infer<typeof projectSettingsSchema>;

export type ProjectSettings = {
  project: string;
  overlap: number;
  group_mode: boolean;
  lease_minutes: number;
  hide_model_names: boolean;
  disagreement_range: number;
  gold_rate: number;
  open_disagreements: number;
};

const FIELD: Record<string, string> = {
  overlap: "overlap",
  disagreementRange: "disagreement-range",
  goldRate: "gold-rate",
  goldTolerance: "gold-tolerance",
  goldFeedback: "gold-feedback",
  qualificationUnits: "qualification-units",
  qualificationMinAccuracy: "qualification-min-accuracy",
  pauseBelowAccuracy: "pause-below-accuracy",
  leaseMinutes: "lease-minutes",
  groupMode: "group-mode",
  hideModelNames: "hide-model-names",
};

/** The range of each number, for the keyed message of a refused value. */
const SHAPE = {
  overlap: [1, 20],
  disagreementRange: [0, 100],
  goldRate: [0, 1],
  goldTolerance: [0, 100],
  qualificationUnits: [0, 1000],
  qualificationMinAccuracy: [0, 1],
  pauseBelowAccuracy: [0, 1],
  leaseMinutes: [1, 1440],
} as const;

export function parseProjectSettings(input: unknown): ProjectSettingsInput {
  const r = projectSettingsSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = String(issue.path[0] ?? "");
  const field = FIELD[key] ?? key;
  if (issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type") {
    const range = SHAPE[key as keyof typeof SHAPE];
    if (range) throw invalid("errors.setting", { field, min: range[0], max: range[1] }, field);
  }
  throw badRequest(`${field}: ${issue.message}`, field);
}

type Row = typeof projects.$inferSelect;

async function settingsOf(db: Db, p: Row): Promise<ProjectSettings> {
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from disagreements where project_id = ${p.id} and resolved_at is null`,
  );
  return {
    project: p.slug,
    overlap: p.overlapK,
    group_mode: p.groupMode,
    lease_minutes: Math.round(p.leaseSeconds / 60),
    hide_model_names: p.hideModelNames,
    disagreement_range: p.disagreementRange,
    gold_rate: p.goldRate,
    open_disagreements: Number(n),
  };
}

export async function readProjectSettings(db: Db, projectId: number): Promise<ProjectSettings> {
  const [p] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!p) throw notFound("No such project");
  return settingsOf(db, p);
}

export async function updateProjectSettings(db: Db, projectId: number, actorId: string | null, raw: unknown): Promise<ProjectSettings> {
  const s = parseProjectSettings(raw);
  const updated = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId)).for("update");
    if (!before) throw notFound("No such project");
    const set: Partial<Row> = {};
    if (s.overlap !== undefined) set.overlapK = s.overlap;
    if (s.disagreementRange !== undefined) set.disagreementRange = s.disagreementRange;
    if (s.goldRate !== undefined) set.goldRate = s.goldRate;
    if (s.leaseMinutes !== undefined) set.leaseSeconds = s.leaseMinutes * 60;
    if (s.groupMode !== undefined) set.groupMode = s.groupMode;
    if (s.hideModelNames !== undefined) set.hideModelNames = s.hideModelNames;
    if (s.goldTolerance !== undefined) set.goldTolerance = s.goldTolerance;
    if (s.goldFeedback !== undefined) set.goldFeedback = s.goldFeedback;
    if (s.qualificationUnits !== undefined) set.qualificationUnits = s.qualificationUnits;
    if (s.qualificationMinAccuracy !== undefined) set.qualificationMinAccuracy = s.qualificationMinAccuracy;
    if (s.pauseBelowAccuracy !== undefined) set.pauseBelowAccuracy = s.pauseBelowAccuracy;
    const changed = Object.entries(set).filter(([k, v]) => before[k as keyof Row] !== v);
    if (!changed.length) return before;
    const [after] = await tx.update(projects).set(set).where(eq(projects.id, projectId)).returning();
    // a qualification round is for new annotators: members who have rated already are not sent back to it
    if (before.qualificationUnits === 0 && (set.qualificationUnits ?? 0) > 0)
      await tx.execute(sql`update project_members m set qualified_at = now() where m.project_id = ${projectId} and m.qualified_at is null
        and exists (select 1 from ratings r where r.project_id = ${projectId} and r.annotator_id = m.user_id)`);
    if (set.disagreementRange !== undefined && set.disagreementRange !== before.disagreementRange)
      await tx.execute(sql`select rolecall_refresh_disagreements(${projectId}, null)`);
    await recordAudit(tx, {
      projectId,
      actorId,
      kind: "settings_changed",
      detail: Object.fromEntries(changed.map(([k, v]) => [k, { from: before[k as keyof Row], to: v }])),
    });
    return after;
  });
  return settingsOf(db, updated);
}
