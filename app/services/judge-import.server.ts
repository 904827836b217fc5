// Imports an automatic judge's scores: CharacterEval's evaluation.jsonl (with the model named by the
// caller) or CSV/JSONL dialogue_id, model, metric, score. One transaction; any unknown dialogue, model
// or metric, or a unit outside the dialogue's metric subset → nothing written, each problem located.
// The judge is created on first import; importing again replaces its scores for the units in the file
// (the same file changes nothing).
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { queryRows } from "#db/sql";
import { judges } from "#db/schema";
import { type ByteSource, DEFAULT_ERROR_LIMIT, ErrorList, ImportError, parseJudgeScores, problem } from "~/domain/import";
import { invalid } from "~/lib/errors";
import { JUDGE_NAME } from "~/lib/forms/schemas/imports";
import { ImportRejected } from "./import.server";
import { bumpRatingsVersion } from "./reports/cache.server";
import { chunks, corpusLookup, locationOf } from "./reports/corpus-lookup.server";
import { recordAudit } from "./audit.server";
import { requireScoringProject } from "./projects.server";

export type JudgeImportResult = { judge: string; rows: number; inserted: number; updated: number; unchanged: number; judge_scores: number };

export { JUDGE_NAME };

export function checkJudgeName(name: string): string {
  const trimmed = name.trim();
  if (!JUDGE_NAME.test(trimmed)) throw invalid("errors.judgeName", undefined, "judge");
  return trimmed;
}

export async function importJudgeScores(
  db: Db,
  projectId: number,
  input: { judge: string; model?: string; source: ByteSource; name: string; actorId?: string | null },
): Promise<JudgeImportResult> {
  await requireScoringProject(db, projectId, "judges");
  const judge = checkJudgeName(input.judge);
  const model = input.model?.trim() || undefined;
  const parsed = await parseJudgeScores(input.source, { file: input.name, model });
  if (!parsed.ok) throw new ImportRejected(parsed.errors, parsed.errorsTruncated);
  return db.transaction(async (tx) => {
    const lookup = await corpusLookup(tx, projectId);
    await lookup.loadUnits(tx);
    const errors = new ErrorList(DEFAULT_ERROR_LIMIT);
    const scores: { unitId: number; score: number }[] = [];
    await errors.capture(async () => {
      for (const row of parsed.rows) {
        const at = lookup.resolve(row, errors);
        if (!at) continue;
        const unitId = lookup.unitOf(at.responseId, at.metric.id);
        if (unitId === undefined) {
          errors.add(
            new ImportError(
              locationOf(row, "metric"),
              problem("notInSubset", { dialogue: JSON.stringify(row.dialogueId), metric: row.metric }),
            ),
          );
          continue;
        }
        scores.push({ unitId, score: row.score });
      }
    });
    if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);

    await tx.insert(judges).values({ projectId, name: judge }).onConflictDoNothing();
    const [{ id: judgeId }] = await queryRows<{ id: number }>(
      tx,
      sql`select id from judges where project_id = ${projectId} and name = ${judge}`,
    );
    let inserted = 0;
    let updated = 0;
    for (const chunk of chunks(scores)) {
      const values = sql.join(
        chunk.map((s) => sql`(${judgeId}::int, ${s.unitId}::bigint, ${projectId}::int, ${s.score}::float8)`),
        sql`, `,
      );
      const rows = await queryRows<{ inserted: boolean }>(
        tx,
        sql`insert into judge_scores (judge_id, unit_id, project_id, score) values ${values}
            on conflict (judge_id, unit_id) do update set score = excluded.score
            where judge_scores.score is distinct from excluded.score
            returning (xmax = 0) as inserted`,
      );
      for (const r of rows) r.inserted ? inserted++ : updated++;
    }
    if (inserted + updated > 0) await bumpRatingsVersion(tx, projectId);
    const [{ n }] = await queryRows<{ n: string }>(
      tx,
      sql`select count(*) as n from judge_scores where judge_id = ${judgeId} and project_id = ${projectId}`,
    );
    const detail = { format: "judge", judge, files: [input.name], rows: scores.length, inserted, updated };
    await recordAudit(tx, { projectId, actorId: input.actorId ?? null, kind: "import", detail });
    return { judge, rows: scores.length, inserted, updated, unchanged: scores.length - inserted - updated, judge_scores: Number(n) };
  });
}
