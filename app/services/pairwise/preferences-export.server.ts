// `export preferences` (product.md §11): a pairwise project's choices as TRL preference records
// (app/domain/pairwise-export), read from one snapshot in batches like the other exports: one row per
// (comparison, metric) with its on-time choices, in dialogue order, so memory stays flat.
import type { DatabaseHandle } from "#db/client";
import { DEFAULT_SPLIT_RATIOS, type SplitBy, type SplitRatios } from "~/domain/export/split";
import { type FilterSource, parseExportOptions } from "~/lib/forms/schemas/exports";
import { keyedError } from "~/lib/errors";
import { AnnotatorTally } from "~/domain/export/annotator-pairs";
import { annotatorRecords, type Choice, majorityRecord } from "~/domain/pairwise-export/preferences";
import { recordAudit } from "../audit.server";
import { annotatorIds } from "../exports/annotator-ids.server";
import { dimensionQueries, memberGroupQuery } from "../exports/queries.server";
import { loadDimensions, splitOf } from "../exports/records.server";
import { encodeChunks } from "../exports/run.server";
import { openSnapshot, type Query } from "../exports/snapshot.server";
import { requirePairwiseProject } from "./preferences-import.server";

export type PreferencesExportOptions = {
  /** one record per annotator choice, with an opaque annotator id (docs/decisions/016) */
  perAnnotator: boolean;
  /** keep tie records (`"tie": true`) */
  ties: boolean;
  splitBy?: SplitBy;
  seed?: string;
  splitRatios?: SplitRatios;
};

