// Synthetic corpora and ratings for tests and benchmarks: a project with dialogues, characters,
// models, subsets, units, and (optionally) ratings written straight into the tables.
import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { queryRows } from "#db/sql";
import { metrics, ratings, users } from "#db/schema";
import { insertCorpus } from "~/services/corpus.server";
import { newUserId } from "~/services/users.server";
import { uniq } from "./factories";

export type SyntheticCorpusOptions = { dialogues: number; models: string[]; metricsPerDialogue?: number; characters?: number };

/** dialogues d-0…d-(n−1), characters role-0…, each dialogue on `metricsPerDialogue` metrics (round robin). */
export async function makeCorpus(db: Db, projectId: number, opts: SyntheticCorpusOptions) {
  const metricKeys = (
    await db.select({ key: metrics.key }).from(metrics).where(eq(metrics.projectId, projectId)).orderBy(metrics.position)
  ).map((m) => m.key);
  const nChars = opts.characters ?? 3;
  const per = opts.metricsPerDialogue ?? 1;
  const characters = Array.from({ length: nChars }, (_, i) => ({
    name: `role-${i}`,
    novelName: `novel-${i}`,
    profileJson: JSON.stringify({ 姓名: `role-${i}`, 性格: "testing", "1": "first" }),
  }));
  const dialogues = Array.from({ length: opts.dialogues }, (_, i) => ({
    externalId: `d-${i}`,
    role: `role-${i % nChars}`,
    novelName: `novel-${i % nChars}`,
    context: `甲：你好。\nrole-${i % nChars}：（点头）你好，第${i}段。`,
  }));
  const subsets = dialogues.map((d, i) => ({
    externalId: d.externalId,
    metrics: Array.from({ length: per }, (_, j) => metricKeys[(i + j) % metricKeys.length]),
  }));
  const responses = dialogues.flatMap((d, i) =>
    opts.models.map((model) => ({
      externalId: d.externalId,
      model,
      text: `${model} reply ${i}\nsecond line`,
      scoredText: `${model} reply ${i}`,
    })),
  );
  return db.transaction((tx) => insertCorpus(tx, projectId, { characters, dialogues, subsets, responses }));
}

/** Annotator accounts (no password) for direct rating inserts. */
export async function makeAnnotators(db: Db, n: number) {
  const rows = Array.from({ length: n }, () => ({ id: newUserId(), email: `${uniq("rater")}@test.rolecall`, name: uniq("rater") }));
  await db.insert(users).values(rows);
  return rows;
}

/** Gives every unit of the project `perUnit` ratings from distinct annotators; score = f(unit, annotator). */
export async function makeRatings(
  db: Db,
  projectId: number,
  annotatorIds: string[],
  opts: { perUnit: number; score?: (unitIndex: number, raterIndex: number) => number },
) {
  const list = await queryRows<{ id: number }>(db, sql`select id from units where project_id = ${projectId} order by position`);
  const score = opts.score ?? ((u, r) => 1 + ((u * 7 + r * 3) % 5));
  const rows = list.flatMap((u, ui) =>
    Array.from({ length: opts.perUnit }, (_, j) => {
      const r = (ui + j) % annotatorIds.length;
      return { projectId, unitId: Number(u.id), annotatorId: annotatorIds[r], score: score(ui, r), source: "import" };
    }),
  );
  for (let i = 0; i < rows.length; i += 5000) await db.insert(ratings).values(rows.slice(i, i + 5000));
  await db.execute(sql`select rolecall_recount_fill(${projectId})`);
  await db.execute(sql`update projects set ratings_version = ratings_version + 1 where id = ${projectId}`);
  return rows.length;
}
