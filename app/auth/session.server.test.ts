import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, users } from "#db/schema";
import { makeMember, makeProject, makeUser } from "../../seeds/factories";
import { useTestDb } from "../../test/db";
import { hashToken } from "~/lib/env.server";
import { createApiToken, revokeApiToken } from "~/services/tokens.server";
import { requireProject } from "./guards.server";
import { endAllSessions, endSession, getUser, requireUser, startSession } from "./session.server";

const t = useTestDb();

const withCookie = (setCookie: string, path = "/") =>
  new Request(`http://127.0.0.1:3000${path}`, { headers: { Cookie: setCookie.split(";")[0] } });
const withToken = (token: string, path = "/api/x") =>
  new Request(`http://127.0.0.1:3000${path}`, { headers: { Authorization: `Bearer ${token}` } });

async function status(p: Promise<unknown>) {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

describe("sessions", () => {
  it("sets an HttpOnly, SameSite=Lax cookie that identifies the user until sign-out", async () => {
    const u = await makeUser(t.db);
    const cookie = await startSession(new Request("http://127.0.0.1:3000/login"), u.id);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await getUser(withCookie(cookie)))?.email).toBe(u.email);
    const cleared = await endSession(withCookie(cookie));
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await getUser(withCookie(cookie))).toBeNull();
  });

  it("ends a session at its absolute lifetime however active it is", async () => {
    const u = await makeUser(t.db);
    const cookie = await startSession(new Request("http://127.0.0.1:3000/"), u.id);
    const id = hashToken(cookie.split(";")[0].split("=")[1]);
    await t.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 8 * 86400_000) })
      .where(eq(sessions.id, id));
    expect(await getUser(withCookie(cookie))).toBeNull();
    expect(await t.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it("ends every session of a user (password change) and refuses disabled accounts", async () => {
    const u = await makeUser(t.db);
    const a = await startSession(new Request("http://x/"), u.id);
    const b = await startSession(new Request("http://x/"), u.id);
    await endAllSessions(u.id);
    expect(await getUser(withCookie(a))).toBeNull();
    expect(await getUser(withCookie(b))).toBeNull();
    const v = await makeUser(t.db);
    const c = await startSession(new Request("http://x/"), v.id);
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, v.id));
    expect(await getUser(withCookie(c))).toBeNull();
  });

  it("sends pages to sign-in and the API to 401", async () => {
    expect(await status(requireUser(new Request("http://x/projects/a")))).toBe(302);
    expect(await status(requireUser(new Request("http://x/api/projects/a/tasks/next")))).toBe(401);
    expect(await status(requireUser(withCookie("rc_session=forged")))).toBe(302);
  });
});

describe("project access", () => {
  it("gives outsiders 404, members without the capability 403, and admins access", async () => {
    const p = await makeProject(t.db);
    const other = await makeProject(t.db);
    const annotator = await makeMember(t.db, p.id, "annotator");
    const manager = await makeMember(t.db, p.id, "manager");
    const admin = await makeUser(t.db, { isAdmin: true });
    const req = async (userId: string, path: string) => withCookie(await startSession(new Request("http://x/"), userId), path);

    expect(await status(requireProject(await req(annotator.id, "/"), p.slug))).toBe(200);
    expect(await status(requireProject(await req(annotator.id, "/"), p.slug, "manage"))).toBe(403);
    expect(await status(requireProject(await req(annotator.id, "/"), p.slug, "export"))).toBe(403);
    expect(await status(requireProject(await req(annotator.id, "/"), other.slug))).toBe(404);
    expect(await status(requireProject(await req(annotator.id, "/"), "no-such-project"))).toBe(404);
    expect(await status(requireProject(await req(manager.id, "/"), p.slug, "manage"))).toBe(200);
    expect(await status(requireProject(await req(admin.id, "/"), other.slug, "manage"))).toBe(200);
  });

  it("honours API tokens: scoped to their project, dead once revoked", async () => {
    const p = await makeProject(t.db);
    const other = await makeProject(t.db);
    const u = await makeMember(t.db, p.id, "annotator");
    const { addMember } = await import("~/services/projects.server");
    await addMember(t.db, other.id, u.email, "annotator");
    const scoped = await createApiToken(t.db, { userId: u.id, projectId: p.id });
    expect(scoped.token).toMatch(/^rc_/);
    expect(await status(requireProject(withToken(scoped.token), p.slug))).toBe(200);
    expect(await status(requireProject(withToken(scoped.token), other.slug))).toBe(404);
    const all = await createApiToken(t.db, { userId: u.id });
    expect(await status(requireProject(withToken(all.token), other.slug))).toBe(200);
    await revokeApiToken(t.db, u.id, all.id);
    expect(await status(requireProject(withToken(all.token), other.slug))).toBe(401);
    expect(await status(requireProject(withToken("rc_" + "x".repeat(40)), p.slug))).toBe(401);
  });
});
