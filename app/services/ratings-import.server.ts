// Imports ratings made elsewhere (CSV or JSONL: dialogue_id, model, metric, annotator, score, comment?,
// active_ms?) in one transaction: any bad row → nothing written, every problem named by file, line and
// field. Unknown annotators become accounts without a password (an admin's password link lets their
// owner claim them). An existing account that is not a member of the project is refused by record (a
// manager's file must not enrol an admin or another project's annotator with ratings they never gave),
// unless the operator's CLI asks for it (`enrolExisting`); the one exception is a placeholder a ratings
// import made for the same bare name and that nobody has claimed, which joins as before. Units a rating needs that the metric subset
// lacks are created. Re-importing a file changes nothing; a different score for a (unit, annotator)
// already rated is refused, naming the line.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { queryRows } from "#db/sql";
import { projectMembers, ratings, users } from "#db/schema";
import { type ByteSource, DEFAULT_ERROR_LIMIT, ErrorList, ImportError, parseRatings, problem, type RatingRow } from "~/domain/import";
import { refreshDisagreements } from "./adjudication/disagreements.server";
import { createUnits } from "./corpus.server";
import { ImportRejected } from "./import.server";
import { bumpRatingsVersion } from "./reports/cache.server";
import { chunks, corpusLookup, locationOf, outsideScale, type Resolved } from "./reports/corpus-lookup.server";
import { newUserId } from "./users.server";
import { recordAudit } from "./audit.server";
import { requireScoringProject } from "./projects.server";

export type RatingsImportResult = {
  rows: number;
  inserted: number;
  unchanged: number;
  annotators_created: number;
  units_created: number;
  ratings: number;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PLACEHOLDER_DOMAIN = "imported.rolecall";

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
  const slug = lower
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  if (slug && slug === lower) return `${slug}@${PLACEHOLDER_DOMAIN}`;
  const hash = crypto.createHash("sha256").update(lower).digest("hex").slice(0, 8);
  return `${slug || "annotator"}-${hash}@${PLACEHOLDER_DOMAIN}`;
}

type Planned = { row: RatingRow; at: Resolved; email: string };

export type RatingsImportOptions = {
  /** make existing accounts that are not members of the project its annotators, with these ratings */
  enrolExisting?: boolean;
  /** who imports, for the audit trail (null from the CLI: the operator) */
  actorId?: string | null;
};

/** What ensureAnnotators needs of a record: its annotator's name and account e-mail, and where it is. */
export type AnnotatorRecord = { row: { annotator: string; file: string; record: number; line: number }; email: string };

/** Accounts (created without a password when unknown) and memberships for the records' annotators; also
 *  used by the preferences import of pairwise projects. */
export async function ensureAnnotators(tx: Tx, projectId: number, planned: AnnotatorRecord[], opts: RatingsImportOptions) {
  const byEmail = new Map<string, string>();
  for (const p of planned) if (!byEmail.has(p.email)) byEmail.set(p.email, p.row.annotator.trim());
  const emails = [...byEmail.keys()];
  const created = new Set<string>();
  for (const chunk of chunks(emails)) {
    const rows = await tx
      .insert(users)
      .values(chunk.map((email) => ({ id: newUserId(), email, name: byEmail.get(email)!.slice(0, 200), passwordHash: null })))
      .onConflictDoNothing()
      .returning({ id: users.id });
    for (const r of rows) created.add(r.id);
  }
  const ids = new Map<string, string>();
  const members = new Set<string>();
  const mayJoin = new Set<string>(created);
  for (const chunk of chunks(emails)) {
    const found = await queryRows<{ id: string; email: string; member: boolean; placeholder: boolean }>(
      tx,
      sql`select u.id, lower(u.email) as email,
                 exists (select 1 from project_members m where m.project_id = ${projectId} and m.user_id = u.id) as member,
                 (u.password_hash is null and not u.is_admin and lower(u.email) like ${"%@" + PLACEHOLDER_DOMAIN}) as placeholder
          from users u where lower(u.email) in (${sql.join(
            chunk.map((e) => sql`${e}`),
            sql`, `,
          )})`,
    );
    for (const u of found) {
      ids.set(u.email, u.id);
      if (u.member) members.add(u.id);
      if (u.member || u.placeholder) mayJoin.add(u.id);
    }
  }
  // decided after the insert, so an account made by someone else meanwhile counts as existing
  if (!opts.enrolExisting) await refuseExistingNonMembers(planned, (email) => !mayJoin.has(ids.get(email)!));
  const newMembers = [...ids.values()]
    .filter((id) => !members.has(id))
    .map((userId) => ({ projectId, userId, role: "annotator" as const }));
  for (const chunk of chunks(newMembers)) await tx.insert(projectMembers).values(chunk).onConflictDoNothing();
  return { ids, created: created.size };
}

/** Every record naming an existing account outside the project, by line and e-mail, and nothing more
 *  about the account. */
async function refuseExistingNonMembers(planned: AnnotatorRecord[], isOutsider: (email: string) => boolean) {
  const errors = new ErrorList(DEFAULT_ERROR_LIMIT);
  await errors.capture(async () => {
    for (const p of planned) {
      if (!isOutsider(p.email)) continue;
      const { file, record, line } = p.row;
      errors.add(new ImportError({ file, record, line, field: "annotator" }, problem("notMember", { email: p.email })));
    }
  });
  if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);
}

