// Imports preferences made elsewhere into a pairwise project (product.md §11), in one transaction like
// the ratings import: any bad record → nothing written, every problem named by file, line and field.
// The file may name a pair either way round: each choice is stored in the comparison's own order (a = the
// response of the model with the lower id; 1 = a, 2 = tie, 3 = b). A comparison the pair design did not
// make is created with its units, and a metric outside the dialogue's subset joins the subset (so every
// comparison of that dialogue gets a unit for it), as the ratings import does for units. Unknown
// annotators become accounts without a password (the ratings import's code). Re-importing a file changes
// nothing; a different choice by an annotator who already chose on a unit is refused, naming the line.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { queryRows } from "#db/sql";
import { type ByteSource, DEFAULT_ERROR_LIMIT, ErrorList, ImportError, problem } from "~/domain/import";
import { choiceScore, pairProblem, parsePreferences, type PreferenceRow } from "~/domain/pairwise-import/preferences";
import { invalid } from "~/lib/errors";
import { recordAudit } from "../audit.server";
import { createUnits } from "../corpus.server";
import { ImportRejected } from "../import.server";
import { ensureAnnotators, importedAnnotatorEmail, type RatingsImportOptions, writeImportedRatings } from "../ratings-import.server";
import { chunks } from "../reports/corpus-lookup.server";

export type PreferencesImportResult = {
  records: number;
  /** choices written by this import */
  preferences: number;
  /** records whose choice was already stored */
  unchanged: number;
  comparisons_created: number;
  units_created: number;
  annotators_created: number;
};

type Resolved = { dialogueId: number; metricId: number; a: number; b: number; flipped: boolean };
type Planned = { row: PreferenceRow; at: Resolved; email: string; score: 1 | 2 | 3 };

const shown = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
const locationOf = (row: PreferenceRow, field: string) => ({ file: row.file, record: row.record, line: row.line, field });

/** Refuses a scoring project (a 400: the CLI exits 2). */
export async function requirePairwiseProject(db: Db | Tx, projectId: number) {
  const [p] = await queryRows<{ slug: string; mode: string }>(db, sql`select slug, mode from projects where id = ${projectId}`);
  if (p?.mode !== "pairwise") throw invalid("pairwiseData.errors.scoringProject", { project: p?.slug ?? String(projectId) });
}

async function nameMaps(tx: Tx, projectId: number) {
  const pairs = async (q: ReturnType<typeof sql>) =>
    new Map((await queryRows<{ k: string; id: number }>(tx, q)).map((r) => [r.k, Number(r.id)]));
  return {
    dialogues: await pairs(sql`select external_id as k, id from dialogues where project_id = ${projectId}`),
    models: await pairs(sql`select name as k, id from models where project_id = ${projectId}`),
    metrics: await pairs(sql`select key as k, id from metrics where project_id = ${projectId}`),
    responses: await pairs(sql`select dialogue_id || ':' || model_id as k, id from responses where project_id = ${projectId}`),
  };
}

/** The record's dialogue, metric and responses in the comparison's order, or its problems. */
function resolver(maps: Awaited<ReturnType<typeof nameMaps>>) {
  return (row: PreferenceRow, errors: ErrorList): Resolved | null => {
    const dialogueId = maps.dialogues.get(row.dialogueId);
    const metricId = maps.metrics.get(row.metric);
    const modelA = maps.models.get(row.modelA);
    const modelB = maps.models.get(row.modelB);
    if (dialogueId === undefined)
      errors.add(new ImportError(locationOf(row, "dialogue_id"), problem("noDialogueInProject", { dialogue: shown(row.dialogueId) })));
    if (metricId === undefined)
      errors.add(new ImportError(locationOf(row, "metric"), problem("metricNotInSet", { metric: shown(row.metric) })));
    for (const [field, model, id] of [
      ["model_a", row.modelA, modelA],
      ["model_b", row.modelB, modelB],
    ] as const)
      if (id === undefined) errors.add(new ImportError(locationOf(row, field), problem("noModelInProject", { model: shown(model) })));
    if (dialogueId === undefined || metricId === undefined || modelA === undefined || modelB === undefined) return null;
    const responseA = maps.responses.get(`${dialogueId}:${modelA}`);
    const responseB = maps.responses.get(`${dialogueId}:${modelB}`);
    for (const [field, model, id] of [
      ["model_a", row.modelA, responseA],
      ["model_b", row.modelB, responseB],
    ] as const)
      if (id === undefined)
        errors.add(
          new ImportError(locationOf(row, field), problem("noResponse", { model: shown(model), dialogue: shown(row.dialogueId) })),
        );
    if (responseA === undefined || responseB === undefined) return null;
    const flipped = modelA > modelB;
    return { dialogueId, metricId, a: flipped ? responseB : responseA, b: flipped ? responseA : responseB, flipped };
  };
}

