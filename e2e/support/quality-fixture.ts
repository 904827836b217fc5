// Fixture for e2e/quality.spec.ts: a project "e2e-quality" of 30 dialogues × 2 models, six annotators
// with recognisable habits (careful, fast, biased upwards, a straightliner, a newcomer, one paused for
// low gold accuracy) over three days, and eight gold units. Managed by the e2e manager. Remade each run.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { queryRows } from "../../db/sql";
import { projectMembers, ratings, tasks, users } from "../../db/schema";
import { newUserId } from "../../app/services/users.server";
import { makeQueueProject } from "../../seeds/queue-factory";
import { addMember } from "../../app/services/projects.server";
import { markGold } from "../../app/services/gold.server";
import { formatPauseReason } from "../../app/domain/stats/gold-checks";
import { createRng } from "../../app/domain/random";
import { e2eAccounts } from "./accounts";

export const QUALITY_SLUG = "e2e-quality";

/** name, e-mail, how far from the truth, upward bias, straightlines, share of units rated, seconds per task */
const PEOPLE = [
  ["林文", "lin.wen@lab.example", 0.3, 0, false, 0.9, 40],
  ["Maya Chen", "maya.chen@lab.example", 0.6, 0, false, 0.8, 25],
  ["周涛", "zhou.tao@lab.example", 0.5, 1.2, false, 0.7, 30],
  ["Sam Ortiz", "sam.ortiz@lab.example", 2, 0, true, 0.6, 8],
  ["陈静", "chen.jing@lab.example", 0.4, 0, false, 0.15, 60],
  ["Priya Nair", "priya.nair@lab.example", 1.6, -0.8, false, 0.5, 20],
] as const;

export async function ensureQualityFixture(db: Db) {
  await db.execute(sql`delete from projects where slug = ${QUALITY_SLUG}`);
  const { project } = await makeQueueProject(db, { dialogues: 30, models: 2, annotators: 0, k: 3, maxMetrics: 3 });
  await db.execute(
    sql`update projects set slug = ${QUALITY_SLUG}, name = 'Quality journey', pause_below_accuracy = 0.6 where id = ${project.id}`,
  );
  await addMember(db, project.id, e2eAccounts.manager.email, "manager");
  const people = [];
  for (const [name, email] of PEOPLE) {
    const [found] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${email}`);
    const id = found?.id ?? newUserId();
    if (!found) await db.insert(users).values({ id, email, name });
    await db.insert(projectMembers).values({ projectId: project.id, userId: id, role: "annotator" });
    people.push(id);
  }
  const units = await queryRows<{ id: number; response_id: number; dialogue_id: number; min: number; max: number }>(
    db,
    sql`select u.id, u.response_id, u.dialogue_id, m.scale_min as min, m.scale_max as max from units u join metrics m on m.id = u.metric_id
        where u.project_id = ${project.id} order by u.position`,
  );
  const rng = createRng(20);
  const clamp = (u: { min: number; max: number }, x: number) => Math.min(u.max, Math.max(u.min, Math.round(x)));
  const truth = new Map(units.map((u) => [Number(u.id), clamp(u, u.min + (u.max - u.min) * (0.3 + 0.5 * rng()))]));
  const responses = [...new Set(units.map((u) => Number(u.response_id)))];
  const start = Date.now() - 3 * 86_400_000;
  for (const [p, id] of people.entries()) {
    const [, , noise, bias, flat, share, seconds] = PEOPLE[p];
    for (const [i, r] of responses.entries()) {
      if (rng() > share) continue;
      const of = units.filter((u) => Number(u.response_id) === r);
      const at = new Date(start + ((i * 7 + p * 13) % 60) * 3_600_000 + p * 60_000);
      const [task] = await db
        .insert(tasks)
        .values({
          projectId: project.id,
          annotatorId: id,
          responseId: r,
          dialogueId: Number(of[0].dialogue_id),
          status: "submitted",
          createdAt: at,
          expiresAt: at,
          closedAt: at,
        })
        .returning({ id: tasks.id });
      await db.insert(ratings).values(
        of.map((u) => ({
          projectId: project.id,
          unitId: Number(u.id),
          annotatorId: id,
          taskId: task.id,
          score: flat ? 3 : clamp(u, truth.get(Number(u.id))! + bias + (rng() - 0.5) * 2 * noise),
          comment: rng() < 0.1 ? "回复有点跑题，人设也不太稳。" : null,
          activeMs: Math.round(seconds * 1000 * of.length * (0.6 + 0.8 * rng())),
          createdAt: at,
        })),
      );
    }
  }
  for (const u of units.filter((_, i) => i % 9 === 2).slice(0, 8))
    await markGold(db, project.id, Number(u.id), truth.get(Number(u.id))!, 0);
  await db.execute(sql`select rolecall_recount_fill(${project.id})`);
  await db.execute(sql`update project_members set paused = true, paused_reason = ${formatPauseReason({ code: "gold_accuracy", accuracy: 0.4, threshold: 0.6 })}
    where project_id = ${project.id} and user_id = ${people[5]}`);
}
