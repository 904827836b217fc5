// The members page (issue 18, item 13): a manager changes a member's role and group or removes them;
// a project keeps one manager; only the project's managers (and admins) may; refusals are keyed.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { projectMembers } from "#db/schema";
import { action as membersAction } from "~/routes/projects.$slug.members";
import { makeMember, makeProject, makeUser } from "../seeds/factories";
import { callRoute, formRequest, sessionCookie } from "./account-helpers";
import { useTestDb } from "./db";

const t = useTestDb();

async function setup() {
  const p = await makeProject(t.db);
  const manager = await makeMember(t.db, p.id, "manager");
  const annotator = await makeMember(t.db, p.id, "annotator");
  const post = async (fields: Record<string, string>, userId = manager.id, slug = p.slug) =>
    callRoute(membersAction, formRequest(`/projects/${slug}/members`, fields, await sessionCookie(userId)), { slug });
  const membership = async (userId: string) =>
    (
      await t.db
        .select()
        .from(projectMembers)
        .where(and(eq(projectMembers.projectId, p.id), eq(projectMembers.userId, userId)))
    )[0];
  return { p, manager, annotator, post, membership };
}

describe("members page", () => {
  it("changes a member's role and group, and removes a member", async () => {
    const s = await setup();
    const res = await s.post({ intent: "change", userId: s.annotator.id, role: "adjudicator", group: " B " });
    expect([res.status, await res.json()]).toEqual([200, { done: "changed" }]);
    expect(await s.membership(s.annotator.id)).toMatchObject({ role: "adjudicator", groupName: "B" });
    await s.post({ intent: "change", userId: s.annotator.id, role: "annotator", group: "" });
    expect(await s.membership(s.annotator.id)).toMatchObject({ role: "annotator", groupName: null });

    expect((await s.post({ intent: "remove", userId: s.annotator.id })).status).toBe(200);
    expect(await s.membership(s.annotator.id)).toBeUndefined();
    const again = await s.post({ intent: "remove", userId: s.annotator.id });
    expect([again.status, (await again.json()).error]).toEqual([404, { "": [{ key: "errors.notMember" }] }]);
  });

  it("keeps one manager: the last cannot be demoted or removed; with two, one may go", async () => {
    const s = await setup();
    for (const fields of [{ intent: "change", role: "annotator" }, { intent: "remove" }] as Record<string, string>[]) {
      const res = await s.post({ ...fields, userId: s.manager.id });
      expect([res.status, (await res.json()).error]).toEqual([409, { "": [{ key: "errors.lastManager" }] }]);
      expect(await s.membership(s.manager.id)).toMatchObject({ role: "manager" });
    }
    await s.post({ intent: "change", userId: s.annotator.id, role: "manager" });
    expect((await s.post({ intent: "change", userId: s.manager.id, role: "annotator" })).status).toBe(200);
  });

  it("two managers demoting each other at once: one wins, the project keeps a manager", async () => {
    const s = await setup();
    await s.post({ intent: "change", userId: s.annotator.id, role: "manager" });
    const [a, b] = await Promise.all([
      s.post({ intent: "change", userId: s.manager.id, role: "annotator" }, s.annotator.id),
      s.post({ intent: "change", userId: s.annotator.id, role: "annotator" }, s.manager.id),
    ]);
    // the loser is refused by the lock (409) or, when it arrives later, no longer manages (403)
    const [won, lost] = [a.status, b.status].sort();
    expect(won).toBe(200);
    expect([403, 409]).toContain(lost);
    const roles = [(await s.membership(s.manager.id)).role, (await s.membership(s.annotator.id)).role];
    expect(roles.filter((r) => r === "manager")).toHaveLength(1);
  });

  it("only the project's managers and admins: an annotator gets 403, a manager of another project 404", async () => {
    const s = await setup();
    const outsider = await makeMember(t.db, (await makeProject(t.db)).id, "manager");
    expect((await s.post({ intent: "change", userId: s.annotator.id, role: "manager" }, s.annotator.id)).status).toBe(403);
    expect((await s.post({ intent: "remove", userId: s.manager.id }, outsider.id)).status).toBe(404);
    expect(await s.membership(s.annotator.id)).toMatchObject({ role: "annotator" });
    const admin = await makeUser(t.db, { isAdmin: true });
    expect((await s.post({ intent: "change", userId: s.annotator.id, role: "adjudicator" }, admin.id)).status).toBe(200);
  });

  it("a bad role or a long group is refused beside the field, and an unknown intent is keyed", async () => {
    const s = await setup();
    const bad = await (await s.post({ intent: "invite", email: "not-an-address", role: "king", group: "x".repeat(51) })).json();
    expect(bad.error).toEqual({
      email: [{ key: "errors.email" }],
      role: [{ key: "errors.role", params: { roles: "manager, annotator, adjudicator" } }],
      group: [{ key: "errors.tooLong", params: { max: 50 } }],
    });
    const unknown = await s.post({ intent: "promote-everyone" });
    expect([unknown.status, (await unknown.json()).error]).toEqual([400, { intent: [{ key: "errors.unknownIntent" }] }]);
  });
});
