import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { users } from "./users";

/** A project's annotation guidelines in Markdown (issue 21): every save is a new version, so an
 *  acknowledgement names exactly the text that was read. */
export const projectGuidelines = pgTable(
  "project_guidelines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    bodyEn: text("body_en").notNull().default(""),
    bodyZh: text("body_zh").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("project_guidelines_version").on(t.projectId, t.version)],
);

/** "I have read these": one row per annotator and guideline version. */
export const guidelineAcknowledgements = pgTable(
  "guideline_acknowledgements",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("guideline_acknowledgements_once").on(t.projectId, t.userId, t.version)],
);
