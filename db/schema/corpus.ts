import { index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { metrics } from "./metrics";
import { projects } from "./projects";

export const characters = pgTable(
  "characters",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** CharacterEval's `role` */
    name: text("name").notNull(),
    novelName: text("novel_name").notNull().default(""),
    /** the profile's JSON text as imported: key order is part of the data (see docs/decisions) */
    profileJson: text("profile_json").notNull(),
  },
  (t) => [uniqueIndex("characters_project_name").on(t.projectId, t.name)],
);

export const dialogues = pgTable(
  "dialogues",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** CharacterEval's `id`, kept as text so ids of any size stay exact */
    externalId: text("external_id").notNull(),
    characterId: integer("character_id")
      .notNull()
      .references(() => characters.id, { onDelete: "cascade" }),
    novelName: text("novel_name").notNull().default(""),
    /** lines `说话人：内容` joined by \n */
    context: text("context").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    uniqueIndex("dialogues_project_external").on(t.projectId, t.externalId),
    index("dialogues_project_position").on(t.projectId, t.position),
    index("dialogues_character_idx").on(t.characterId),
  ],
);

export const models = pgTable(
  "models",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("models_project_name").on(t.projectId, t.name)],
);

export const responses = pgTable(
  "responses",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    dialogueId: integer("dialogue_id")
      .notNull()
      .references(() => dialogues.id, { onDelete: "cascade" }),
    modelId: integer("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    /** the full text as the model produced it */
    text: text("text").notNull(),
    /** what annotators score (first line under the CharacterEval convention) */
    scoredText: text("scored_text").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    uniqueIndex("responses_dialogue_model").on(t.dialogueId, t.modelId),
    index("responses_project_position").on(t.projectId, t.position),
    index("responses_model_idx").on(t.modelId),
  ],
);

/** The metric subset of a dialogue (CharacterEval's id2metric); applies to all its responses. */
export const dialogueMetrics = pgTable(
  "dialogue_metrics",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    dialogueId: integer("dialogue_id")
      .notNull()
      .references(() => dialogues.id, { onDelete: "cascade" }),
    metricId: integer("metric_id")
      .notNull()
      .references(() => metrics.id, { onDelete: "cascade" }),
    /** order within id2metric's list */
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dialogueId, t.metricId] }),
    index("dialogue_metrics_project_metric").on(t.projectId, t.metricId),
    index("dialogue_metrics_metric_idx").on(t.metricId),
  ],
);

/** Two responses of one dialogue compared in a pairwise project (product.md §11); a is the response of
 *  the model with the lower id. Its units are rows of `units` with comparison_id set. */
export const comparisons = pgTable(
  "comparisons",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    dialogueId: integer("dialogue_id")
      .notNull()
      .references(() => dialogues.id, { onDelete: "cascade" }),
    responseAId: integer("response_a_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    responseBId: integer("response_b_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("comparisons_pair").on(t.responseAId, t.responseBId),
    index("comparisons_project_dialogue").on(t.projectId, t.dialogueId),
    index("comparisons_response_b_idx").on(t.responseBId),
  ],
);
