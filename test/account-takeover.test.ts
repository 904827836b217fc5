// Issue 16, hole 1: an invitation never sets or changes the password of an account that already exists.
// An account without a password is claimed only through an admin's one-time password link.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findMembership } from "#db/queries/projects";
import { passwordLinks, users } from "#db/schema";
import { getUser } from "~/auth/session.server";
import { hashToken } from "~/lib/env.server";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invite.$token";
import { action as passwordAction, loader as passwordLoader } from "~/routes/password.$token";
import { createInvitation, findOpenInvitation } from "~/services/invitations.server";
import { issuePasswordLink, redeemPasswordLink } from "~/services/password-links.server";
import { createUser, findUserByEmail, verifyCredentials } from "~/services/users.server";
import { makeMember, makeProject, makeUser, uniq } from "../seeds/factories";
import { callRoute, formRequest, getRequest, sessionCookie } from "./account-helpers";
import { useTestDb } from "./db";

const t = useTestDb();

/** An admin account without a password, as `user create --admin` without --password-stdin used to
 *  make (createUser refuses that now, so the row is made as the old code left it). */
async function passwordlessAdmin() {
  const u = await createUser(t.db, { email: `${uniq("root")}@test.rolecall`, password: null });
  await t.db.update(users).set({ isAdmin: true }).where(eq(users.id, u.id));
  return u;
}

async function inviteAsManager(email: string) {
  const p = await makeProject(t.db);
  const manager = await makeMember(t.db, p.id, "manager");
  const inv = await createInvitation(t.db, { projectId: p.id, email, role: "annotator", invitedBy: manager.id });
  return { p, inv };
}

