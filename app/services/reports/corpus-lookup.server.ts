// Lookups shared by the ratings, judge, gold and adjudication imports: a file's (dialogue, model, metric)
// triples → the project's response, metric and unit ids, with every unknown name reported at its line
// and field.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { ErrorList, ImportError, type ErrorLocation, type Problem, problem } from "~/domain/import";

export type MetricRef = { id: number; key: string; scaleMin: number; scaleMax: number };
export type ScoredRow = { dialogueId: string; model: string; metric: string; file: string; record: number; line: number };
export type Resolved = { responseId: number; dialogueId: number; metric: MetricRef };

export type CorpusLookup = {
  resolve(row: ScoredRow, errors: ErrorList): Resolved | null;
  /** unit id of (response, metric) after units were loaded; undefined when there is none */
  unitOf(responseId: number, metricId: number): number | undefined;
  /** after loadUnits: the unit a scored row names, its score on the metric's scale (gold references,
   *  final scores); null with the problem recorded otherwise */
  scoredUnit(row: ScoredRow & { score: number }, errors: ErrorList): number | null;
  loadUnits(tx: DbOrTx): Promise<void>;
};

const shown = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
/** The problem of a score outside its metric's scale (ratings, gold references, final scores), or null. */
export const outsideScale = (score: number, metric: MetricRef): Problem | null =>
  score < metric.scaleMin || score > metric.scaleMax
    ? problem("outsideScale", { score, metric: metric.key, min: metric.scaleMin, max: metric.scaleMax })
    : null;

export const locationOf = (row: ScoredRow, field?: string): ErrorLocation => ({
  file: row.file,
  record: row.record,
  line: row.line,
  field,
});

export async function corpusLookup(tx: DbOrTx, projectId: number): Promise<CorpusLookup> {
  const dialogues = new Map(
    (
      await queryRows<{ id: number; external_id: string }>(tx, sql`select id, external_id from dialogues where project_id = ${projectId}`)
    ).map((d) => [d.external_id, Number(d.id)]),
  );
  const models = new Map(
    (await queryRows<{ id: number; name: string }>(tx, sql`select id, name from models where project_id = ${projectId}`)).map((m) => [
      m.name,
      Number(m.id),
    ]),
  );
  const metrics = new Map(
    (
      await queryRows<{ id: number; key: string; scale_min: number; scale_max: number }>(
        tx,
        sql`select id, key, scale_min, scale_max from metrics where project_id = ${projectId}`,
      )
    ).map((m) => [m.key, { id: Number(m.id), key: m.key, scaleMin: Number(m.scale_min), scaleMax: Number(m.scale_max) }]),
  );
  const responses = new Map(
    (
      await queryRows<{ id: number; dialogue_id: number; model_id: number }>(
        tx,
        sql`select id, dialogue_id, model_id from responses where project_id = ${projectId}`,
      )
    ).map((r) => [`${r.dialogue_id}:${r.model_id}`, Number(r.id)]),
  );
  const units = new Map<string, number>();

  const lookup: CorpusLookup = {
    resolve(row, errors) {
      const dialogueId = dialogues.get(row.dialogueId);
      const modelId = models.get(row.model);
      const metric = metrics.get(row.metric);
      if (dialogueId === undefined)
        errors.add(new ImportError(locationOf(row, "dialogue_id"), problem("noDialogueInProject", { dialogue: shown(row.dialogueId) })));
      if (modelId === undefined)
        errors.add(new ImportError(locationOf(row, "model"), problem("noModelInProject", { model: shown(row.model) })));
      if (metric === undefined)
        errors.add(new ImportError(locationOf(row, "metric"), problem("metricNotInSet", { metric: shown(row.metric) })));
      if (dialogueId === undefined || modelId === undefined || metric === undefined) return null;
      const responseId = responses.get(`${dialogueId}:${modelId}`);
      if (responseId === undefined) {
        errors.add(
          new ImportError(locationOf(row, "model"), problem("noResponse", { model: shown(row.model), dialogue: shown(row.dialogueId) })),
        );
        return null;
      }
      return { responseId, dialogueId, metric };
    },
    unitOf: (responseId, metricId) => units.get(`${responseId}:${metricId}`),
    scoredUnit(row, errors) {
      const at = lookup.resolve(row, errors);
      if (!at) return null;
      const outside = outsideScale(row.score, at.metric);
      if (outside) {
        errors.add(new ImportError(locationOf(row, "score"), outside));
        return null;
      }
      const unitId = lookup.unitOf(at.responseId, at.metric.id);
      if (unitId === undefined) {
        errors.add(
          new ImportError(
            locationOf(row, "metric"),
            problem("notScoredOn", { dialogue: JSON.stringify(row.dialogueId), metric: at.metric.key }),
          ),
        );
        return null;
      }
      return unitId;
    },
    async loadUnits(db) {
      units.clear();
      const rows = await queryRows<{ id: number; response_id: number; metric_id: number }>(
        db,
        sql`select id, response_id, metric_id from units where project_id = ${projectId}`,
      );
      for (const u of rows) units.set(`${u.response_id}:${u.metric_id}`, Number(u.id));
    },
  };
  return lookup;
}

/** Values of `n` chunks of at most `size` items, for multi-row statements under the parameter limit. */
export function* chunks<T>(items: T[], size = 1000): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
