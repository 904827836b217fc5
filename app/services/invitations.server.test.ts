import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations } from "#db/schema";
import { findMembership } from "#db/queries/projects";
import { makeProject, makeUser, uniq } from "../../seeds/factories";
import { useTestDb } from "../../test/db";
import { acceptInvitation, createInvitation, findOpenInvitation } from "./invitations.server";
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
    await t.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, inv.email));
    await expect(acceptInvitation(t.db, inv.token, { password: "long-enough-pw" })).rejects.toMatchObject({ status: 404 });
    await expect(acceptInvitation(t.db, "forged-token", { password: "long-enough-pw" })).rejects.toMatchObject({ status: 404 });
  });

  it("needs the existing account to be signed in, and gives an imported annotator a password", async () => {
    const existing = await makeUser(t.db);
    const { inv } = await invite("manager", existing.email);
    await expect(acceptInvitation(t.db, inv.token, { password: "take-over-attempt" })).rejects.toMatchObject({ status: 403 });
    const { inv: inv2 } = await invite("manager", existing.email);
    await expect(acceptInvitation(t.db, inv2.token, { signedInUserId: existing.id })).resolves.toMatchObject({ userId: existing.id });
    // the old password still works: nobody could overwrite it through the link
    expect(await verifyCredentials(t.db, existing.email, existing.password!)).not.toBeNull();

    const imported = await createUser(t.db, { email: `${uniq("imp")}@test.rolecall`, password: null });
    expect(await verifyCredentials(t.db, imported.email, "")).toBeNull();
    const { inv: inv3 } = await invite("annotator", imported.email);
    await acceptInvitation(t.db, inv3.token, { password: "now-i-can-sign-in" });
    expect(await verifyCredentials(t.db, imported.email, "now-i-can-sign-in")).not.toBeNull();
  });
});
