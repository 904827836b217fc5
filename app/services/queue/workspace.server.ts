// Everything the annotation screen shows for one task, in a handful of indexed queries (prepared once per
// connection: they run on every move to the next task).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryPrepared } from "#db/sql";
import { ratingsPerUnit } from "./target.server";
import { profileEntries } from "~/domain/dialogue/profile-display";
import { parseContext } from "~/domain/export/context";
import type { WorkspaceMetric, WorkspaceTask } from "~/domain/workspace/task";

export type { WorkspaceMetric, WorkspaceTask };

export async function workspaceTask(db: DbOrTx, taskId: number): Promise<WorkspaceTask> {
  const [t] = await queryPrepared<{
    id: number;
    status: string;
    expires_at: Date;
    external_id: string;
    context: string;
    character: string;
    novel_name: string;
    profile_json: string;
    model: string;
    scored_text: string;
    hide: boolean;
    swapped: boolean;
    b_text: string | null;
  }>(
    db,
    sql`select t.id, t.status, t.expires_at, d.external_id, d.context, c.name as character, c.novel_name, c.profile_json,
          mo.name as model, r.scored_text, p.hide_model_names as hide, t.swapped, rb.scored_text as b_text
        from tasks t join responses r on r.id = t.response_id join dialogues d on d.id = r.dialogue_id
        join characters c on c.id = d.character_id join models mo on mo.id = r.model_id join projects p on p.id = t.project_id
        left join comparisons cmp on cmp.id = t.comparison_id left join responses rb on rb.id = cmp.response_b_id
        where t.id = ${taskId}`,
  );
  const metrics = await queryPrepared<WorkspaceMetric>(
    db,
    sql`select tu.unit_id, m.key, m.name_en, m.name_zh, m.definition_en, m.definition_zh, m.scale_min as min, m.scale_max as max,
          m.anchor_low_en, m.anchor_low_zh, m.anchor_high_en, m.anchor_high_zh, m.higher_is_better
        from task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id
        where tu.task_id = ${taskId} order by u.position`,
  );
  return {
    id: Number(t.id),
    open: t.status === "leased",
    leaseExpiresAt: new Date(t.expires_at).toISOString(),
    dialogueId: t.external_id,
    character: t.character,
    novel: t.novel_name,
    profile: profileEntries(t.profile_json),
    turns: parseContext(t.context, t.character),
    // a comparison never names its models: the annotator judges the replies, not their makers
    model: t.hide || t.b_text !== null ? null : t.model,
    response: t.b_text === null ? t.scored_text : "",
    metrics: metrics.map((m) => ({
      ...m,
      unit_id: Number(m.unit_id),
      min: Number(m.min),
      max: Number(m.max),
      higher_is_better: m.higher_is_better !== false,
    })),
    pair: t.b_text === null ? null : t.swapped ? { left: t.b_text, right: t.scored_text } : { left: t.scored_text, right: t.b_text },
  };
}

// What the project still needs: units below k ratings, and the ratings they lack (which counts down
// with every submit, where a unit waits for k annotators). Both are read along unit_fill_queue (the
// units below k in fill, plus those that a lease fills), so the cost grows with the answer: at a
// million open units that is too slow for every task screen. A large
// count is kept per process for half a minute (a progress hint, not a quota); below LEFT_EXACT_BELOW
// units the count is cheap (about a millisecond) and is made on every screen, so a small project, and
// the end of a large one, count down exactly as the annotators work.
type Left = { units: number; ratings: number };
const leftCache = new Map<string, { at: number; left: Left }>();
const LEFT_TTL_MS = 30_000;
const LEFT_EXACT_BELOW = 5_000;

async function stillNeeded(db: DbOrTx, projectId: number, k: number): Promise<Left> {
  const key = `${projectId}:${k}`;
  const hit = leftCache.get(key);
  if (hit && Date.now() - hit.at < LEFT_TTL_MS) return hit.left;
  const [row] = await queryPrepared<Left>(
    db,
    sql`select count(*)::int as units, coalesce(sum(${k}::int - rating_count), 0)::int as ratings from (
          select rating_count from unit_fill where project_id = ${projectId} and fill < ${k}
          union all
          select f.rating_count from unit_fill f
          where f.unit_id in (select tu.unit_id from tasks t join task_units tu on tu.task_id = t.id
                              where t.project_id = ${projectId} and t.status = 'leased')
            and f.fill >= ${k} and f.rating_count < ${k}) x`,
  );
  const left = { units: Number(row.units), ratings: Number(row.ratings) };
  if (left.units >= LEFT_EXACT_BELOW) leftCache.set(key, { at: Date.now(), left });
  else leftCache.delete(key);
  return left;
}

/** The annotator's own progress: tasks done today and units rated in all; and what the project still
 *  needs, in ratings (k per unit, or one per group in group mode). */
export async function annotatorDashboard(db: DbOrTx, project: { id: number; overlapK: number; groupMode: boolean }, annotatorId: string) {
  const [row] = await queryPrepared<{ today: number; rated: number }>(
    db,
    sql`select
          (select count(*)::int from tasks where project_id = ${project.id} and annotator_id = ${annotatorId} and status = 'submitted' and closed_at >= date_trunc('day', now())) as today,
          (select count(*)::int from ratings where project_id = ${project.id} and annotator_id = ${annotatorId}) as rated`,
  );
  const left = await stillNeeded(db, project.id, await ratingsPerUnit(db, project));
  return { today: Number(row.today), rated: Number(row.rated), ratingsLeft: left.ratings };
}
