// Issue 16: session ids were stored in clear, so a read of the sessions table gave working cookies; and
// API tokens outlived a password change. The cookie now carries a random token and the table only its
// keyed hash; a password change ends every session and revokes every API token of the user.
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, sessions } from "#db/schema";
import { action as claim } from "~/routes/api.projects.$slug.tasks.next";
import { loader as settingsPage, action as settingsAction } from "~/routes/settings";
import { createApiToken } from "~/services/tokens.server";
import { setPassword } from "~/services/users.server";
import { makeMember, makeProject, makeUser } from "../seeds/factories";
import { useTestDb } from "./db";
import { callRoute, sessionCookie } from "./route-call";

const t = useTestDb();

const rowsOf = (userId: string) => t.db.select().from(sessions).where(eq(sessions.userId, userId));

describe("session ids at rest", () => {
  it("keeps only a hash of the cookie's value in the sessions table, and the cookie still signs in", async () => {
    const u = await makeUser(t.db);
    const cookie = await sessionCookie(u.id);
    const value = cookie.split("=")[1];
    const rows = await rowsOf(u.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(value);
    expect(rows[0].id).not.toContain(value);
    expect((await callRoute(settingsPage, "/settings", { cookie })).status).toBe(200);
  });

  it("does not take a stolen row's id as a cookie", async () => {
    const u = await makeUser(t.db);
    await sessionCookie(u.id);
    const [row] = await rowsOf(u.id);
    const res = await callRoute(settingsPage, "/settings", { cookie: `rc_session=${row.id}` });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("a password change", () => {
  it("ends the user's other sessions and revokes their API tokens (settings page)", async () => {
    const p = await makeProject(t.db);
    const u = await makeMember(t.db, p.id, "annotator");
    const other = await sessionCookie(u.id); // e.g. a forgotten browser, or a stolen cookie
    const mine = await sessionCookie(u.id);
    const { token } = await createApiToken(t.db, { userId: u.id, projectId: p.id });
    const api = () => callRoute(claim, `/api/projects/${p.slug}/tasks/next`, { method: "POST", token, params: { slug: p.slug } });
    expect((await api()).status).not.toBe(401);

    const changed = await callRoute(settingsAction, "/settings", {
      cookie: mine,
      form: { intent: "password", current: u.password!, password: "a-new-password-9" },
    });
    expect(changed.status).toBe(302);
    const fresh = (changed.headers.get("Set-Cookie") ?? "").split(";")[0];
    expect(fresh).toMatch(/^rc_session=/);

    expect((await api()).status).toBe(401);
    expect(
      await t.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.userId, u.id), isNull(apiTokens.revokedAt))),
    ).toHaveLength(0);
    expect((await callRoute(settingsPage, "/settings", { cookie: other })).status).toBe(302);
    expect((await callRoute(settingsPage, "/settings", { cookie: mine })).status).toBe(302);
    expect((await callRoute(settingsPage, "/settings", { cookie: fresh })).status).toBe(200);
    expect(await rowsOf(u.id)).toHaveLength(1);
  });

  it("does the same wherever the password is set (the service, as the CLI and password links call it)", async () => {
    const u = await makeUser(t.db);
    const cookie = await sessionCookie(u.id);
    await createApiToken(t.db, { userId: u.id });
    await setPassword(t.db, u.id, "yet-another-password");
    expect(await rowsOf(u.id)).toHaveLength(0);
    expect((await callRoute(settingsPage, "/settings", { cookie })).status).toBe(302);
    expect(
      await t.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.userId, u.id), isNull(apiTokens.revokedAt))),
    ).toHaveLength(0);
  });
});
