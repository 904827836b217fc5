import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { comparisons, dialogues, responses } from "./corpus";
import { metrics } from "./metrics";
import { projects } from "./projects";
import { users } from "./users";

/** (response, metric): the thing that receives ratings. */
export const units = pgTable(
  "units",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    /** denormalised from the response: the queue prefers sibling responses of one dialogue */
    dialogueId: integer("dialogue_id")
      .notNull()
      .references(() => dialogues.id, { onDelete: "cascade" }),
    metricId: integer("metric_id")
      .notNull()
      .references(() => metrics.id, { onDelete: "cascade" }),
    /** import order */
    position: bigint("position", { mode: "number" }).notNull(),
    isGold: boolean("is_gold").notNull().default(false),
    /** set in pairwise projects: the unit compares the comparison's two responses (response_id is its a) */
    comparisonId: integer("comparison_id").references(() => comparisons.id, { onDelete: "cascade" }),
  },
  (t) => [
    // one unit per (response, metric), and per comparison in pairwise projects; lookups by
    // (response_id, metric_id) use its leading columns
    unique("units_response_metric").on(t.responseId, t.metricId, t.comparisonId).nullsNotDistinct(),
    uniqueIndex("units_comparison_metric")
      .on(t.comparisonId, t.metricId)
      .where(sql`${t.comparisonId} is not null`),
    index("units_project_metric").on(t.projectId, t.metricId),
    index("units_dialogue_idx").on(t.dialogueId),
    // the queue's sibling lookup: open units of the dialogues an annotator is working on
    index("units_project_dialogue").on(t.projectId, t.dialogueId),
    index("units_metric_idx").on(t.metricId),
  ],
);

/** The queue's state of a unit: its ratings and the leases held on it (docs/decisions/010). Units are
 *  the corpus and are written once; this row changes with every claim and submit, so it is kept narrow,
 *  with three indexes. A row is made for every unit by a trigger on units (migration 0008).
 *  `fill` = ratings + leases, the queue's order (closest to completion first); a claim reads the units
 *  below the cap (fill < k) along `unit_fill_queue` and never walks past full ones. */
export const unitFill = pgTable(
  "unit_fill",
  {
    unitId: bigint("unit_id", { mode: "number" })
      .primaryKey()
      .references(() => units.id, { onDelete: "cascade" }),
    /** no foreign key to projects (like tasks.project_id): deleting a project removes the rows through units */
    projectId: integer("project_id").notNull(),
    /** copied from the unit (which never changes them), so the queue's scans read this table only */
    responseId: integer("response_id").notNull(),
    dialogueId: integer("dialogue_id").notNull(),
    position: bigint("position", { mode: "number" }).notNull(),
    /** ratings stored for the unit, maintained in the submit's transaction (late ones included) */
    ratingCount: integer("rating_count").notNull().default(0),
    /** open leases on the unit: +1 when a claim takes it, -1 when its task is submitted, skipped,
     *  released or found expired (rolecall_expire_leases, run at the start of every claim) */
    leases: integer("leases").notNull().default(0),
    fill: integer("fill")
      .generatedAlwaysAs(sql`rating_count + leases`)
      .notNull(),
  },
  (t) => [
    index("unit_fill_queue").on(t.projectId, t.fill.desc(), t.position),
    index("unit_fill_dialogue").on(t.projectId, t.dialogueId, t.fill),
  ],
);

/** A task: one response handed to one annotator under a lease. */
export const tasks = pgTable(
  "tasks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** no foreign key to projects: every claim would take a KEY SHARE lock on the one project row, and
     *  concurrent lockers queue on it (docs/decisions/008). Deleting a project still removes its tasks,
     *  through responses. */
    projectId: integer("project_id").notNull(),
    annotatorId: text("annotator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    /** the response's dialogue, denormalised: the claim reads an annotator's recent dialogues off their tasks */
    dialogueId: integer("dialogue_id").notNull(),
    /** leased → submitted | skipped | released | expired */
    status: text("status").notNull().default("leased"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** pairwise tasks: the comparison, and whether its b response is shown on the left (side A) */
    comparisonId: integer("comparison_id"),
    swapped: boolean("swapped").notNull().default(false),
  },
  (t) => [
    /** an annotator's tasks newest first (the claim's recent dialogues, the queue page's counts) */
    index("tasks_annotator_recent").on(t.projectId, t.annotatorId, t.id),
    /** the annotator's live lease (the claim resumes it): one entry at most per annotator */
    index("tasks_annotator_leased")
      .on(t.projectId, t.annotatorId)
      .where(sql`${t.status} = 'leased'`),
    index("tasks_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'leased'`),
    index("tasks_response_idx").on(t.responseId),
  ],
);

/** The units of a task. Whether its lease is live is the task's (status 'leased', expires_at in the
 *  future); the count of leases per unit is unit_fill.leases. */
export const taskUnits = pgTable(
  "task_units",
  {
    taskId: bigint("task_id", { mode: "number" })
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    unitId: bigint("unit_id", { mode: "number" })
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    projectId: integer("project_id").notNull(),
    annotatorId: text("annotator_id").notNull(),
    groupName: text("group_name"),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.unitId] }),
    /** a unit's leases; with the annotator, whether a gold unit was ever served to them (claim-gold.sql) */
    index("task_units_unit_annotator").on(t.unitId, t.annotatorId),
  ],
);

/** Idempotent submits: the first answer for (annotator, key) is stored and replayed. */
export const submissions = pgTable(
  "submissions",
  {
    annotatorId: text("annotator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    taskId: bigint("task_id", { mode: "number" })
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    result: text("result").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.annotatorId, t.idempotencyKey] }), index("submissions_task_idx").on(t.taskId)],
);
