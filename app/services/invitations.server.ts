import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { invitations, projectMembers, projects, users } from "#db/schema";
import type { MemberRole } from "~/domain/roles";
import { hashPassword } from "~/auth/password.server";
import { hashToken, randomToken } from "~/lib/env.server";
import { AppError, badRequest, notFound } from "~/lib/errors";
import { checkPassword, newUserId, normaliseEmail } from "./users.server";

const INVITE_DAYS = 7;

/** Creates a one-time invitation; the token is returned once (for the link) and stored hashed. */
export async function createInvitation(
  db: DbOrTx,
  input: { projectId: number; email: string; role: MemberRole; groupName?: string | null; invitedBy: string },
) {
  const email = normaliseEmail(input.email);
  const token = randomToken(24);
  await db.insert(invitations).values({
    projectId: input.projectId,
    email,
    role: input.role,
    groupName: input.groupName || null,
    tokenHash: hashToken(token),
    invitedBy: input.invitedBy,
    expiresAt: new Date(Date.now() + INVITE_DAYS * 86400_000),
  });
  return { token, path: `/invite/${token}`, email };
}

export async function findOpenInvitation(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ invitation: invitations, projectName: projects.name, projectSlug: projects.slug })
    .from(invitations)
    .innerJoin(projects, eq(projects.id, invitations.projectId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
    .limit(1);
  if (!row) return null;
  const [existing] = await db.select().from(users).where(sql`lower(${users.email}) = ${row.invitation.email}`).limit(1);
  return { ...row, existingUser: existing ?? null };
}

/** Accepts an invitation once. A new invitee (or an imported annotator without a password) sets a
 *  password here; an existing account must be the one signed in. Returns the user id to sign in. */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name?: string; password?: string; signedInUserId?: string | null },
) {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
      .returning();
    if (!inv) throw notFound("This invitation link is invalid, expired or already used");
    const [existing] = await tx.select().from(users).where(sql`lower(${users.email}) = ${inv.email}`).limit(1);
    let userId: string;
    if (existing?.passwordHash) {
      if (existing.id !== input.signedInUserId) throw new AppError(403, "Sign in as " + inv.email + " to accept this invitation");
      userId = existing.id;
    } else {
      if (!input.password) throw badRequest("Choose a password", "password");
      checkPassword(input.password);
      const passwordHash = await hashPassword(input.password);
      const name = input.name?.trim() || inv.email.split("@")[0];
      if (existing) {
        await tx.update(users).set({ passwordHash, name }).where(eq(users.id, existing.id));
        userId = existing.id;
      } else {
        userId = newUserId();
        await tx.insert(users).values({ id: userId, email: inv.email, name, passwordHash });
      }
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
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, groupName: invitations.groupName, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.projectId, projectId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())));
}