/** The API's query parameters and the CLI's flags of `preferences` (the booleans true when given bare). */
export const PREFERENCE_FILTERS = ["per-annotator", "ties", "split-by", "split", "seed"] as const;
const BOOLEANS = ["per-annotator", "ties"];
const TRUE = ["", "1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];

/** The options of `preferences`: the split by the pairs export's own rules, anything unknown refused
 *  (an AppError 400 naming the field, keyed like the other kinds' refusals). */
export function preferencesExportOptions(src: FilterSource): PreferencesExportOptions {
  const names = [...src.names()];
  for (const name of names) {
    if (!(PREFERENCE_FILTERS as readonly string[]).includes(name))
      throw keyedError(400, "exports.errors.unknownFilter", { name, kind: "preferences", allowed: PREFERENCE_FILTERS.join(", ") }, name);
  }
  const bool = (name: string) => {
    const v = src.all(name);
    if (v.length > 1) throw keyedError(400, "exports.errors.repeated", { name }, name);
    if (v.length === 0 || FALSE.includes(v[0].trim())) return false;
    if (TRUE.includes(v[0].trim())) return true;
    throw keyedError(400, "exports.errors.boolean", { name }, name);
  };
  const split = parseExportOptions("pairs", { names: () => names.filter((n) => !BOOLEANS.includes(n)), all: (n) => src.all(n) });
  return {
    perAnnotator: bool("per-annotator"),
    ties: bool("ties"),
    splitBy: split.splitBy,
    seed: split.seed,
    splitRatios: split.splitRatios,
  };
}

type ComparisonRow = {
  dialogue_id: string;
  character_id: number;
  novel_name: string;
  context: string;
  model_a: number;
  text_a: string;
  model_b: number;
  text_b: string;
  metric_id: number;
  raters: string[];
  scores: number[];
};

/** Units of comparisons that have an on-time choice (late ones are kept in the database, not exported). */
const rowsQuery = (projectId: number): Query => ({
  text: `select d.external_id as dialogue_id, d.character_id, d.novel_name, d.context,
       ra.model_id as model_a, ra.scored_text as text_a, rb.model_id as model_b, rb.scored_text as text_b, u.metric_id,
       ch.raters, ch.scores
from dialogues d
join comparisons c on c.dialogue_id = d.id
join units u on u.comparison_id = c.id
join responses ra on ra.id = c.response_a_id
join responses rb on rb.id = c.response_b_id
cross join lateral (
  select array_agg(r.annotator_id order by r.id) as raters, array_agg(r.score order by r.id) as scores
  from ratings r where r.unit_id = u.id and not r.late
) ch
where d.project_id = $1 and c.project_id = $1 and ch.scores is not null
order by d.position, d.id, c.id, u.position, u.id`,
  params: [projectId],
});

export type PreferencesExportRun = {
  filename: string;
  contentType: string;
  /** not counted ahead: records are known once the votes are */
  count: null;
  chunks: AsyncGenerator<Uint8Array>;
  readonly records: number;
  close(): Promise<void>;
  /** with perAnnotator, after the chunks: one JSONL line per annotator (the pairs export's profile) */
  annotatorProfile(): string[];
};

export async function startPreferencesExport(
  handle: DatabaseHandle,
  project: { id: number; slug: string },
  options: PreferencesExportOptions,
  start: { actorId?: string | null; batchSize?: number } = {},
): Promise<PreferencesExportRun> {
  await requirePairwiseProject(handle.db, project.id);
  const detail = { kind: "preferences", ...options };
  await recordAudit(handle.db, { projectId: project.id, actorId: start.actorId ?? null, kind: "export", detail });
  const queries: Record<string, Query> = { rows: rowsQuery(project.id), ...dimensionQueries(project.id) };
  if (options.perAnnotator) queries.members = memberGroupQuery(project.id);
  const snapshot = await openSnapshot(handle, queries, start.batchSize);
  const progress = { records: 0 };
  const idOf = options.perAnnotator ? annotatorIds(project.id) : null;
  // per annotator: their records and agreement with each unit's majority, for the profile beside the file
  const tally = new AnnotatorTally();
  const groups = new Map<string, string | null>();
  const split = { splitBy: options.splitBy ?? "dialogue", seed: options.seed, splitRatios: options.splitRatios ?? DEFAULT_SPLIT_RATIOS };

  async function* lines(): AsyncGenerator<string[]> {
    const dims = await loadDimensions(snapshot);
    if (idOf)
      for (const m of await snapshot.all<{ user_id: string; group_name: string | null }>("members"))
        groups.set(idOf(m.user_id), m.group_name);
    for await (const batch of snapshot.batches<ComparisonRow>("rows")) {
      const out: string[] = [];
      for (const row of batch) {
        const character = dims.characters.get(Number(row.character_id))!;
        const scores = row.scores.map(Number);
        const choices: Choice[] = row.raters.map((userId, i) => ({ annotator: idOf ? idOf(userId) : userId, score: scores[i] }));
        const group = {
          dialogueId: row.dialogue_id,
          role: character.name,
          novelName: row.novel_name,
          profile: character.profile,
          context: row.context,
          metricEn: dims.metrics.get(Number(row.metric_id))!.key,
          split: splitOf(row.dialogue_id, character.name, split),
          a: { model: dims.models.get(Number(row.model_a))!, text: row.text_a },
          b: { model: dims.models.get(Number(row.model_b))!, text: row.text_b },
          choices,
        };
        if (idOf) {
          for (const c of choices) tally.see(c.annotator);
          for (const { record, agreement } of annotatorRecords(group, options)) {
            tally.add(record.annotator!, agreement);
            out.push(JSON.stringify(record) + "\n");
          }
        } else {
          const record = majorityRecord(group, options);
          if (record) out.push(JSON.stringify(record) + "\n");
        }
      }
      progress.records += out.length;
      if (out.length) yield out;
    }
  }

  async function* chunks() {
    try {
      yield* encodeChunks(lines());
    } finally {
      await snapshot.close();
    }
  }
  const iterator = chunks();
  const suffix = options.perAnnotator ? "preferences-per-annotator" : "preferences";
  return {
    filename: `${project.slug}-${suffix}.jsonl`,
    contentType: "application/x-ndjson; charset=utf-8",
    count: null,
    chunks: iterator,
    get records() {
      return progress.records;
    },
    async close() {
      await iterator.return(undefined);
      await snapshot.close();
    },
    annotatorProfile: () => (idOf ? tally.profiles((id) => groups.get(id) ?? null).map((p) => JSON.stringify(p) + "\n") : []),
  };
}
