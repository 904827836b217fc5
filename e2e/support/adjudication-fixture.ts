// A project for the adjudication journey: one dialogue × one model scored on two metrics, k = 2, two
// annotators and an adjudicator (and the e2e manager, who downloads the export).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { insertCorpus } from "../../app/services/corpus.server";
import { addMember, createProject } from "../../app/services/projects.server";
import { createUser, findUserByEmail } from "../../app/services/users.server";
import { E2E_PASSWORD, e2eAccounts } from "./accounts";

export const ADJ_SLUG = "e2e-adjudication";
export const ADJ_PEOPLE = {
  annotatorA: { email: "e2e-adj-annotator-a@test.rolecall", name: "周晓" },
  annotatorB: { email: "e2e-adj-annotator-b@test.rolecall", name: "Ben Carter" },
  adjudicator: { email: "e2e-adjudicator@test.rolecall", name: "仲裁员 陈" },
};

export async function ensureAdjudicationFixture(db: Db) {
  await db.execute(sql`delete from projects where slug = ${ADJ_SLUG}`);
  const project = await createProject(db, { slug: ADJ_SLUG, name: "Adjudication journey", overlapK: 2 }, null);
  for (const [key, p] of Object.entries(ADJ_PEOPLE)) {
    const user = (await findUserByEmail(db, p.email)) ?? (await createUser(db, { email: p.email, password: E2E_PASSWORD, name: p.name }));
    await addMember(db, project.id, user.email, key === "adjudicator" ? "adjudicator" : "annotator");
  }
  await addMember(db, project.id, e2eAccounts.manager.email, "manager");
  await db.transaction((tx) =>
    insertCorpus(tx, project.id, {
      characters: [
        {
          name: "林晚秋",
          novelName: "雨巷茶馆",
          profileJson: JSON.stringify({
            姓名: "林晚秋",
            性别: "女",
            工作: "茶馆老板娘",
            人物性格: "爽利，嘴硬心软",
            人物经历: "在雨巷开了十年茶馆。",
          }),
        },
      ],
      dialogues: [
        {
          externalId: "adj-1",
          role: "林晚秋",
          novelName: "雨巷茶馆",
          context:
            "周伯：（推门进来）晚秋啊，今天下雨，生意怎么样？\n林晚秋：哎哟周伯，快坐，雨天人少。\n周伯：我那孙子又跟我吵架了，心里堵得慌。",
        },
      ],
      subsets: [{ externalId: "adj-1", metrics: ["Fluency", "Empathy"] }],
      responses: [
        {
          externalId: "adj-1",
          model: "aurora-7b",
          text: "（倒茶）先喝口热的。小孩子嘛，气头上说的话别往心里去。",
          scoredText: "（倒茶）先喝口热的。小孩子嘛，气头上说的话别往心里去。",
        },
      ],
    }),
  );
}
