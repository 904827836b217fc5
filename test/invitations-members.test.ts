// Pending invitations on the members page: a manager revokes one or gets a fresh link for it (the old
// link stops working), only within the project; an id of another project is 404 and changes nothing.
import { describe, expect, it } from "vitest";
import { action as membersAction, loader as membersLoader } from "~/routes/projects.$slug.members";
import { loader as inviteLoader } from "~/routes/invite.$token";
import { createInvitation, findOpenInvitation, listPendingInvitations } from "~/services/invitations.server";
import { makeMember, makeProject, uniq } from "../seeds/factories";
import { callRoute, formRequest, getRequest, sessionCookie } from "./account-helpers";
import { useTestDb } from "./db";

const t = useTestDb();

async function setup() {
  const p = await makeProject(t.db);
  const manager = await makeMember(t.db, p.id, "manager");
  const inv = await createInvitation(t.db, {
    projectId: p.id,
    email: `${uniq("inv")}@test.rolecall`,
    role: "annotator",
    invitedBy: manager.id,
  });
  const [{ id }] = await listPendingInvitations(t.db, p.id);
  const cookie = await sessionCookie(manager.id);
  const post = (fields: Record<string, string>, slug = p.slug, c = cookie) =>
    callRoute(membersAction, formRequest(`/projects/${slug}/members`, fields, c), { slug });
  return { p, manager, inv, id, cookie, post };
}

const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;

describe("members page: pending invitations", () => {
  it("gives a fresh link for a pending invitation once; the old link stops working", async () => {
    const s = await setup();
    const page = await (await callRoute(membersLoader, getRequest(`/projects/${s.p.slug}/members`, s.cookie), { slug: s.p.slug })).json();
    expect(page.pending).toEqual([expect.objectContaining({ id: s.id, email: s.inv.email })]);

    const res = await s.post({ intent: "renew-invitation", invitationId: String(s.id) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ done: "renewed", email: s.inv.email });
    expect(body.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/invite\/[A-Za-z0-9_-]{32}$/);
    const fresh = tokenOf(body.link);
    expect(fresh).not.toBe(s.inv.token);
    expect((await callRoute(inviteLoader, getRequest(`/invite/${s.inv.token}`), { token: s.inv.token })).status).toBe(404);
    expect((await callRoute(inviteLoader, getRequest(`/invite/${fresh}`), { token: fresh })).status).toBe(200);
    // the page lists the invitation, never a link: the link was shown in that one answer only
    const again = await (await callRoute(membersLoader, getRequest(`/projects/${s.p.slug}/members`, s.cookie), { slug: s.p.slug })).text();
    expect(again).not.toContain(fresh);
  });

  it("revokes a pending invitation: its link stops working and it leaves the list", async () => {
    const s = await setup();
    const res = await s.post({ intent: "revoke-invitation", invitationId: String(s.id) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ done: "revoked", email: s.inv.email });
    expect(await findOpenInvitation(t.db, s.inv.token)).toBeNull();
    expect(await listPendingInvitations(t.db, s.p.id)).toEqual([]);
    expect((await s.post({ intent: "revoke-invitation", invitationId: String(s.id) })).status).toBe(404);
  });

  it("answers 404 for another project's invitation id, and for ids that are not ids, changing nothing", async () => {
    const s = await setup();
    const other = await setup();
    for (const intent of ["renew-invitation", "revoke-invitation"]) {
      for (const invitationId of [String(other.id), "2147483648", "1e3", "-1", ""]) {
        const res = await s.post({ intent, invitationId });
        expect(res.status, `${intent} ${invitationId}`).toBe(404);
        expect((await res.json()).error).toEqual({ "": [{ key: "accounts.members.notFound" }] });
      }
    }
    expect(await findOpenInvitation(t.db, other.inv.token)).not.toBeNull();
  });

  it("lets only the project's managers do either", async () => {
    const s = await setup();
    const annotator = await makeMember(t.db, s.p.id, "annotator");
    const outsider = await makeMember(t.db, (await makeProject(t.db)).id, "manager");
    for (const intent of ["renew-invitation", "revoke-invitation"]) {
      expect((await s.post({ intent, invitationId: String(s.id) }, s.p.slug, await sessionCookie(annotator.id))).status).toBe(403);
      expect((await s.post({ intent, invitationId: String(s.id) }, s.p.slug, await sessionCookie(outsider.id))).status).toBe(404);
    }
    expect(await findOpenInvitation(t.db, s.inv.token)).not.toBeNull();
  });
});
