// A project's annotation guidelines (issue 21): Markdown per language, a new version on every save, and
// the annotators' "I have read these" per version. The browser's start page asks for the current version
// before it hands out a task; the task API does not (docs/api.md, "Guidelines").
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { guidelineAcknowledgements, projectGuidelines } from "#db/schema";
import { GUIDELINES_MAX_CHARS } from "~/domain/guidelines/markdown";
import { keyedError } from "~/lib/errors";

export type GuidelinesVersion = { version: number; bodyEn: string; bodyZh: string; createdAt: string };

/** The newest version, or null while the project has none (or only empty texts). */
export async function currentGuidelines(db: DbOrTx, projectId: number): Promise<GuidelinesVersion | null> {
  const [row] = await db
    .select()
    .from(projectGuidelines)
    .where(eq(projectGuidelines.projectId, projectId))
    .orderBy(desc(projectGuidelines.version))
    .limit(1);
  if (!row || (row.bodyEn.trim() === "" && row.bodyZh.trim() === "")) return null;
  return { version: row.version, bodyEn: row.bodyEn, bodyZh: row.bodyZh, createdAt: row.createdAt.toISOString() };
}

/** Saves both texts as the next version. The project's row is locked so two saves get two versions. */
export async function saveGuidelines(db: Db, projectId: number, userId: string, texts: { en: string; zh: string }) {
  for (const [field, text] of [
    ["en", texts.en],
    ["zh", texts.zh],
  ] as const) {
    if (text.length > GUIDELINES_MAX_CHARS) throw keyedError(400, "errors.guidelinesTooLong", { field, max: GUIDELINES_MAX_CHARS }, field);
  }
  return db.transaction(async (tx) => {
    await queryRows(tx, sql`select id from projects where id = ${projectId} for update`);
    const [{ next }] = await queryRows<{ next: number }>(
      tx,
      sql`select coalesce(max(version), 0) + 1 as next from project_guidelines where project_id = ${projectId}`,
    );
    await tx.insert(projectGuidelines).values({ projectId, version: Number(next), bodyEn: texts.en, bodyZh: texts.zh, createdBy: userId });
    return { version: Number(next) };
  });
}

/** Records that `userId` read `version`; an old or unknown version is refused so the record means what it says. */
export async function acknowledgeGuidelines(db: DbOrTx, projectId: number, userId: string, version: number) {
  const current = await currentGuidelines(db, projectId);
  if (!current || current.version !== version) throw keyedError(400, "errors.guidelinesStale", undefined, "version");
  await db.insert(guidelineAcknowledgements).values({ projectId, userId, version }).onConflictDoNothing();
}

/** The current guidelines when this user has not acknowledged them yet, else null. */
export async function guidelinesToAcknowledge(db: DbOrTx, projectId: number, userId: string) {
  const current = await currentGuidelines(db, projectId);
  if (!current) return null;
  const [ack] = await db
    .select({ at: guidelineAcknowledgements.acknowledgedAt })
    .from(guidelineAcknowledgements)
    .where(
      and(
        eq(guidelineAcknowledgements.projectId, projectId),
        eq(guidelineAcknowledgements.userId, userId),
        eq(guidelineAcknowledgements.version, current.version),
      ),
    )
    .limit(1);
  return ack ? null : current;
}
