// Shared by the unit-based kinds (charrm, pairs, the HF folder): the row shape of queries.server.ts
// scoredUnits, the project's small dimension tables read once per export, and the split of a dialogue.
import { splitOfDialogue, type Split } from "~/domain/export";
import type { AnnotatorTally } from "~/domain/export/annotator-pairs";
import { parseOrderedJson, type OrderedValue } from "~/domain/json/ordered";
import type { ExportOptions } from "~/domain/export/options";
import type { Snapshot } from "./snapshot.server";

/** One unit as the database sends it: ids for the small tables, text only where it varies. */
export type UnitRow = {
  dialogue_id: string;
  dialogue_key: number;
  character_id: number;
  /** null when the previous row is of the same dialogue (see contextFiller) */
  novel_name: string | null;
  context: string | null;
  model_id: number;
  scored_text: string;
  metric_id: number;
  ratings: number[];
  adjudicated: number | null;
  /** the annotator of each rating (user ids), only when per-annotator pairs are asked for */
  raters?: string[];
};

export type ExportContext = {
  snapshot: Snapshot;
  options: ExportOptions;
  project: { id: number; slug: string };
  /** records written so far (CLI summary, tests) */
  progress: { records: number };
  /** per-annotator pairs: the profile's counts, filled as the pairs stream */
  annotators?: { tally: AnnotatorTally; groupOf: (annotator: string) => string | null };
};

export type MetricInfo = { key: string; nameZh: string; scaleMin: number; scaleMax: number; higherIsBetter: boolean };

/** Characters (with parsed profiles), models and metrics by id. Held for the export's duration:
 *  bounded by the project's dimensions, not by its ratings. Profiles are parsed with the
 *  order-preserving parser (never JSON.parse: key order is data). */
export type Dimensions = {
  characters: Map<number, { name: string; profile: OrderedValue }>;
  models: Map<number, string>;
  metrics: Map<number, MetricInfo>;
};

export async function loadDimensions(snapshot: Snapshot): Promise<Dimensions> {
  const characters = await snapshot.all<{ id: number; name: string; profile_json: string }>("characters");
  const models = await snapshot.all<{ id: number; name: string }>("models");
  const metrics = await snapshot.all<{
    id: number;
    key: string;
    name_zh: string;
    scale_min: number;
    scale_max: number;
    higher_is_better: boolean;
  }>("metrics");
  return {
    characters: new Map(characters.map((c) => [Number(c.id), { name: c.name, profile: parseOrderedJson(c.profile_json) }])),
    models: new Map(models.map((m) => [Number(m.id), m.name])),
    metrics: new Map(
      metrics.map((m) => [
        Number(m.id),
        {
          key: m.key,
          nameZh: m.name_zh,
          scaleMin: Number(m.scale_min),
          scaleMax: Number(m.scale_max),
          higherIsBetter: m.higher_is_better !== false,
        },
      ]),
    ),
  };
}

export function splitOf(dialogueId: string, role: string, options: Pick<ExportOptions, "splitBy" | "seed" | "splitRatios">): Split {
  return splitOfDialogue({ id: dialogueId, role }, { by: options.splitBy, seed: options.seed, ratios: options.splitRatios });
}

/** Rows of one dialogue are adjacent and only the first carries its context and novel name. */
export function contextFiller() {
  let key: number | null = null;
  let context = "";
  let novel = "";
  return (rows: UnitRow[]) => {
    for (const u of rows) {
      if (u.context !== null) ((key = u.dialogue_key), (context = u.context), (novel = u.novel_name ?? ""));
      else if (u.dialogue_key === key) ((u.context = context), (u.novel_name = novel));
      else throw new Error(`dialogue ${u.dialogue_id}: rows out of dialogue order`);
    }
    return rows;
  };
}

/** postgres.js and PGlite both return int[] as number[]; be strict about it anyway. */
export const ratingsOf = (u: UnitRow): number[] => (u.ratings ?? []).map(Number);

export const adjudicatedOf = (u: UnitRow): number | null => (u.adjudicated === null ? null : Number(u.adjudicated));
