// Issue 16, hole 2: an API token (scoped to a project or not) works only on the task, report and export
// API under /api/. Account pages and actions need a browser session: a token scoped to one project once
// minted an unscoped token at POST /settings and read every project of its user on the home page.
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens } from "#db/schema";
import { loader as home } from "~/routes/_index";
import { action as claim } from "~/routes/api.projects.$slug.tasks.next";
import { loader as reportApi } from "~/routes/api.projects.$slug.reports.$kind";
import { loader as projectPage } from "~/routes/projects.$slug";
import { loader as projectOverview } from "~/routes/projects.$slug._index";
import { action as settingsAction, loader as settingsPage } from "~/routes/settings";
import { addMember } from "~/services/projects.server";
import { createApiToken } from "~/services/tokens.server";
import { makeProject, makeUser } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { useTestDb } from "./db";
import { callRoute, sessionCookie } from "./route-call";

const t = useTestDb();

/** A user who manages project A and annotates project B, with a token scoped to B and an unscoped one. */
async function setup() {
  const a = await makeProject(t.db);
  const b = (await makeQueueProject(t.db, { dialogues: 2, models: 1, annotators: 0, k: 2 })).project;
  const user = await makeUser(t.db);
  await addMember(t.db, a.id, user.email, "manager");
  await addMember(t.db, b.id, user.email, "annotator");
  const scoped = (await createApiToken(t.db, { userId: user.id, projectId: b.id })).token;
  const unscoped = (await createApiToken(t.db, { userId: user.id })).token;
  return { a, b, user, scoped, unscoped };
}

const liveTokens = async (userId: string) =>
  (
    await t.db
      .select({ id: apiTokens.id, projectId: apiTokens.projectId })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
  ).length;

/** 401 (the Authorization header says it is a script) or a redirect to sign in; never a page. */
const refused = (res: Response) => res.status === 401 || (res.status === 302 && (res.headers.get("Location") ?? "").startsWith("/login"));

describe("API tokens on account pages and actions", () => {
  it("cannot mint a token, revoke tokens or change the password at POST /settings", async () => {
    const s = await setup();
    for (const token of [s.scoped, s.unscoped]) {
      const minted = await callRoute(settingsAction, "/settings", {
        token,
        form: { intent: "create-token", name: "escalated", projectId: "" },
      });
      expect(refused(minted), `create-token answered ${minted.status}`).toBe(true);
      const password = await callRoute(settingsAction, "/settings", {
        token,
        form: { intent: "password", current: s.user.password!, password: "another-password-1" },
      });
      expect(refused(password)).toBe(true);
    }
    expect(await liveTokens(s.user.id)).toBe(2);
  });

  it("cannot read the settings page, the home page or a project page", async () => {
    const s = await setup();
    for (const token of [s.scoped, s.unscoped]) {
      expect(refused(await callRoute(settingsPage, "/settings", { token }))).toBe(true);
      const listed = await callRoute(home, "/", { token });
      expect(refused(listed), `home answered ${listed.status}`).toBe(true);
      expect(refused(await callRoute(projectPage, `/projects/${s.b.slug}`, { token, params: { slug: s.b.slug } }))).toBe(true);
      expect(refused(await callRoute(projectOverview, `/projects/${s.b.slug}`, { token, params: { slug: s.b.slug } }))).toBe(true);
    }
  });

  it("still works on the API, inside its own project only", async () => {
    const s = await setup();
    const claimed = await callRoute(claim, `/api/projects/${s.b.slug}/tasks/next`, {
      method: "POST",
      token: s.scoped,
      params: { slug: s.b.slug },
    });
    expect(claimed.status).toBe(200);
    const elsewhere = await callRoute(reportApi, `/api/projects/${s.a.slug}/reports/leaderboard`, {
      token: s.scoped,
      params: { slug: s.a.slug, kind: "leaderboard" },
    });
    expect(elsewhere.status).toBe(404);
    const report = await callRoute(reportApi, `/api/projects/${s.a.slug}/reports/leaderboard`, {
      token: s.unscoped,
      params: { slug: s.a.slug, kind: "leaderboard" },
    });
    expect(report.status).toBe(200);
  });

  it("leaves the browser session its pages and actions", async () => {
    const s = await setup();
    const cookie = await sessionCookie(s.user.id);
    expect((await callRoute(home, "/", { cookie })).status).toBe(200);
    expect((await callRoute(settingsPage, "/settings", { cookie })).status).toBe(200);
    expect((await callRoute(projectPage, `/projects/${s.b.slug}`, { cookie, params: { slug: s.b.slug } })).status).toBe(200);
    const minted = await callRoute(settingsAction, "/settings", {
      cookie,
      form: { intent: "create-token", name: "mine", projectId: String(s.a.id) },
    });
    expect(minted.status).toBe(200);
    expect(await liveTokens(s.user.id)).toBe(3);
  });
});
