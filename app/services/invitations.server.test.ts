import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations } from "#db/schema";
import { findMembership } from "#db/queries/projects";
import { makeProject, makeUser, uniq } from "../../seeds/factories";
import { useTestDb } from "../../test/db";
import {
  acceptInvitation,
  createInvitation,
  findOpenInvitation,
  listPendingInvitations,
  renewInvitationLink,
  revokeInvitation,
} from "./invitations.server";
import { createUser, verifyCredentials } from "./users.server";

const t = useTestDb();

async function invite(role: "annotator" | "manager" = "annotator", email = `${uniq("inv")}@test.rolecall`) {
  const admin = await makeUser(t.db, { isAdmin: true });
  const p = await makeProject(t.db);
  const inv = await createInvitation(t.db, { projectId: p.id, email, role, groupName: "B", invitedBy: admin.id });
  return { p, inv, email };
}

describe("invitations", () => {
  it("lets the invitee set a password once and joins them with the invited role", async () => {
    const { p, inv, email } = await invite();
    expect(inv.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{20,}$/);
    const res = await acceptInvitation(t.db, inv.token, { name: "Mei", password: "long-enough-pw" });
    expect(res.projectSlug).toBe(p.slug);
    expect(await verifyCredentials(t.db, email, "long-enough-pw")).not.toBeNull();
    expect(await findMembership(t.db, p.id, res.userId)).toMatchObject({ role: "annotator", groupName: "B" });
    await expect(acceptInvitation(t.db, inv.token, { password: "another-password" })).rejects.toMatchObject({ status: 404 });
    expect(await findOpenInvitation(t.db, inv.token)).toBeNull();
  });

  it("is used exactly once when two accepts race", async () => {
    const { inv } = await invite();
    const r = await Promise.allSettled([
      acceptInvitation(t.db, inv.token, { password: "first-password" }),
      acceptInvitation(t.db, inv.token, { password: "second-password" }),
    ]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses short passwords without using up the link, and expired or forged links", async () => {
    const { inv } = await invite();
    await expect(acceptInvitation(t.db, inv.token, { password: "short" })).rejects.toMatchObject({ status: 400 });
    expect(await findOpenInvitation(t.db, inv.token)).not.toBeNull();
    await t.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, inv.email));
    await expect(acceptInvitation(t.db, inv.token, { password: "long-enough-pw" })).rejects.toMatchObject({ status: 404 });
    await expect(acceptInvitation(t.db, "forged-token", { password: "long-enough-pw" })).rejects.toMatchObject({ status: 404 });
  });

  it("needs the existing account to be signed in, and never sets the password of an account without one", async () => {
    const existing = await makeUser(t.db);
    const { inv } = await invite("manager", existing.email);
    await expect(acceptInvitation(t.db, inv.token, { password: "take-over-attempt" })).rejects.toMatchObject({
      status: 403,
      reason: "signInAs",
    });
    const { inv: inv2 } = await invite("manager", existing.email);
    await expect(acceptInvitation(t.db, inv2.token, { signedInUserId: existing.id })).resolves.toMatchObject({ userId: existing.id });
    // the old password still works: nobody could overwrite it through the link
    expect(await verifyCredentials(t.db, existing.email, existing.password!)).not.toBeNull();

    const imported = await createUser(t.db, { email: `${uniq("imp")}@test.rolecall`, password: null });
    const { inv: inv3 } = await invite("annotator", imported.email);
    expect((await findOpenInvitation(t.db, inv3.token))?.account).toBe("needsActivation");
    await expect(acceptInvitation(t.db, inv3.token, { password: "now-i-can-sign-in" })).rejects.toMatchObject({
      status: 403,
      reason: "needsActivation",
    });
    expect(await verifyCredentials(t.db, imported.email, "now-i-can-sign-in")).toBeNull();
    expect(await findOpenInvitation(t.db, inv3.token)).not.toBeNull();
  });

  it("leaves an account made for the e-mail after the invitation alone", async () => {
    const { inv, email } = await invite();
    await createUser(t.db, { email, password: null }); // e.g. a ratings import naming the address meanwhile
    await expect(acceptInvitation(t.db, inv.token, { password: "long-enough-pw" })).rejects.toMatchObject({
      status: 403,
      reason: "needsActivation",
    });
    expect(await verifyCredentials(t.db, email, "long-enough-pw")).toBeNull();
  });

  it("replaces the open invitation of an e-mail invited again: one pending row, the old link stops", async () => {
    const { p, inv, email } = await invite();
    const admin = await makeUser(t.db, { isAdmin: true });
    const again = await createInvitation(t.db, { projectId: p.id, email: email.toUpperCase(), role: "manager", invitedBy: admin.id });
    const pending = await listPendingInvitations(t.db, p.id);
    expect(pending.map((i) => [i.email, i.role])).toEqual([[email, "manager"]]);
    expect(await findOpenInvitation(t.db, inv.token)).toBeNull();
    expect(await findOpenInvitation(t.db, again.token)).not.toBeNull();
  });

  it("revokes and renews a pending invitation of its own project only", async () => {
    const { p, inv } = await invite();
    const other = await makeProject(t.db);
    const [{ id }] = await listPendingInvitations(t.db, p.id);
    await expect(renewInvitationLink(t.db, other.id, id)).rejects.toMatchObject({ status: 404 });
    await expect(revokeInvitation(t.db, other.id, id)).rejects.toMatchObject({ status: 404 });
    expect(await findOpenInvitation(t.db, inv.token)).not.toBeNull();
    const renewed = await renewInvitationLink(t.db, p.id, id);
    expect(await findOpenInvitation(t.db, inv.token)).toBeNull();
    expect(await findOpenInvitation(t.db, renewed.token)).not.toBeNull();
    await revokeInvitation(t.db, p.id, id);
    expect(await findOpenInvitation(t.db, renewed.token)).toBeNull();
    expect(await listPendingInvitations(t.db, p.id)).toEqual([]);
  });
});
