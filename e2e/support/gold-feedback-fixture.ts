// Fixture for e2e/gold-feedback.spec.ts: two small projects of three dialogues whose first two are gold
// (Fluency 4, Empathy 2, tolerance 0), with gold_rate 1 so a trainee gets the gold tasks first; one
// shows the references after submitting (gold_feedback), the other is silent. Also a group-mode report
// project for the agreement page's between-group card. Remade each run.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { queryRows } from "../../db/sql";
import { insertCorpus } from "../../app/services/corpus.server";
import { markGold } from "../../app/services/gold.server";
import { addMember, createProject } from "../../app/services/projects.server";
import { createUser, findUserByEmail } from "../../app/services/users.server";
import { makeReportFixture } from "../../app/services/reports/testing";
import { bumpRatingsVersion } from "../../app/services/reports/cache.server";
import { E2E_PASSWORD, e2eAccounts } from "./accounts";

export const FEEDBACK_SLUG = "e2e-gold-feedback";
export const SILENT_SLUG = "e2e-gold-silent";
export const TRAINEE = "e2e-gold-trainee@test.rolecall";

async function goldProject(db: Db, slug: string, feedback: boolean) {
  await db.execute(sql`delete from projects where slug = ${slug}`);
  const project = await createProject(db, { slug, name: feedback ? "Gold training" : "Gold silent", overlapK: 1 }, null);
  await db.execute(sql`update projects set gold_rate = 1, gold_feedback = ${feedback} where id = ${project.id}`);
  await addMember(db, project.id, TRAINEE, "annotator");
  await db.transaction((tx) =>
    insertCorpus(tx, project.id, {
      characters: [{ name: "林晚秋", novelName: "雨巷茶馆", profileJson: JSON.stringify({ 姓名: "林晚秋", 工作: "茶馆老板娘" }) }],
      dialogues: [0, 1, 2].map((i) => ({
        externalId: `gold-${i}`,
        role: "林晚秋",
        novelName: "雨巷茶馆",
        context: `周伯：晚秋啊，第${i}回。\n林晚秋：快坐。`,
      })),
      subsets: [0, 1, 2].map((i) => ({ externalId: `gold-${i}`, metrics: ["Fluency", "Empathy"] })),
      responses: [0, 1, 2].map((i) => ({
        externalId: `gold-${i}`,
        model: "aurora-7b",
        text: `（倒茶）第${i}壶。`,
        scoredText: `（倒茶）第${i}壶。`,
      })),
    }),
  );
  const units = await queryRows<{ id: number; metric: string }>(
    db,
    sql`select u.id, m.key as metric from units u join metrics m on m.id = u.metric_id join responses r on r.id = u.response_id
        join dialogues d on d.id = r.dialogue_id where u.project_id = ${project.id} and d.external_id in ('gold-0', 'gold-1')`,
  );
  for (const u of units) await markGold(db, project.id, Number(u.id), u.metric === "Fluency" ? 4 : 2, 0);
}

export async function ensureGoldFeedbackFixture(db: Db) {
  if (!(await findUserByEmail(db, TRAINEE))) await createUser(db, { email: TRAINEE, password: E2E_PASSWORD, name: "Gold trainee" });
  await goldProject(db, FEEDBACK_SLUG, true);
  await goldProject(db, SILENT_SLUG, false);
}

export const GROUPS_SLUG = "e2e-groups";

/** A group-mode report project for the between-groups card of the agreement page: raters 1–2 in 甲组,
 *  3 in 乙组, 4 without a group; managed by the e2e manager. */
export async function ensureGroupsFixture(db: Db) {
  await db.execute(sql`delete from projects where slug = ${GROUPS_SLUG}`);
  const { project, raters } = await makeReportFixture(db, { slug: GROUPS_SLUG, dialogues: 40 });
  await db.execute(sql`update projects set group_mode = true where id = ${project.id}`);
  const groups = ["甲组", "甲组", "乙组", null];
  for (const [i, r] of raters.entries()) {
    await db.execute(sql`update project_members set group_name = ${groups[i]} where project_id = ${project.id} and user_id = ${r.id}`);
  }
  await bumpRatingsVersion(db, project.id);
  await addMember(db, project.id, e2eAccounts.manager.email, "manager");
}
