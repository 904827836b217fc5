// One-time invitations to a project. An invitation never sets or changes the password of an account
// that already exists: a new e-mail gets an account with the password chosen on the invitation page; an
// existing account gets the membership only when its owner is signed in. An account without a password
// (made by a ratings import, or by the CLI without one) must first be activated through an admin's
// password link (password-links.server.ts); its invitation stays open until then.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { invitations, projectMembers, projects, users } from "#db/schema";
import type { MemberRole } from "~/domain/roles";
import { hashPassword } from "~/auth/password.server";
import { hashToken, randomToken } from "~/lib/env.server";
import { invalid, keyedError } from "~/lib/errors";
import { AccountRefused } from "./account-refused";
import { recordAudit } from "./audit.server";
import { checkPassword, newUserId, normaliseEmail } from "./users.server";

const INVITE_DAYS = 7;

/** What the invitation page offers: a new account, the signed-in owner's acceptance, or nothing until
 *  an admin activates the existing account. */
export type InviteeAccount = "newAccount" | "signIn" | "needsActivation";

const openByToken = (token: string) =>
  and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date()));

const newToken = () => {
  const token = randomToken(24);
  return { token, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITE_DAYS * 86400_000) };
};

/** Creates a one-time invitation (replacing an open one for the same e-mail); the token is returned once
 *  (for the link) and stored hashed. */
export async function createInvitation(
  db: DbOrTx,
  input: { projectId: number; email: string; role: MemberRole; groupName?: string | null; invitedBy: string },
) {
  const email = normaliseEmail(input.email);
  const { token, tokenHash, expiresAt } = newToken();
  // inviting an e-mail again replaces its open invitation to the project: one pending row, one live link
  await db
    .delete(invitations)
    .where(and(eq(invitations.projectId, input.projectId), eq(invitations.email, email), isNull(invitations.acceptedAt)));
  await db.insert(invitations).values({
    projectId: input.projectId,
    email,
    role: input.role,
    groupName: input.groupName || null,
    tokenHash,
    invitedBy: input.invitedBy,
    expiresAt,
  });
  const detail = { email, role: input.role, group: input.groupName || null };
  await recordAudit(db, { projectId: input.projectId, actorId: input.invitedBy, kind: "invitation_issued", detail });
  return { token, path: `/invite/${token}`, email };
}

export async function findOpenInvitation(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ invitation: invitations, projectName: projects.name, projectSlug: projects.slug })
    .from(invitations)
    .innerJoin(projects, eq(projects.id, invitations.projectId))
    .where(openByToken(token))
    .limit(1);
  if (!row) return null;
  const [existing] = await db
    .select({ id: users.id, hasPassword: sql<boolean>`${users.passwordHash} is not null` })
    .from(users)
    .where(sql`lower(${users.email}) = ${row.invitation.email}`)
    .limit(1);
  const account: InviteeAccount = !existing ? "newAccount" : existing.hasPassword ? "signIn" : "needsActivation";
  return { ...row, account, existingUserId: existing?.id ?? null };
}

/** Accepts an invitation once and returns the user to sign in. Refusals roll back, so the invitation
 *  stays open. */
export async function acceptInvitation(db: Db, token: string, input: { name?: string; password?: string; signedInUserId?: string | null }) {
  return db.transaction(async (tx) => {
    const [inv] = await tx.update(invitations).set({ acceptedAt: new Date() }).where(openByToken(token)).returning();
    if (!inv) throw keyedError(404, "accounts.refused.invalidLink");
    const [existing] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${inv.email}`)
      .limit(1);
    let userId: string;
    if (existing) {
      if (existing.id !== input.signedInUserId) {
        if (!existing.passwordHash)
          throw new AccountRefused(
            403,
            "needsActivation",
            `The account ${inv.email} has no password yet: an admin must activate it first`,
            inv.email,
          );
        throw new AccountRefused(403, "signInAs", `Sign in as ${inv.email} to accept this invitation`, inv.email);
      }
      userId = existing.id;
    } else {
      if (!input.password) throw invalid("errors.required", undefined, "password");
      checkPassword(input.password);
      const passwordHash = await hashPassword(input.password);
      const name = input.name?.trim().slice(0, 100) || inv.email.split("@")[0];
      // an account made for this e-mail since the lookup (an import, another invitation) is left alone
      const [made] = await tx
        .insert(users)
        .values({ id: newUserId(), email: inv.email, name, passwordHash })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!made)
        throw new AccountRefused(
          409,
          "accountExists",
          `An account for ${inv.email} exists now: sign in with it and open the link again`,
          inv.email,
        );
      userId = made.id;
    }
    await tx
      .insert(projectMembers)
      .values({ projectId: inv.projectId, userId, role: inv.role, groupName: inv.groupName })
      .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { role: inv.role, groupName: inv.groupName } });
    const [p] = await tx.select({ slug: projects.slug }).from(projects).where(eq(projects.id, inv.projectId));
    return { userId, projectSlug: p.slug };
  });
}

export async function listPendingInvitations(db: DbOrTx, projectId: number) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      groupName: invitations.groupName,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(and(eq(invitations.projectId, projectId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(invitations.id);
}

const pendingOf = (projectId: number, invitationId: number) =>
  and(eq(invitations.id, invitationId), eq(invitations.projectId, projectId), isNull(invitations.acceptedAt));

/** Withdraws a pending invitation of this project; its link stops working. */
export async function revokeInvitation(db: DbOrTx, projectId: number, invitationId: number, actorId: string | null = null) {
  const [gone] = await db.delete(invitations).where(pendingOf(projectId, invitationId)).returning({ email: invitations.email });
  if (!gone) throw keyedError(404, "accounts.members.notFound");
  await recordAudit(db, { projectId, actorId, kind: "invitation_revoked", detail: { email: gone.email } });
  return gone;
}

/** Tokens are stored hashed, so showing a link again means a new token for the same invitation: the
 *  old link stops working and the invitation runs for another INVITE_DAYS. */
export async function renewInvitationLink(db: DbOrTx, projectId: number, invitationId: number) {
  const { token, tokenHash, expiresAt } = newToken();
  const [row] = await db
    .update(invitations)
    .set({ tokenHash, expiresAt })
    .where(pendingOf(projectId, invitationId))
    .returning({ email: invitations.email });
  if (!row) throw keyedError(404, "accounts.members.notFound");
  return { token, path: `/invite/${token}`, email: row.email };
}
