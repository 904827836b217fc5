// Imports ratings made elsewhere (CSV or JSONL: dialogue_id, model, metric, annotator, score, comment?,
// active_ms?) in one transaction: any bad row → nothing written, every problem named by file, line and
// field. Unknown annotators become accounts without a password (they cannot sign in until invited);
// units a rating needs that the metric subset lacks are created. Re-importing a file changes nothing; a
// different score for a (unit, annotator) already rated is refused, naming the line.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { queryRows } from "#db/sql";
import { projectMembers, ratings, users } from "#db/schema";
import { type ByteSource, DEFAULT_ERROR_LIMIT, ErrorList, ImportError, parseRatings, type RatingRow } from "~/domain/import";
import { createUnits } from "./corpus.server";
import { ImportRejected } from "./import.server";
import { bumpRatingsVersion } from "./reports/cache.server";
import { chunks, corpusLookup, locationOf, type Resolved } from "./reports/corpus-lookup.server";
import { newUserId } from "./users.server";

export type RatingsImportResult = {
  rows: number;
  inserted: number;
  unchanged: number;
  annotators_created: number;
  units_created: number;
  ratings: number;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The account e-mail of an imported annotator: the value itself when it is an e-mail address (lower
 * case); else `<slug>@imported.rolecall`, the slug made of the name's ASCII letters and digits, followed
 * by a short hash of the name whenever the slug does not spell the name exactly (Chinese names, spaces),
 * so distinct names never share an account. Names differing only in case are one annotator.
 */
export function importedAnnotatorEmail(name: string): string {
  const trimmed = name.trim();
  if (EMAIL.test(trimmed)) return trimmed.toLowerCase();
  const lower = trimmed.toLowerCase();
  const slug = lower.normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  if (slug && slug === lower) return `${slug}@imported.rolecall`;
  const hash = crypto.createHash("sha256").update(lower).digest("hex").slice(0, 8);
  return `${slug || "annotator"}-${hash}@imported.rolecall`;
}

type Planned = { row: RatingRow; at: Resolved; email: string };

async function ensureAnnotators(tx: Tx, projectId: number, planned: Planned[]) {
  const byEmail = new Map<string, string>();
  for (const p of planned) if (!byEmail.has(p.email)) byEmail.set(p.email, p.row.annotator.trim());
  const emails = [...byEmail.keys()];
  let created = 0;
  for (const chunk of chunks(emails)) {
    const rows = await tx
      .insert(users)
      .values(chunk.map((email) => ({ id: newUserId(), email, name: byEmail.get(email)!.slice(0, 200), passwordHash: null })))
      .onConflictDoNothing()
      .returning({ id: users.id });
    created += rows.length;
  }
  const ids = new Map<string, string>();
  for (const chunk of chunks(emails)) {
    const found = await queryRows<{ id: string; email: string }>(
      tx,
      sql`select id, lower(email) as email from users where lower(email) in (${sql.join(chunk.map((e) => sql`${e}`), sql`, `)})`,
    );
    for (const u of found) ids.set(u.email, u.id);
  }
  const members = [...ids.values()].map((userId) => ({ projectId, userId, role: "annotator" as const }));
  for (const chunk of chunks(members)) await tx.insert(projectMembers).values(chunk).onConflictDoNothing();
  return { ids, created };
}

/** Adds the (dialogue, metric) subset rows the ratings need, then the units they imply. */
async function ensureUnits(tx: Tx, projectId: number, planned: Planned[], hasUnit: (p: Planned) => boolean) {
  const missing = new Map<string, { d: number; m: number }>();
  for (const p of planned) if (!hasUnit(p)) missing.set(`${p.at.dialogueId}:${p.at.metric.id}`, { d: p.at.dialogueId, m: p.at.metric.id });
  if (missing.size === 0) return 0;
  for (const chunk of chunks([...missing.values()])) {
    const values = sql.join(chunk.map((x) => sql`(${x.d}::int, ${x.m}::int)`), sql`, `);
    await tx.execute(sql`
      insert into dialogue_metrics (project_id, dialogue_id, metric_id, position)
      select ${projectId}, v.d, v.m,
             coalesce((select max(position) from dialogue_metrics dm where dm.dialogue_id = v.d), -1) + row_number() over (partition by v.d order by v.m)
      from (values ${values}) as v(d, m)
      join dialogues d on d.id = v.d and d.project_id = ${projectId}
      on conflict do nothing`);
  }
  const [{ before }] = await queryRows<{ before: string }>(tx, sql`select count(*) as before from units where project_id = ${projectId}`);
  await createUnits(tx, projectId);
  const [{ after }] = await queryRows<{ after: string }>(tx, sql`select count(*) as after from units where project_id = ${projectId}`);
  return Number(after) - Number(before);
}

export async function importRatings(db: Db, projectId: number, file: { source: ByteSource; name: string }): Promise<RatingsImportResult> {
  const parsed = await parseRatings(file.source, { file: file.name });
  if (!parsed.ok) throw new ImportRejected(parsed.errors, parsed.errorsTruncated);
  return db.transaction(async (tx) => {
    const lookup = await corpusLookup(tx, projectId);
    const errors = new ErrorList(DEFAULT_ERROR_LIMIT);
    const planned: Planned[] = [];
    await errors.capture(async () => {
      const seen = new Map<string, number>();
      for (const row of parsed.rows) {
        const at = lookup.resolve(row, errors);
        if (!at) continue;
        const { scaleMin, scaleMax, key } = at.metric;
        if (row.score < scaleMin || row.score > scaleMax) {
          errors.add(new ImportError(locationOf(row, "score"), `${row.score} is outside the scale of ${key} (${scaleMin}–${scaleMax})`));
          continue;
        }
        const email = importedAnnotatorEmail(row.annotator);
        const key2 = `${at.responseId}:${at.metric.id}:${email}`;
        const first = seen.get(key2);
        if (first !== undefined) errors.add(new ImportError(locationOf(row, "annotator"), `the same annotator account (${email}) already rated this unit at record ${first}`));
        else seen.set(key2, row.record);
        planned.push({ row, at, email });
      }
    });
    if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);

    await lookup.loadUnits(tx);
    const units_created = await ensureUnits(tx, projectId, planned, (p) => lookup.unitOf(p.at.responseId, p.at.metric.id) !== undefined);
    if (units_created) await lookup.loadUnits(tx);
    const { ids, created } = await ensureAnnotators(tx, projectId, planned);

    const values = planned.map((p) => ({
      projectId,
      unitId: lookup.unitOf(p.at.responseId, p.at.metric.id)!,
      annotatorId: ids.get(p.email)!,
      score: p.row.score,
      comment: p.row.comment,
      activeMs: p.row.activeMs,
      source: "import",
    }));
    const inserted = new Set<string>();
    for (const chunk of chunks(values)) {
      const rows = await tx.insert(ratings).values(chunk).onConflictDoNothing().returning({ unitId: ratings.unitId, annotatorId: ratings.annotatorId });
      for (const r of rows) inserted.add(`${r.unitId}:${r.annotatorId}`);
    }
    await checkUnchanged(tx, projectId, planned, values, inserted);
    // the queue counts the imported ratings (a unit with k of them is done)
    if (inserted.size) await tx.execute(sql`select rolecall_recount_fill(${projectId})`);
    if (inserted.size) await bumpRatingsVersion(tx, projectId);
    const [{ n }] = await queryRows<{ n: string }>(tx, sql`select count(*) as n from ratings where project_id = ${projectId}`);
    return { rows: planned.length, inserted: inserted.size, unchanged: planned.length - inserted.size, annotators_created: created, units_created, ratings: Number(n) };
  });
}

