// A project for the workspace journey: six dialogues × one model, two metrics each, k = 1, and hostile
// text in the dialogue, profile and response (it must render as text).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findProjectBySlug } from "../../db/queries/projects";
import { insertCorpus } from "../../app/services/corpus.server";
import { addMember, createProject } from "../../app/services/projects.server";
import { E2E_PASSWORD } from "./accounts";
import { createUser, findUserByEmail } from "../../app/services/users.server";

export const WS_SLUG = "e2e-workspace";
export const WS_ANNOTATOR = "e2e-annotator@test.rolecall";
export const XSS = {
  dialogue: '<img src=x onerror="window.__xss=1">',
  profileKey: "</script><script>window.__xss=2</script>",
  response: "<img src=x onerror=window.__xss=3>{{7*7}}",
};

export async function ensureWorkspaceFixture(db: Db) {
  const admin = await findUserByEmail(db, "e2e-admin@test.rolecall");
  if (await findProjectBySlug(db, WS_SLUG)) {
    await db.execute(sql`delete from projects where slug = ${WS_SLUG}`);
  }
  const project = await createProject(db, { slug: WS_SLUG, name: "Workspace journey", overlapK: 1 }, admin?.id ?? null);
  const annotator =
    (await findUserByEmail(db, WS_ANNOTATOR)) ??
    (await createUser(db, { email: WS_ANNOTATOR, password: E2E_PASSWORD, name: "E2E 标注员" }));
  await addMember(db, project.id, annotator.email, "annotator");
  const metrics = [
    ["Fluency", "Empathy"],
    ["Coherence", "Behavior"],
    ["Accuracy", "Utterance"],
    ["Diversity", "Humanlikeness"],
    ["Exposure", "Consistency"],
    ["Hallucination", "Communication_skills"],
    ["Fluency", "Coherence"],
  ];
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
            [XSS.profileKey]: "javascript:alert(1)",
            人物经历: "在雨巷开了十年茶馆。",
          }),
        },
      ],
      dialogues: metrics.map((_, i) => ({
        externalId: `ws-${i}`,
        role: "林晚秋",
        novelName: "雨巷茶馆",
        context: `周伯：（推门进来）晚秋啊，第${i}回。\n林晚秋：哎哟我的天，快坐。\n周伯：${i === 0 ? XSS.dialogue : "今天人多吗？"}`,
      })),
      subsets: metrics.map((m, i) => ({ externalId: `ws-${i}`, metrics: m })),
      responses: metrics.map((_, i) => ({
        externalId: `ws-${i}`,
        model: "aurora-7b",
        text: i === 0 ? XSS.response : `（倒茶）第${i}壶，慢慢喝。`,
        scoredText: i === 0 ? XSS.response : `（倒茶）第${i}壶，慢慢喝。`,
      })),
    }),
  );
}
