import { bigint, boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { responses } from "./corpus";
import { projects } from "./projects";
import { tasks, units } from "./units";
import { users } from "./users";

export const ratings = pgTable(
  "ratings",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** no foreign key to projects, like tasks.project_id: submits would queue on the project row's lock.
     *  Deleting a project still removes its ratings, through units. */
    projectId: integer("project_id").notNull(),
    unitId: bigint("unit_id", { mode: "number" }).notNull().references(() => units.id, { onDelete: "cascade" }),
    annotatorId: text("annotator_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    taskId: bigint("task_id", { mode: "number" }).references(() => tasks.id, { onDelete: "set null" }),
    score: integer("score").notNull(),
    comment: text("comment"),
    activeMs: integer("active_ms"),
    /** arrived after its lease had expired: kept, never dropped */
    late: boolean("late").notNull().default(false),
    /** "app" | "import" */
    source: text("source").notNull().default("app"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ratings_unit_annotator").on(t.unitId, t.annotatorId),
    index("ratings_project_annotator").on(t.projectId, t.annotatorId, t.createdAt),
    index("ratings_project_id").on(t.projectId, t.id),
    index("ratings_task_idx").on(t.taskId),
  ],
);

export const skips = pgTable(
  "skips",
  {
    projectId: integer("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    unitId: bigint("unit_id", { mode: "number" }).notNull().references(() => units.id, { onDelete: "cascade" }),
    annotatorId: text("annotator_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    taskId: bigint("task_id", { mode: "number" }).references(() => tasks.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.annotatorId] }), index("skips_project_idx").on(t.projectId), index("skips_task_idx").on(t.taskId)],
);

export const flags = pgTable(
  "flags",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    responseId: integer("response_id").notNull().references(() => responses.id, { onDelete: "cascade" }),
    annotatorId: text("annotator_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    note: text("note").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("flags_project_idx").on(t.projectId, t.resolvedAt), index("flags_response_idx").on(t.responseId)],
);

export const adjudications = pgTable("adjudications", {
  unitId: bigint("unit_id", { mode: "number" }).primaryKey().references(() => units.id, { onDelete: "cascade" }),
  projectId: integer("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  adjudicatorId: text("adjudicator_id").references(() => users.id, { onDelete: "set null" }),
  score: integer("score").notNull(),
  note: text("note").notNull().default(""),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Gold units: an expected score, mixed into queues unseen. */
export const goldUnits = pgTable("gold_units", {
  unitId: bigint("unit_id", { mode: "number" }).primaryKey().references(() => units.id, { onDelete: "cascade" }),
  projectId: integer("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  expectedScore: integer("expected_score").notNull(),
  /** null: the project's default tolerance */
  tolerance: integer("tolerance"),
});

export const judges = pgTable(
  "judges",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("judges_project_name").on(t.projectId, t.name)],
);

export const judgeScores = pgTable(
  "judge_scores",
  {
    judgeId: integer("judge_id").notNull().references(() => judges.id, { onDelete: "cascade" }),
    unitId: bigint("unit_id", { mode: "number" }).notNull().references(() => units.id, { onDelete: "cascade" }),
    projectId: integer("project_id").notNull(),
    score: doublePrecision("score").notNull(),
  },
  (t) => [primaryKey({ columns: [t.judgeId, t.unitId] }), index("judge_scores_project").on(t.projectId), index("judge_scores_unit").on(t.unitId)],
);

/** Computed reports, valid while the project's ratings_version is unchanged. */
export const reportCache = pgTable(
  "report_cache",
  {
    projectId: integer("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    ratingsVersion: bigint("ratings_version", { mode: "number" }).notNull(),
    body: text("body").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.kind] })],
);
