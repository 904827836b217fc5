// Project guidelines (issue 21): managers save Markdown per language as numbered versions; annotators
// acknowledge the current version on the start page before the browser hands out a task; a new version
// asks again; the task API is not gated.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { guidelineAcknowledgements, projectGuidelines } from "#db/schema";
import { queryRows } from "#db/sql";
import { action as nextApi } from "~/routes/api.projects.$slug.tasks.next";
import { action as startAction, loader as startLoader } from "~/routes/projects.$slug_.annotate._index";
import { action as metricsAction, loader as metricsLoader } from "~/routes/projects.$slug.metrics";
import { GUIDELINES_MAX_CHARS } from "~/domain/guidelines/markdown";
import { createApiToken } from "~/services/tokens.server";
import { makeMember } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { callRoute, formRequest, getRequest, sessionCookie } from "./account-helpers";
import { useTestDb } from "./db";

const t = useTestDb();

async function setup() {
  const q = await makeQueueProject(t.db, { dialogues: 4, models: 2, annotators: 1, k: 2 });
  const manager = await makeMember(t.db, q.project.id, "manager");
  const annotator = q.annotators[0];
  const slug = q.project.slug;
  const save = async (en: string, zh = "", userId = manager.id, s = slug) =>
    callRoute(metricsAction, formRequest(`/projects/${s}/metrics`, { intent: "save-guidelines", en, zh }, await sessionCookie(userId)), {
      slug: s,
    });
  const start = async (fields: Record<string, string> = {}) =>
    callRoute(startAction, formRequest(`/projects/${slug}/annotate`, fields, await sessionCookie(annotator.id)), { slug });
  const startPage = async () =>
    (await callRoute(startLoader, getRequest(`/projects/${slug}/annotate`, await sessionCookie(annotator.id)), { slug })).json();
  const versions = async () =>
    (await t.db.select().from(projectGuidelines).where(eq(projectGuidelines.projectId, q.project.id))).map((r) => r.version).sort();
  const acks = () =>
    t.db
      .select()
      .from(guidelineAcknowledgements)
      .where(and(eq(guidelineAcknowledgements.projectId, q.project.id), eq(guidelineAcknowledgements.userId, annotator.id)));
  const leases = async () =>
    Number(
      (
        await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from tasks where project_id = ${q.project.id} and annotator_id = ${annotator.id}`,
        )
      )[0].n,
    );
  return { ...q, manager, annotator, slug, save, start, startPage, versions, acks, leases };
}

describe("project guidelines", () => {
  it("a manager's every save is a new version, read back by every member", async () => {
    const s = await setup();
    const first = await s.save("# Rules\n\nBe fair.", "# 规则");
    expect([first.status, await first.json()]).toEqual([200, { saved: 1 }]);
    expect(await (await s.save("# Rules\n\nBe fair, read every turn.", "# 规则\n\n公平")).json()).toEqual({ saved: 2 });
    expect(await s.versions()).toEqual([1, 2]);
    const page = await (
      await callRoute(metricsLoader, getRequest(`/projects/${s.slug}/metrics`, await sessionCookie(s.annotator.id)), { slug: s.slug })
    ).json();
    expect(page.guidelines).toMatchObject({ version: 2, bodyEn: "# Rules\n\nBe fair, read every turn.", bodyZh: "# 规则\n\n公平" });
    expect(page.manage).toBe(false);
    expect(page.metrics.length).toBeGreaterThan(0); // the G overlay still gets the metric definitions
  });

  it("an annotator cannot save (403), another project's manager gets 404, an overlong text is refused naming it", async () => {
    const s = await setup();
    expect((await s.save("mine", "", s.annotator.id)).status).toBe(403);
    const other = await makeQueueProject(t.db, { dialogues: 1, models: 1, annotators: 0 });
    const outsider = await makeMember(t.db, other.project.id, "manager");
    expect((await s.save("theirs", "", outsider.id)).status).toBe(404);
    const long = await s.save("ok", "长".repeat(GUIDELINES_MAX_CHARS + 1));
    expect([long.status, await long.json()]).toEqual([400, { error: "tooLong", field: "zh", max: GUIDELINES_MAX_CHARS }]);
    const unknown = await callRoute(
      metricsAction,
      formRequest(`/projects/${s.slug}/metrics`, { intent: "other" }, await sessionCookie(s.manager.id)),
      { slug: s.slug },
    );
    expect(unknown.status).toBe(400);
    expect(await s.versions()).toEqual([]);
  });

  it("no task before the current version is acknowledged; the acknowledgement is recorded; a new version asks again", async () => {
    const s = await setup();
    await s.save("Read me.");
    expect(await s.startPage()).toMatchObject({ mustRead: true, guidelines: { version: 1 } });

    const refused = await s.start();
    expect([refused.status, refused.headers.get("Location")]).toEqual([302, `/projects/${s.slug}/annotate?state=read-guidelines`]);
    expect(await s.leases()).toBe(0);

    const before = Date.now();
    const ack = await s.start({ intent: "acknowledge", version: "1" });
    expect([ack.status, ack.headers.get("Location")]).toEqual([302, `/projects/${s.slug}/annotate`]);
    const rows = await s.acks();
    expect(rows.map((r) => [r.userId, r.version])).toEqual([[s.annotator.id, 1]]);
    expect(rows[0].acknowledgedAt.getTime()).toBeGreaterThanOrEqual(before - 5000);
    expect(await s.startPage()).toMatchObject({ mustRead: false });

    const claimed = await s.start();
    expect(claimed.headers.get("Location")).toMatch(new RegExp(`^/projects/${s.slug}/annotate/\\d+$`));
    expect(await s.leases()).toBe(1);

    await s.save("Read me again: version 2.");
    expect(await s.startPage()).toMatchObject({ mustRead: true, guidelines: { version: 2 } });
    expect((await s.start()).headers.get("Location")).toBe(`/projects/${s.slug}/annotate?state=read-guidelines`);
    // acknowledging the old version again (a stale page) records nothing and still asks
    await s.start({ intent: "acknowledge", version: "1" });
    expect((await s.acks()).map((r) => r.version)).toEqual([1]);
    await s.start({ intent: "acknowledge", version: "2" });
    await s.start({ intent: "acknowledge", version: "2" }); // twice: one record
    expect((await s.acks()).map((r) => r.version).sort()).toEqual([1, 2]);
    expect((await s.start()).headers.get("Location")).toMatch(/\/annotate\/\d+$/);
  });

  it("a project without guidelines (or with empty texts) hands out tasks at once", async () => {
    const s = await setup();
    expect(await s.startPage()).toMatchObject({ mustRead: false, guidelines: null });
    await s.save("   ", "");
    expect(await s.startPage()).toMatchObject({ mustRead: false, guidelines: null });
    expect((await s.start()).headers.get("Location")).toMatch(/\/annotate\/\d+$/);
  });

  it("API clients are not gated by the acknowledgement", async () => {
    const s = await setup();
    await s.save("Read me.");
    const { token } = await createApiToken(t.db, { userId: s.annotator.id });
    const res = await callRoute(
      nextApi,
      new Request(`http://127.0.0.1:3000/api/projects/${s.slug}/tasks/next`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      }),
      { slug: s.slug },
    );
    expect(res.status).toBe(200);
    expect((await res.json()).task.id).toEqual(expect.any(Number));
  });

  it("two managers saving at once get two versions", async () => {
    const s = await setup();
    const second = await makeMember(t.db, s.project.id, "manager");
    const replies = await Promise.all([s.save("A"), s.save("B", "", second.id)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(await s.versions()).toEqual([1, 2]);
  });
});
