import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { memberRoles, type MemberRole } from "../../app/domain/roles";
import { users } from "./users";

export const projects = pgTable(
  "projects",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    metricSetKey: text("metric_set_key").notNull(),
    /** "scoring": 1–N scores per (response, metric); "pairwise": A/tie/B per (dialogue, model pair, metric) (product.md §11) */
    mode: text("mode", { enum: ["scoring", "pairwise"] })
      .notNull()
      .default("scoring"),
    /** which model pairs a pairwise project compares: every pair, each model against a reference, or a
     *  seeded balanced design with about pair_target comparisons per pair */
    pairDesign: text("pair_design", { enum: ["all", "reference", "balanced"] })
      .notNull()
      .default("all"),
    pairReferenceModel: text("pair_reference_model"),
    pairTarget: integer("pair_target").notNull().default(0),
    overlapK: integer("overlap_k").notNull().default(2),
    groupMode: boolean("group_mode").notNull().default(false),
    leaseSeconds: integer("lease_seconds").notNull().default(1200),
    hideModelNames: boolean("hide_model_names").notNull().default(true),
    /** CharacterEval convention: the scored text is the response's first line */
    scoredTextFirstLine: boolean("scored_text_first_line").notNull().default(true),
    metricsPerDialogue: integer("metrics_per_dialogue").notNull().default(1),
    plannerSeed: integer("planner_seed").notNull().default(1),
    /** product.md §9: a unit whose on-time ratings span at least this much is open for adjudication; 0 = off */
    disagreementRange: integer("disagreement_range").notNull().default(2),
    goldTolerance: integer("gold_tolerance").notNull().default(1),
    /** share of an annotator's tasks that are gold units (product.md §9) */
    goldRate: doublePrecision("gold_rate").notNull().default(0.05),
    /** false: silent gold; true: the reference is shown after submitting (training) */
    goldFeedback: boolean("gold_feedback").notNull().default(false),
    /** qualification round: a new annotator's first N tasks are gold; 0 = no round */
    qualificationUnits: integer("qualification_units").notNull().default(0),
    qualificationMinAccuracy: doublePrecision("qualification_min_accuracy").notNull().default(0.8),
    /** pause an annotator whose running gold accuracy falls below this; null = off */
    pauseBelowAccuracy: doublePrecision("pause_below_accuracy"),
    /** the project's own judge prompt template (product.md §12), null = the metric set's default */
    judgeTemplate: text("judge_template"),
    judgeTemplateVersion: integer("judge_template_version").notNull().default(0),
    /** bumped by every rating write; report caches are keyed by it */
    ratingsVersion: bigint("ratings_version", { mode: "number" }).notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_slug_key").on(t.slug),
    check("projects_overlap_k_check", sql`${t.overlapK} between 1 and 20`),
    check("projects_lease_seconds_check", sql`${t.leaseSeconds} between 60 and 86400`),
    check("projects_disagreement_range_check", sql`${t.disagreementRange} between 0 and 100`),
    check("projects_gold_rate_check", sql`${t.goldRate} between 0 and 1`),
    check("projects_mode_check", sql`${t.mode} in ('scoring','pairwise')`),
    check("projects_pair_design_check", sql`${t.pairDesign} in ('all','reference','balanced')`),
  ],
);

export { memberRoles, type MemberRole };

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: memberRoles }).notNull(),
    /** annotator group, for group mode (CharacterEval's two groups) */
    groupName: text("group_name"),
    paused: boolean("paused").notNull().default(false),
    /** why the member is paused (e.g. failed qualification, gold accuracy below the threshold), for the manager */
    pausedReason: text("paused_reason"),
    /** when the member's qualification round ended (passed, failed, or not new when the round was
     *  switched on); null while the project's round still applies to them (product.md §9) */
    qualifiedAt: timestamp("qualified_at", { withTimezone: true }),
    /** when a manager last resumed the member: the automatic pause below the running gold accuracy
     *  counts only gold ratings made after it (app/services/quality/after-submit.server.ts) */
    resumedAt: timestamp("resumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index("project_members_user_idx").on(t.userId),
    check("project_members_role_check", sql`${t.role} in ('manager','annotator','adjudicator')`),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: memberRoles }).notNull(),
    groupName: text("group_name"),
    /** sha256 of the one-time token in the link */
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invitations_token_key").on(t.tokenHash), index("invitations_project_idx").on(t.projectId)],
);
