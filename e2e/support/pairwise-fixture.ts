// A pairwise project for the comparison journey: one dialogue answered by three models (three
// comparisons, all pairs), two subset metrics, k = 1, one annotator.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { insertCorpus } from "../../app/services/corpus.server";
import { addMember, createProject } from "../../app/services/projects.server";
import { createUser, findUserByEmail } from "../../app/services/users.server";
import { E2E_PASSWORD, e2eAccounts } from "./accounts";

export const PAIR_SLUG = "e2e-pairwise";
export const PAIR_ANNOTATOR = { email: "e2e-pair-annotator@test.rolecall", name: "比较员 宋" };
export const PAIR_REPLIES = {
  "m-gentle": "（放下账本）别急，先坐下喝口茶，慢慢说。",
  "m-blunt": "有事快说，我这儿忙着呢。",
  "m-odd": "今天的月亮像一块饼。",
};

export async function ensurePairwiseFixture(db: Db) {
  await db.execute(sql`delete from projects where slug = ${PAIR_SLUG}`);
  const project = await createProject(
    db,
    { slug: PAIR_SLUG, name: "Pairwise journey", overlapK: 1, mode: "pairwise", pairs: { design: "all" } },
    null,
  );
  const user =
    (await findUserByEmail(db, PAIR_ANNOTATOR.email)) ??
    (await createUser(db, { email: PAIR_ANNOTATOR.email, password: E2E_PASSWORD, name: PAIR_ANNOTATOR.name }));
  await addMember(db, project.id, user.email, "annotator");
  await addMember(db, project.id, e2eAccounts.manager.email, "manager");
  await db.transaction((tx) =>
    insertCorpus(tx, project.id, {
      characters: [{ name: "林晚秋", novelName: "雨巷茶馆", profileJson: JSON.stringify({ 姓名: "林晚秋", 工作: "茶馆老板娘" }) }],
      dialogues: [{ externalId: "pair-1", role: "林晚秋", novelName: "雨巷茶馆", context: "周伯：晚秋啊，我那孙子又跟我吵架了。" }],
      subsets: [{ externalId: "pair-1", metrics: ["Fluency", "Empathy"] }],
      responses: Object.entries(PAIR_REPLIES).map(([model, text]) => ({ externalId: "pair-1", model, text, scoredText: text })),
    }),
  );
}
