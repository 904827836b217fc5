// The raw replies of a judge, for auditing it: every score it got from a run (with the reply it was read
// from) and every failure of its runs, one JSON object per line, read a page at a time.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { jsonDialogueId } from "~/domain/export/scored-text";
import { keyedError } from "~/lib/errors";

export type JudgeReplyRecord = {
  dialogue_id: string | number;
  model: string;
  metric: string;
  run_id: number | null;
  prompt_version: string | null;
  score: number | null;
  error: string | null;
  raw_reply: string | null;
};

const PAGE = 2000;

export async function* judgeReplyLines(db: DbOrTx, projectId: number, judgeName: string): AsyncGenerator<string> {
  const [judge] = await queryRows<{ id: number }>(
    db,
    sql`select id from judges where project_id = ${projectId} and name = ${judgeName.trim()}`,
  );
  if (!judge) throw keyedError(404, "judgeRuns.errors.noJudge", { judge: judgeName.trim() });
  // kind 0: scores from runs, kind 1: failures; keyset paging on (kind, run, unit)
  let after = sql`(-1, -1, -1::bigint)`;
  for (;;) {
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select x.*, d.external_id, md.name, m.key from (
            select 0 as kind, coalesce(js.run_id, 0) as run, js.unit_id, js.run_id, js.prompt_version, js.score, null::text as error, js.raw_reply
            from judge_scores js where js.judge_id = ${judge.id} and js.project_id = ${projectId} and js.run_id is not null
            union all
            select 1, f.run_id, f.unit_id, f.run_id, r.prompt_version, null::float8, f.error, f.raw_reply
            from judge_failures f join judge_runs r on r.id = f.run_id
            where r.judge_id = ${judge.id} and r.project_id = ${projectId}
          ) x join units u on u.id = x.unit_id join dialogues d on d.id = u.dialogue_id
            join responses rs on rs.id = u.response_id join models md on md.id = rs.model_id join metrics m on m.id = u.metric_id
          where (x.kind, x.run, x.unit_id) > ${after}
          order by x.kind, x.run, x.unit_id limit ${PAGE}`,
    );
    for (const r of rows) {
      const record: JudgeReplyRecord = {
        dialogue_id: jsonDialogueId(String(r.external_id)),
        model: String(r.name),
        metric: String(r.key),
        run_id: r.run_id == null ? null : Number(r.run_id),
        prompt_version: (r.prompt_version as string | null) ?? null,
        score: r.score == null ? null : Number(r.score),
        error: (r.error as string | null) ?? null,
        raw_reply: (r.raw_reply as string | null) ?? null,
      };
      yield JSON.stringify(record) + "\n";
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1];
    after = sql`(${Number(last.kind)}, ${Number(last.run)}, ${Number(last.unit_id)}::bigint)`;
  }
}
