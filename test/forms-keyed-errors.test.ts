// Forms answer refused input with keyed messages (docs/decisions/012): the same refusal reads in the
// language of the page, beside the field it names, for schema issues and for service errors alike.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { createI18n } from "~/i18n/config";
import { translate, type Message } from "~/lib/forms/message";
import { action as dialogueAction } from "~/routes/projects.$slug.dialogues.$dialogueId";
import { action as newProjectAction } from "~/routes/projects.new";
import { action as queueAction } from "~/routes/projects.$slug.queue";
import { action as scoresAction } from "~/routes/projects.$slug.reports.import";
import { listAudit } from "~/services/audit.server";
import { readProjectSettings } from "~/services/project-settings.server";
import { makeCorpus } from "../seeds/corpus-factory";
import { makeMember, makeProject, makeUser } from "../seeds/factories";
import { callRoute, formRequest, sessionCookie } from "./account-helpers";
import { useTestDb } from "./db";

const t = useTestDb();
const zh = createI18n("zh").t;
const en = createI18n("en").t;

type Reply = { status: string; error: Record<string, Message[] | null> };

async function newProject(fields: Record<string, string>) {
  const admin = await makeUser(t.db, { isAdmin: true });
  const res = await callRoute(newProjectAction, formRequest("/projects/new", fields, await sessionCookie(admin.id)), {});
  return { res, body: (await res.json()) as Reply };
}

describe("new project form", () => {
  it("a slug that is taken: 409 beside the slug, in Chinese and in English", async () => {
    const p = await makeProject(t.db);
    const { res, body } = await newProject({ name: "Copy", slug: p.slug });
    expect(res.status).toBe(409);
    const msg = body.error.slug![0];
    expect(msg).toEqual({ key: "errors.slugTaken", params: { slug: p.slug } });
    expect(translate(zh, msg)).toBe(`标识为“${p.slug}”的项目已存在。`);
    expect(translate(en, msg)).toBe(`A project with the slug "${p.slug}" already exists.`);
  });

  it("a bad slug and overlap are refused by the schema with 400, nothing created", async () => {
    const { res, body } = await newProject({ name: "", slug: "A!", overlap: "21" });
    expect(res.status).toBe(400);
    expect(body.error.slug).toEqual([{ key: "errors.slugRule" }]);
    expect(body.error.name).toEqual([{ key: "errors.nameEmpty" }]);
    expect(body.error.overlap![0]).toEqual({ key: "errors.wholeNumber", params: { min: 1, max: 20 } });
    expect(translate(zh, body.error.overlap![0])).toBe("请输入 1 到 20 之间的整数。");
    expect(translate(en, body.error.overlap![0])).toBe("Enter a whole number from 1 to 20.");
  });
});

describe("judge scores on the reports page (issue 18, item 12)", () => {
  async function setup() {
    const project = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 1, models: ["m1"], metricsPerDialogue: 1 });
    const manager = await makeMember(t.db, project.id, "manager");
    const cookie = await sessionCookie(manager.id);
    const evaluation = JSON.stringify([{ id: "d-0", metric_en: "Fluency", Fluency: 4 }]);
    const upload = async (fields: Record<string, string | Blob>) => {
      const res = await callRoute(scoresAction, formRequest(`/projects/${project.slug}/reports/import`, fields, cookie), {
        slug: project.slug,
      });
      return { status: res.status, body: await res.json() };
    };
    return { evaluation, upload };
  }

  it("takes the model from the file's name when the form leaves it empty", async () => {
    const s = await setup();
    const r = await s.upload({ intent: "judge", judge: "gpt4-judge", model: "", file: new File([s.evaluation], "m1_evaluation.jsonl") });
    expect(r.status).toBe(200);
    expect(r.body.ok).toMatchObject({ judge: "gpt4-judge", inserted: 1 });
  });

  it("asks for the model beside its field, in the page's language, when neither says it", async () => {
    const s = await setup();
    const r = await s.upload({ intent: "judge", judge: "gpt4-judge", model: "", file: new File([s.evaluation], "evaluation.jsonl") });
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ model: [{ key: "errors.judgeModelMissing" }] });
    expect(translate(en, r.body.error.model[0])).not.toContain("--model");
    expect(translate(zh, r.body.error.model[0])).toContain("请填写“模型”");
  });

  it("a missing file and a bad judge name are keyed", async () => {
    const s = await setup();
    const r = await s.upload({ intent: "judge", judge: "bad<name>" });
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ judge: [{ key: "errors.judgeName" }], file: [{ key: "reports.import.noFile" }] });
    expect(translate(zh, r.body.error.file[0])).toBe("请选择文件。");
  });
});

describe("queue page settings", () => {
  it("go through the one settings update: a bad overlap is a keyed 400 in both languages, nothing saved; a good one is audited", async () => {
    const project = await makeProject(t.db, { overlapK: 2 });
    const manager = await makeMember(t.db, project.id, "manager");
    const cookie = await sessionCookie(manager.id);
    const post = (fields: Record<string, string>) =>
      callRoute(queueAction, formRequest(`/projects/${project.slug}/queue`, { intent: "settings", lease: "20", ...fields }, cookie), {
        slug: project.slug,
      });
    const bad = await post({ overlap: "21" });
    expect(bad.status).toBe(400);
    const { message } = (await bad.json()) as { message: Message };
    expect(message).toEqual({ key: "errors.setting", params: { field: "overlap", min: 1, max: 20 } });
    expect(translate(zh, message)).toBe("overlap 的取值范围是 1 到 20。");
    expect(translate(en, message)).toBe("overlap takes a value from 1 to 20.");
    expect((await readProjectSettings(t.db, project.id)).overlap).toBe(2);

    const ok = await post({ overlap: "3" });
    expect(ok.status).toBe(200);
    expect((await readProjectSettings(t.db, project.id)).overlap).toBe(3);
    const [entry] = await listAudit(t.db, project.id, { kind: "settings_changed" });
    expect(entry.actor).toBe(manager.email);
  });
});

describe("gold from the dialogue page", () => {
  it("a reference off the metric's scale: 400 with a keyed message, nothing marked", async () => {
    const project = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 1, models: ["m1"], metricsPerDialogue: 1 });
    const manager = await makeMember(t.db, project.id, "manager");
    const [unit] = await queryRows<{ id: number; key: string }>(
      t.db,
      sql`select u.id, m.key from units u join metrics m on m.id = u.metric_id where u.project_id = ${project.id}`,
    );
    const fields = { intent: "mark-gold", unit: String(unit.id), score: "9", tolerance: "" };
    const res = await callRoute(
      dialogueAction,
      formRequest(`/projects/${project.slug}/dialogues/d-0`, fields, await sessionCookie(manager.id)),
      { slug: project.slug, dialogueId: "d-0" },
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: Message };
    expect(error).toEqual({ key: "errors.goldScale", params: { metric: unit.key, min: 1, max: 5 } });
    expect(translate(zh, error)).toBe(`参考分必须是 ${unit.key} 量表上的整数（1–5）`);
    expect(translate(en, error)).toBe(`score must be a whole number on the scale of ${unit.key} (1–5)`);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from gold_units where project_id = ${project.id}`);
    expect(n).toBe(0);
  });
});
