import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { users } from "./users";

/** Custom metric sets imported as JSON; the built-in sets live in app/domain/metrics. */
export const metricSets = pgTable(
  "metric_sets",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    key: text("key").notNull(),
    nameEn: text("name_en").notNull(),
    nameZh: text("name_zh").notNull().default(""),
    /** the MetricSetDefinition as JSON text */
    definition: text("definition").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("metric_sets_key").on(t.key)],
);

/** A project's own copy of its metrics: editing a set later never changes a running project. */
export const metrics = pgTable(
  "metrics",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    dimension: text("dimension").notNull(),
    dimensionNameEn: text("dimension_name_en").notNull(),
    dimensionNameZh: text("dimension_name_zh").notNull(),
    definitionEn: text("definition_en").notNull(),
    definitionZh: text("definition_zh").notNull(),
    scaleMin: integer("scale_min").notNull().default(1),
    scaleMax: integer("scale_max").notNull().default(5),
    higherIsBetter: boolean("higher_is_better").notNull().default(true),
    anchorLowEn: text("anchor_low_en").notNull().default(""),
    anchorLowZh: text("anchor_low_zh").notNull().default(""),
    anchorHighEn: text("anchor_high_en").notNull().default(""),
    anchorHighZh: text("anchor_high_zh").notNull().default(""),
    /** JSON: anchors per scale point, { "1": { "en", "zh" }, ... } (product.md §10); the low/high columns
     *  above are the lowest and highest of these */
    anchors: text("anchors").notNull().default("{}"),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("metrics_project_key").on(t.projectId, t.key), check("metrics_scale_check", sql`${t.scaleMin} < ${t.scaleMax}`)],
);