describe("invitation to an existing account without a password", () => {
  it("does not let whoever opens the link set its password or sign in as it", async () => {
    const victim = await passwordlessAdmin();
    const { p, inv } = await inviteAsManager(victim.email);
    const path = `/invite/${inv.token}`;

    const res = await callRoute(inviteAction, formRequest(path, { name: "Mallory", password: "attacker-password" }), { token: inv.token });
    expect(res.status).toBe(403);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect((await res.json()).error).toMatchObject({ "": [{ key: "accounts.refused.needsActivation", params: { email: victim.email } }] });
    expect(await verifyCredentials(t.db, victim.email, "attacker-password")).toBeNull();
    expect((await findUserByEmail(t.db, victim.email))?.passwordHash).toBeNull();
    expect(await findMembership(t.db, p.id, victim.id)).toBeFalsy();
    // the membership waits: the invitation stays open for the owner once the account is activated
    expect(await findOpenInvitation(t.db, inv.token)).not.toBeNull();
    const page = await callRoute(inviteLoader, getRequest(path), { token: inv.token });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ mode: "needsActivation", email: victim.email });
  });

  it("never changes the password of an account that has one, whoever is signed in", async () => {
    const owner = await makeMember(t.db, (await makeProject(t.db)).id, "annotator");
    const { p, inv } = await inviteAsManager(owner.email);
    const stranger = await makeMember(t.db, p.id, "annotator");
    const path = `/invite/${inv.token}`;
    for (const cookie of [null, await sessionCookie(stranger.id)]) {
      const res = await callRoute(inviteAction, formRequest(path, { password: "attacker-password" }, cookie), { token: inv.token });
      expect(res.status).toBe(403);
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await verifyCredentials(t.db, owner.email, owner.password!)).not.toBeNull();
    expect(await findMembership(t.db, p.id, owner.id)).toBeFalsy();

    const cookie = await sessionCookie(owner.id);
    const ok = await callRoute(inviteAction, formRequest(path, {}, cookie), { token: inv.token });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/projects/${p.slug}`);
    expect(await findMembership(t.db, p.id, owner.id)).toMatchObject({ role: "annotator" });
    expect((await getUser(getRequest("/", cookie)))?.id).toBe(owner.id);
  });

  it("gives a new e-mail an account with the password chosen on the invitation page", async () => {
    const email = `${uniq("new")}@test.rolecall`;
    const { p, inv } = await inviteAsManager(email);
    const path = `/invite/${inv.token}`;
    expect(await (await callRoute(inviteLoader, getRequest(path), { token: inv.token })).json()).toMatchObject({ mode: "newAccount" });
    const res = await callRoute(inviteAction, formRequest(path, { name: "Mei", password: "a-fine-password" }), { token: inv.token });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("Set-Cookie")!.split(";")[0];
    const me = await getUser(getRequest("/", cookie));
    expect(me?.email).toBe(email);
    expect(await findMembership(t.db, p.id, me!.id)).toMatchObject({ role: "annotator" });
    expect(await verifyCredentials(t.db, email, "a-fine-password")).not.toBeNull();
  });
});

describe("admin's one-time password link", () => {
  it("is issued only by an admin, only for an account without a password, and shown once", async () => {
    const owner = await createUser(t.db, { email: `${uniq("imp")}@test.rolecall`, password: null });
    const admin = await makeUser(t.db, { isAdmin: true });
    const manager = await makeMember(t.db, (await makeProject(t.db)).id, "manager");
    await expect(issuePasswordLink(t.db, { email: owner.email, issuedBy: manager.id })).rejects.toMatchObject({ status: 403 });
    await expect(issuePasswordLink(t.db, { email: `${uniq("nobody")}@test.rolecall`, issuedBy: admin.id })).rejects.toMatchObject({
      status: 404,
    });
    await expect(issuePasswordLink(t.db, { email: manager.email, issuedBy: admin.id })).rejects.toMatchObject({
      status: 409,
      reason: "hasPassword",
    });
    const link = await issuePasswordLink(t.db, { email: owner.email.toUpperCase(), issuedBy: admin.id });
    expect(link.path).toMatch(/^\/password\/[A-Za-z0-9_-]{32}$/);
    const [row] = await t.db.select().from(passwordLinks).where(eq(passwordLinks.userId, owner.id));
    expect(row.tokenHash).toBe(hashToken(link.token)); // stored as a keyed hash only
    expect(row.createdBy).toBe(admin.id);
  });

  it("lets its holder set the first password once, ends other sessions, and then the owner accepts the invitation", async () => {
    const victim = await passwordlessAdmin();
    const { p, inv } = await inviteAsManager(victim.email);
    const stale = await sessionCookie(victim.id); // a session from before, which the new password must end
    const link = await issuePasswordLink(t.db, { email: victim.email, issuedBy: null });
    const path = link.path;
    const params = { token: link.token };

    const page = await callRoute(passwordLoader, getRequest(path), params);
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ email: victim.email });
    const mismatch = await callRoute(
      passwordAction,
      formRequest(path, { password: "the-owners-password", confirm: "something-else" }),
      params,
    );
    expect(mismatch.status).toBe(400);
    const refused = await mismatch.json();
    expect(refused.error).toEqual({ confirm: [{ key: "errors.passwordMismatch" }] });
    expect(JSON.stringify(refused)).not.toContain("the-owners-password"); // passwords are not sent back
    const short = await callRoute(passwordAction, formRequest(path, { password: "short", confirm: "short" }), params);
    expect((await short.json()).error).toEqual({ password: [{ key: "errors.passwordLength", params: { min: 8, max: 512 } }] });

    const res = await callRoute(
      passwordAction,
      formRequest(path, { password: "the-owners-password", confirm: "the-owners-password" }),
      params,
    );
    expect(res.status).toBe(302);
    const cookie = res.headers.get("Set-Cookie")!.split(";")[0];
    expect((await getUser(getRequest("/", cookie)))?.id).toBe(victim.id);
    expect(await getUser(getRequest("/", stale))).toBeNull();
    expect(await verifyCredentials(t.db, victim.email, "the-owners-password")).not.toBeNull();

    // used up: the page is gone and a second submit changes nothing
    expect((await callRoute(passwordLoader, getRequest(path), params)).status).toBe(404);
    const again = await callRoute(
      passwordAction,
      formRequest(path, { password: "attacker-password", confirm: "attacker-password" }),
      params,
    );
    expect(again.status).toBe(404);
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect(await verifyCredentials(t.db, victim.email, "the-owners-password")).not.toBeNull();

    // the invitation waited for the owner, who now accepts it signed in
    const accepted = await callRoute(inviteAction, formRequest(`/invite/${inv.token}`, {}, cookie), { token: inv.token });
    expect(accepted.status).toBe(302);
    expect(await findMembership(t.db, p.id, victim.id)).toMatchObject({ role: "annotator" });
  });

  it("sets one password when links race, and a newer link voids the older one", async () => {
    const owner = await createUser(t.db, { email: `${uniq("imp")}@test.rolecall`, password: null });
    const older = await issuePasswordLink(t.db, { email: owner.email, issuedBy: null });
    const newer = await issuePasswordLink(t.db, { email: owner.email, issuedBy: null });
    await expect(redeemPasswordLink(t.db, older.token, "older-password")).rejects.toMatchObject({ status: 404 });
    const r = await Promise.allSettled([
      redeemPasswordLink(t.db, newer.token, "first-password"),
      redeemPasswordLink(t.db, newer.token, "second-password"),
    ]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const ok = [
      await verifyCredentials(t.db, owner.email, "first-password"),
      await verifyCredentials(t.db, owner.email, "second-password"),
    ];
    expect(ok.filter(Boolean)).toHaveLength(1);

    // a link issued while the account had no password cannot reset it once it has one
    const other = await createUser(t.db, { email: `${uniq("imp")}@test.rolecall`, password: null });
    const a = await issuePasswordLink(t.db, { email: other.email, issuedBy: null });
    await t.db
      .update(users)
      .set({ passwordHash: (await findUserByEmail(t.db, owner.email))!.passwordHash })
      .where(eq(users.id, other.id));
    await expect(redeemPasswordLink(t.db, a.token, "reset-attempt-pw")).rejects.toMatchObject({ status: 404 });
  });

  it("is never needed for an admin: an admin account cannot be made without a password", async () => {
    await expect(createUser(t.db, { email: `${uniq("root")}@test.rolecall`, password: null, isAdmin: true })).rejects.toMatchObject({
      status: 400,
      field: "password",
    });
  });
});