export async function importPreferences(
  db: Db,
  projectId: number,
  file: { source: ByteSource; name: string },
  opts: RatingsImportOptions = {},
): Promise<PreferencesImportResult> {
  await requirePairwiseProject(db, projectId);
  const parsed = await parsePreferences(file.source, { file: file.name });
  if (!parsed.ok) throw new ImportRejected(parsed.errors, parsed.errorsTruncated);
  return db.transaction(async (tx) => {
    const resolve = resolver(await nameMaps(tx, projectId));
    const errors = new ErrorList(DEFAULT_ERROR_LIMIT);
    const planned: Planned[] = [];
    await errors.capture(async () => {
      const seen = new Map<string, number>();
      for (const row of parsed.rows) {
        const at = resolve(row, errors);
        if (!at) continue;
        const email = importedAnnotatorEmail(row.annotator);
        const key = `${at.a}:${at.b}:${at.metricId}:${email}`;
        const first = seen.get(key);
        if (first !== undefined) errors.add(new ImportError(locationOf(row, "annotator"), pairProblem("sameAccount", { email, first })));
        else seen.set(key, row.record);
        planned.push({ row, at, email, score: choiceScore(row.winner, at.flipped) });
      }
    });
    if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);

    const comparisons_created = await ensureComparisons(tx, projectId, planned);
    const units_created = await ensureUnits(tx, projectId, planned);
    const unitOf = await comparisonUnits(tx, projectId);
    const { ids, created } = await ensureAnnotators(tx, projectId, planned, opts);

    const values = planned.map((p) => ({
      projectId,
      unitId: unitOf.get(`${p.at.a}:${p.at.b}:${p.at.metricId}`)!,
      annotatorId: ids.get(p.email)!,
      score: p.score,
      source: "import",
    }));
    const inserted = await writeImportedRatings(tx, projectId, values, (i, was) => changedChoice(planned[i], was, values[i].score));
    const detail = {
      format: "preferences",
      files: [file.name],
      rows: planned.length,
      inserted,
      annotators_created: created,
    };
    await recordAudit(tx, { projectId, actorId: opts.actorId ?? null, kind: "import", detail });
    return {
      records: planned.length,
      preferences: inserted,
      unchanged: planned.length - inserted,
      comparisons_created,
      units_created,
      annotators_created: created,
    };
  });
}

/** Comparisons the records name that the pair design did not make. */
async function ensureComparisons(tx: Tx, projectId: number, planned: Planned[]): Promise<number> {
  const wanted = new Map(planned.map((p) => [`${p.at.a}:${p.at.b}`, p.at]));
  let created = 0;
  for (const chunk of chunks([...wanted.values()])) {
    const rows = await queryRows<{ id: number }>(
      tx,
      sql`insert into comparisons (project_id, dialogue_id, response_a_id, response_b_id)
          select ${projectId}, t.d, t.a, t.b
          from unnest(${sql.param(chunk.map((c) => c.dialogueId))}::int[], ${sql.param(chunk.map((c) => c.a))}::int[],
                      ${sql.param(chunk.map((c) => c.b))}::int[]) as t(d, a, b)
          on conflict do nothing returning id`,
    );
    created += rows.length;
  }
  return created;
}

/** The records' metrics join their dialogues' subsets; then every comparison gets its missing units. */
async function ensureUnits(tx: Tx, projectId: number, planned: Planned[]): Promise<number> {
  const pairs = [...new Map(planned.map((p) => [`${p.at.dialogueId}:${p.at.metricId}`, p.at])).values()];
  for (const chunk of chunks(pairs))
    await tx.execute(sql`
      insert into dialogue_metrics (project_id, dialogue_id, metric_id, position)
      select ${projectId}, t.d, t.m,
             coalesce((select max(position) from dialogue_metrics dm where dm.dialogue_id = t.d), -1) + row_number() over (partition by t.d order by t.m)
      from unnest(${sql.param(chunk.map((c) => c.dialogueId))}::int[], ${sql.param(chunk.map((c) => c.metricId))}::int[]) as t(d, m)
      where not exists (select 1 from dialogue_metrics dm where dm.dialogue_id = t.d and dm.metric_id = t.m)
      on conflict do nothing`);
  const count = async () =>
    Number((await queryRows<{ n: string }>(tx, sql`select count(*) as n from units where project_id = ${projectId}`))[0].n);
  const before = await count();
  await createUnits(tx, projectId);
  return (await count()) - before;
}

async function comparisonUnits(tx: Tx, projectId: number): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; a: number; b: number; metric_id: number }>(
    tx,
    sql`select u.id, c.response_a_id as a, c.response_b_id as b, u.metric_id
        from units u join comparisons c on c.id = u.comparison_id where u.project_id = ${projectId}`,
  );
  return new Map(rows.map((u) => [`${u.a}:${u.b}:${u.metric_id}`, Number(u.id)]));
}

/** The problem of a record whose annotator already made another choice on its unit. */
function changedChoice(p: Planned, was: number, score: number): ImportError {
  // score 1 is the comparison's a: the file's model_a unless the file names the pair the other way round
  const name = (s: number) => (s === 2 ? "tie" : (s === 1) !== p.at.flipped ? p.row.modelA : p.row.modelB);
  const params = { annotator: shown(p.row.annotator), was: shown(name(was)), choice: shown(name(score)) };
  return new ImportError(locationOf(p.row, "winner"), pairProblem("differentChoice", params));
}