/** Adds the (dialogue, metric) subset rows the ratings need, then the units they imply. */
async function ensureUnits(tx: Tx, projectId: number, planned: Planned[], hasUnit: (p: Planned) => boolean) {
  const missing = new Map<string, { d: number; m: number }>();
  for (const p of planned) if (!hasUnit(p)) missing.set(`${p.at.dialogueId}:${p.at.metric.id}`, { d: p.at.dialogueId, m: p.at.metric.id });
  if (missing.size === 0) return 0;
  for (const chunk of chunks([...missing.values()])) {
    const values = sql.join(
      chunk.map((x) => sql`(${x.d}::int, ${x.m}::int)`),
      sql`, `,
    );
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

export async function importRatings(
  db: Db,
  projectId: number,
  file: { source: ByteSource; name: string },
  opts: RatingsImportOptions = {},
): Promise<RatingsImportResult> {
  await requireScoringProject(db, projectId, "ratings");
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
        const outside = outsideScale(row.score, at.metric);
        if (outside) {
          errors.add(new ImportError(locationOf(row, "score"), outside));
          continue;
        }
        const email = importedAnnotatorEmail(row.annotator);
        const key2 = `${at.responseId}:${at.metric.id}:${email}`;
        const first = seen.get(key2);
        if (first !== undefined) errors.add(new ImportError(locationOf(row, "annotator"), problem("sameAccount", { email, first })));
        else seen.set(key2, row.record);
        planned.push({ row, at, email });
      }
    });
    if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);

    await lookup.loadUnits(tx);
    const units_created = await ensureUnits(tx, projectId, planned, (p) => lookup.unitOf(p.at.responseId, p.at.metric.id) !== undefined);
    if (units_created) await lookup.loadUnits(tx);
    const { ids, created } = await ensureAnnotators(tx, projectId, planned, opts);

    const values = planned.map((p) => ({
      projectId,
      unitId: lookup.unitOf(p.at.responseId, p.at.metric.id)!,
      annotatorId: ids.get(p.email)!,
      score: p.row.score,
      comment: p.row.comment,
      activeMs: p.row.activeMs,
      source: "import",
    }));
    const inserted = await writeImportedRatings(tx, projectId, values, (i, was) => {
      const row = planned[i].row;
      return new ImportError(locationOf(row, "score"), problem("differentScore", { annotator: row.annotator, was, score: row.score }));
    });
    const [{ n }] = await queryRows<{ n: string }>(tx, sql`select count(*) as n from ratings where project_id = ${projectId}`);
    const detail = { format: "ratings", files: [file.name], rows: planned.length, inserted, annotators_created: created };
    await recordAudit(tx, { projectId, actorId: opts.actorId ?? null, kind: "import", detail });
    return {
      rows: planned.length,
      inserted,
      unchanged: planned.length - inserted,
      annotators_created: created,
      units_created,
      ratings: Number(n),
    };
  });
}

type ImportedRating = {
  projectId: number;
  unitId: number;
  annotatorId: string;
  score: number;
  comment?: string | null;
  activeMs?: number | null;
  source: string;
};

/**
 * Writes an import's ratings (also the preferences import's choices): a (unit, annotator) already rated
 * keeps its row, and must carry the same score, else `conflict(i, was)` names the problem of values[i]
 * and nothing is written. Then the queue's fill, the reports' version and the open disagreements follow.
 * Returns the number of rows written.
 */
export async function writeImportedRatings(
  tx: Tx,
  projectId: number,
  values: ImportedRating[],
  conflict: (i: number, was: number) => ImportError,
): Promise<number> {
  const inserted = new Set<string>();
  for (const chunk of chunks(values)) {
    const rows = await tx
      .insert(ratings)
      .values(chunk)
      .onConflictDoNothing()
      .returning({ unitId: ratings.unitId, annotatorId: ratings.annotatorId });
    for (const r of rows) inserted.add(`${r.unitId}:${r.annotatorId}`);
  }
  await checkUnchanged(tx, projectId, values, inserted, conflict);
  // the queue counts the imported ratings (a unit with k of them is done)
  if (inserted.size) await tx.execute(sql`select rolecall_recount_fill(${projectId})`);
  if (inserted.size) await bumpRatingsVersion(tx, projectId);
  await refreshDisagreements(tx, projectId, [...new Set([...inserted].map((k) => Number(k.split(":")[0])))]);
  return inserted.size;
}

/** Rows that were already there must carry the score already stored; anything else is a conflict. */
async function checkUnchanged(
  tx: Tx,
  projectId: number,
  values: ImportedRating[],
  inserted: Set<string>,
  conflict: (i: number, was: number) => ImportError,
) {
  const existing = values.map((v, i) => ({ ...v, i })).filter((v) => !inserted.has(`${v.unitId}:${v.annotatorId}`));
  const errors = new ErrorList(DEFAULT_ERROR_LIMIT);
  await errors.capture(async () => {
    for (const chunk of chunks(existing)) {
      const pairs = sql.join(
        chunk.map((v) => sql`(${v.unitId}::bigint, ${v.annotatorId}::text)`),
        sql`, `,
      );
      const stored = await queryRows<{ unit_id: string; annotator_id: string; score: number }>(
        tx,
        sql`select r.unit_id, r.annotator_id, r.score from ratings r join (values ${pairs}) as v(u, a) on r.unit_id = v.u and r.annotator_id = v.a
            where r.project_id = ${projectId}`,
      );
      const scoreOf = new Map(stored.map((s) => [`${s.unit_id}:${s.annotator_id}`, Number(s.score)]));
      for (const v of chunk) {
        const was = scoreOf.get(`${v.unitId}:${v.annotatorId}`);
        if (was !== undefined && was !== v.score) errors.add(conflict(v.i, was));
      }
    }
  });
  if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);
}
