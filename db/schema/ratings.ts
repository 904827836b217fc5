import { sql } from "drizzle-orm";
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
    unitId: bigint("unit_id", { mode: "number" })
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    annotatorId: text("annotator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
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
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    unitId: bigint("unit_id", { mode: "number" })
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    annotatorId: text("annotator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    taskId: bigint("task_id", { mode: "number" }).references(() => tasks.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.annotatorId] }),
    index("skips_project_idx").on(t.projectId),
    index("skips_task_idx").on(t.taskId),
  ],
);

export const flags = pgTable(
  "flags",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    annotatorId: text("annotator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    note: text("note").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolutionNote: text("resolution_note"),
  },
  (t) => [index("flags_project_idx").on(t.projectId, t.resolvedAt), index("flags_response_idx").on(t.responseId)],
);

export const adjudications = pgTable("adjudications", {
  unitId: bigint("unit_id", { mode: "number" })
    .primaryKey()
    .references(() => units.id, { onDelete: "cascade" }),
  projectId: integer("project_id")
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" }),
  adjudicatorId: text("adjudicator_id").references(() => users.id, { onDelete: "set null" }),
  score: integer("score").notNull(),
  note: text("note").notNull().default(""),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every adjudication ever written: a re-adjudication replaces the row in `adjudications` and adds one here. */
export const adjudicationHistory = pgTable(
  "adjudication_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    unitId: bigint("unit_id", { mode: "number" })
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    projectId: integer("project_id").notNull(),
    adjudicatorId: text("adjudicator_id").references(() => users.id, { onDelete: "set null" }),
    score: integer("score").notNull(),
    note: text("note").notNull().default(""),
    /** "app" | "api" | "cli" | "import" */
    source: text("source").notNull().default("app"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("adjudication_history_unit").on(t.unitId, t.id)],
);

/** Units open for (or settled by) adjudication, kept up to date by the submit and the imports in their
 *  own transaction (product.md §9), with a lease so that two adjudicators never work on one unit. */
export const disagreements = pgTable(
  "disagreements",
  {
    unitId: bigint("unit_id", { mode: "number" })
      .primaryKey()
      .references(() => units.id, { onDelete: "cascade" }),
    projectId: integer("project_id").notNull(),
    responseId: integer("response_id").notNull(),
    metricId: integer("metric_id").notNull(),
    /** max − min of the unit's on-time ratings */
    range: integer("range").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    leaseHolder: text("lease_holder"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
  },
  (t) => [
    index("disagreements_open")
      .on(t.projectId, t.openedAt, t.unitId)
      .where(sql`${t.resolvedAt} is null`),
    index("disagreements_response").on(t.projectId, t.responseId),
    index("disagreements_lease")
      .on(t.leaseHolder, t.projectId)
      .where(sql`${t.resolvedAt} is null and ${t.leaseHolder} is not null`),
  ],
);

/** Who did what and when, for actions that change labels or access (product.md §9, issue 19). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    /** JSON object with the action's particulars */
    detail: text("detail").notNull().default("{}"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_project").on(t.projectId, t.id), index("audit_log_kind").on(t.projectId, t.kind, t.id)],
);

/** Gold units: an expected score, mixed into queues unseen. */
export const goldUnits = pgTable(
  "gold_units",
  {
    unitId: bigint("unit_id", { mode: "number" })
      .primaryKey()
      .references(() => units.id, { onDelete: "cascade" }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    expectedScore: integer("expected_score").notNull(),
    /** null: the project's default tolerance */
    tolerance: integer("tolerance"),
  },
  // the claim walks a project's gold units in key order (db/functions/claim-gold.sql)
  (t) => [index("gold_units_project").on(t.projectId, t.unitId)],
);

export const judges = pgTable(
  "judges",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("judges_project_name").on(t.projectId, t.name)],
);

export const judgeScores = pgTable(
  "judge_scores",
  {
    judgeId: integer("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    unitId: bigint("unit_id", { mode: "number" })
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    projectId: integer("project_id").notNull(),
    score: doublePrecision("score").notNull(),
    /** set when Rolecall ran the judge (product.md §12): the run, the prompt template's version, the raw reply */
    runId: integer("run_id"),
    promptVersion: text("prompt_version"),
    rawReply: text("raw_reply"),
  },
  (t) => [
    primaryKey({ columns: [t.judgeId, t.unitId] }),
    index("judge_scores_project").on(t.projectId),
    index("judge_scores_unit").on(t.unitId),
  ],
);

/** A judge run against an OpenAI-compatible endpoint (product.md §12). The API key is never stored. */
export const judgeRuns = pgTable(
  "judge_runs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    judgeId: integer("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    model: text("model").notNull(),
    /** JSON: the run's options (metrics, limit, concurrency, api key variable name) */
    options: text("options").notNull().default("{}"),
    promptVersion: text("prompt_version").notNull(),
    /** running | done | cancelled | failed | interrupted (its heartbeat stopped; another start took over) */
    status: text("status").notNull().default("running"),
    requested: integer("requested").notNull().default(0),
    scored: integer("scored").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    skippedExisting: integer("skipped_existing").notNull().default(0),
    promptTokens: bigint("prompt_tokens", { mode: "number" }).notNull().default(0),
    completionTokens: bigint("completion_tokens", { mode: "number" }).notNull().default(0),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    error: text("error"),
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("judge_runs_project").on(t.projectId, t.id),
    // one live run per judge (migration 0017): a second start loses here, not in application code
    uniqueIndex("judge_runs_one_running")
      .on(t.projectId, t.judgeId)
      .where(sql`${t.status} = 'running'`),
  ],
);

/** Replies of a judge run without a valid score: kept with their raw text, never guessed. */
export const judgeFailures = pgTable(
  "judge_failures",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => judgeRuns.id, { onDelete: "cascade" }),
    unitId: bigint("unit_id", { mode: "number" })
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    rawReply: text("raw_reply"),
    error: text("error").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.unitId] })],
);

/** Computed reports, valid while the project's ratings_version is unchanged. */
export const reportCache = pgTable(
  "report_cache",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    ratingsVersion: bigint("ratings_version", { mode: "number" }).notNull(),
    body: text("body").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.kind] })],
);
