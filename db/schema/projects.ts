import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
    overlapK: integer("overlap_k").notNull().default(2),
    groupMode: boolean("group_mode").notNull().default(false),
    leaseSeconds: integer("lease_seconds").notNull().default(1200),
    hideModelNames: boolean("hide_model_names").notNull().default(true),
    /** CharacterEval convention: the scored text is the response's first line */
    scoredTextFirstLine: boolean("scored_text_first_line").notNull().default(true),
    metricsPerDialogue: integer("metrics_per_dialogue").notNull().default(1),
    plannerSeed: integer("planner_seed").notNull().default(1),
    adjudicationSpread: integer("adjudication_spread").notNull().default(2),
    goldTolerance: integer("gold_tolerance").notNull().default(1),
    /** order of work after the rules of the queue: "import" | "random" */
    workOrder: text("work_order").notNull().default("import"),
    /** bumped by every rating write; report caches are keyed by it */
    ratingsVersion: bigint("ratings_version", { mode: "number" }).notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_slug_key").on(t.slug),
    check("projects_overlap_k_check", sql`${t.overlapK} between 1 and 20`),
    check("projects_lease_seconds_check", sql`${t.leaseSeconds} between 60 and 86400`),
  ],
);

export { memberRoles, type MemberRole };

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: integer("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: memberRoles }).notNull(),
    /** annotator group, for group mode (CharacterEval's two groups) */
    groupName: text("group_name"),
    paused: boolean("paused").notNull().default(false),
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
    projectId: integer("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
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