/** Rows that were already there must carry the score already stored; anything else is a conflict. */
async function checkUnchanged(tx: Tx, projectId: number, planned: Planned[], values: { unitId: number; annotatorId: string; score: number }[], inserted: Set<string>) {
  const existing = values.map((v, i) => ({ ...v, i })).filter((v) => !inserted.has(`${v.unitId}:${v.annotatorId}`));
  const errors = new ErrorList(DEFAULT_ERROR_LIMIT);
  await errors.capture(async () => {
    for (const chunk of chunks(existing)) {
      const pairs = sql.join(chunk.map((v) => sql`(${v.unitId}::bigint, ${v.annotatorId}::text)`), sql`, `);
      const stored = await queryRows<{ unit_id: string; annotator_id: string; score: number }>(
        tx,
        sql`select r.unit_id, r.annotator_id, r.score from ratings r join (values ${pairs}) as v(u, a) on r.unit_id = v.u and r.annotator_id = v.a
            where r.project_id = ${projectId}`,
      );
      const scoreOf = new Map(stored.map((s) => [`${s.unit_id}:${s.annotator_id}`, Number(s.score)]));
      for (const v of chunk) {
        const was = scoreOf.get(`${v.unitId}:${v.annotatorId}`);
        if (was !== undefined && was !== v.score) {
          const row = planned[v.i].row;
          errors.add(new ImportError(locationOf(row, "score"), `${row.annotator} already gave this unit ${was}; a different score (${v.score}) is not imported over it`));
        }
      }
    }
  });
  if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);
}
