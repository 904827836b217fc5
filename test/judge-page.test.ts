// The "Run a judge" page's loader and actions as the server calls them: who may start a run, which
// endpoints and key variables the page accepts, the run executing in the background, cancel, resume,
// the JSONL download, and another project's run ids.
import { sql } from "drizzle-orm";
import { queryRows } from "#db/sql";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loader as replies } from "~/routes/projects.$slug.reports.judge-replies";
import { action, loader } from "~/routes/projects.$slug.reports.run-judge";
import { settleBackgroundRuns } from "~/services/judge-runner/background.server";
import { makeCorpus } from "../seeds/corpus-factory";
import { makeMember, makeProject, makeUser } from "../seeds/factories";
import { useTestDb } from "./db";
import { callRoute, sessionCookie } from "./route-call";
import { startFakeJudge } from "./support/fake-judge";

const t = useTestDb();
let fake: Awaited<ReturnType<typeof startFakeJudge>>;
const saved = { allow: process.env.JUDGE_ENDPOINT_ALLOW, keys: process.env.JUDGE_API_KEY_ENV_ALLOW, key: process.env.JUDGE_PAGE_KEY };

beforeAll(async () => {
  fake = await startFakeJudge((r) => (r.authorization === "Bearer sk-page" ? { content: "评分：3", delayMs: 5 } : { status: 401 }));
});
afterAll(() => fake.close());
afterEach(() => {
  for (const [name, v] of [
    ["JUDGE_ENDPOINT_ALLOW", saved.allow],
    ["JUDGE_API_KEY_ENV_ALLOW", saved.keys],
    ["JUDGE_PAGE_KEY", saved.key],
  ] as const) {
    if (v === undefined) delete process.env[name];
    else process.env[name] = v;
  }
});

async function setup() {
  const project = await makeProject(t.db);
  await makeCorpus(t.db, project.id, { dialogues: 4, models: ["m1", "m2"] });
  const manager = await makeMember(t.db, project.id, "manager");
  const annotator = await makeMember(t.db, project.id, "annotator");
  const admin = await makeUser(t.db, { isAdmin: true });
  const cookie = async (id: string) => sessionCookie(id);
  const path = `/projects/${project.slug}/reports/run-judge`;
  const post = async (userId: string, form: Record<string, string>) =>
    callRoute(action, path, { cookie: await cookie(userId), form, params: { slug: project.slug } });
  const form = (over: Record<string, string> = {}) => ({
    intent: "start",
    judge: "page-judge",
    endpoint: fake.url,
    model: "fake",
    apiKeyEnv: "JUDGE_PAGE_KEY",
    concurrency: "2",
    limit: "",
    ...over,
  });
  return { project, manager, annotator, admin, cookie, path, post, form };
}

describe("Run a judge page", () => {
  it("lets a manager run only allowed endpoints and key variables; the run executes in the background", async () => {
    const s = await setup();
    process.env.JUDGE_PAGE_KEY = "sk-page";
    process.env.JUDGE_API_KEY_ENV_ALLOW = "JUDGE_PAGE_KEY";

    const refused = await s.post(s.manager.id, s.form());
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain("judgeRuns.errors.endpointNotAllowed");

    process.env.JUDGE_ENDPOINT_ALLOW = `https://api.example.org, ${new URL(fake.url).origin}`;
    const secret = await s.post(s.manager.id, s.form({ apiKeyEnv: "ROLECALL_SECRET" }));
    expect(secret.status).toBe(403);
    expect(JSON.stringify(await secret.json())).toContain("apiKeyEnvNotAllowed");

    const preview = await s.post(s.manager.id, s.form({ intent: "preview" }));
    const p = await preview.json();
    expect(p.preview).toMatchObject({ requested: 8, skipped_existing: 0, prompt_version: "charactereval-v1" });
    expect(p.preview.prompts.map((x: { language: string }) => x.language)).toEqual(["zh", "en"]);

    const started = await s.post(s.manager.id, s.form({ limit: "3" }));
    expect(started.status).toBe(200);
    const { started: runId } = await started.json();
    expect(runId).toEqual(expect.any(Number));
    await settleBackgroundRuns();
    const page = await (await callRoute(loader, s.path, { cookie: await s.cookie(s.manager.id), params: { slug: s.project.slug } })).json();
    expect(page.runs[0]).toMatchObject({ id: runId, judge: "page-judge", status: "done", requested: 3, scored: 3, failed: 0 });
    expect(JSON.stringify(page)).not.toContain("sk-page");

    const resumed = await s.post(s.manager.id, { intent: "resume", run: String(runId) });
    await settleBackgroundRuns();
    const again = await (
      await callRoute(loader, s.path, { cookie: await s.cookie(s.manager.id), params: { slug: s.project.slug } })
    ).json();
    expect(again.runs[0]).toMatchObject({ id: (await resumed.json()).started, status: "done", requested: 3, skippedExisting: 3 });

    const file = await callRoute(replies, `/projects/${s.project.slug}/reports/judge-replies?judge=page-judge`, {
      cookie: await s.cookie(s.manager.id),
      params: { slug: s.project.slug },
    });
    expect(file.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await file.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ score: 3, raw_reply: "评分：3", prompt_version: "charactereval-v1" });
  });

  it("lets an admin use any endpoint, refuses annotators, and hides another project's runs", async () => {
    const s = await setup();
    process.env.JUDGE_PAGE_KEY = "sk-page";
    process.env.JUDGE_API_KEY_ENV_ALLOW = "JUDGE_PAGE_KEY";
    delete process.env.JUDGE_ENDPOINT_ALLOW;
    const byAdmin = await s.post(s.admin.id, s.form({ limit: "1" }));
    expect(byAdmin.status).toBe(200);
    await settleBackgroundRuns();
    const { started: runId } = await byAdmin.json();

    expect((await s.post(s.annotator.id, s.form())).status).toBe(403);
    const bad = await s.post(s.manager.id, { intent: "template", template: "{{context}} only" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("missingField {{response}}");
    const own = "{{context}} {{response}} {{definition}} {{scale_min}}-{{scale_max}}";
    const saved = await s.post(s.manager.id, { intent: "template", template: own });
    expect(await saved.json()).toEqual({ templateSaved: "project-v1" });
    const page = await (await callRoute(loader, s.path, { cookie: await s.cookie(s.manager.id), params: { slug: s.project.slug } })).json();
    expect(page.template).toEqual({ version: "project-v1", own: true, text: own });
    const other = await setup();
    const cross = await other.post(other.manager.id, { intent: "cancel", run: String(runId) });
    expect(cross.status).toBe(404);
    const [row] = await queryRows<{ cancel_requested: boolean }>(t.db, sql`select cancel_requested from judge_runs where id = ${runId}`);
    expect(row.cancel_requested).toBe(false);
  });
});
