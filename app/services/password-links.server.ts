// One-time links that let the owner of an account without a password set one: the only way such an
// account (made by a ratings import, or by the CLI without a password) is ever claimed. Only an admin
// issues them (the CLI's operator, or a signed-in admin), never a project manager, so nobody who can
// merely invite an e-mail can take the account over. A link sets a password only while the account
// still has none: it cannot reset the password of an account in use, so a link handed to the wrong
// person or leaked later is worth nothing once the owner has claimed the account.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { passwordLinks, sessions, users } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { hashToken, randomToken } from "~/lib/env.server";
import { conflict, forbidden, keyedError, notFound } from "~/lib/errors";
import { AccountRefused } from "./account-refused";
import { checkPassword, normaliseEmail } from "./users.server";

/** The owner usually gets the link by hand from the admin, the same day. */
export const PASSWORD_LINK_HOURS = 72;

const open = (token: string) =>
  and(eq(passwordLinks.tokenHash, hashToken(token)), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, new Date()));

/** Issues a link for the account with this e-mail; the token is returned once and stored as a keyed
 *  hash. `issuedBy` null is the server's operator (the CLI); a user id must be an active admin. Any
 *  older unused link of the account stops working. */
export async function issuePasswordLink(db: Db, input: { email: string; issuedBy: string | null }) {
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx) => {
    if (input.issuedBy !== null) {
      const [admin] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.issuedBy), eq(users.isAdmin, true), isNull(users.disabledAt)));
      if (!admin) throw forbidden("Only an admin issues password links");
    }
    // the row lock makes two links issued at once take turns, so only the newer one stays valid
    const [user] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`)
      .for("update");
    if (!user) throw notFound(`No user with the e-mail ${email}`);
    if (user.disabledAt) throw conflict(`The account ${email} is disabled`);
    if (user.passwordHash)
      throw new AccountRefused(409, "hasPassword", `The account ${email} already has a password: its owner signs in with it`, email);
    const now = new Date();
    await tx
      .update(passwordLinks)
      .set({ expiresAt: now })
      .where(and(eq(passwordLinks.userId, user.id), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now)));
    const token = randomToken(24);
    const expiresAt = new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000);
    await tx.insert(passwordLinks).values({ userId: user.id, tokenHash: hashToken(token), createdBy: input.issuedBy, expiresAt });
    return { token, path: `/password/${token}`, email: user.email, expiresAt };
  });
}

/** The account an open link would activate, or null (unknown, used, expired, or already claimed). */
export async function findOpenPasswordLink(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ userId: users.id, email: users.email, expiresAt: passwordLinks.expiresAt })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(and(open(token), isNull(users.passwordHash), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

/** Sets the account's first password and uses the link up, in one transaction: the link and the
 *  password are each taken by a conditional update, so two submits of one link (or of two links) set
 *  one password. Every session of the account ends; the caller starts the owner's new one. */
export async function redeemPasswordLink(db: Db, token: string, password: string) {
  checkPassword(password);
  // a cheap look first, so that forged links cost no password hashing
  if (!(await findOpenPasswordLink(db, token))) throw keyedError(404, "accounts.refused.invalidLink");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const now = new Date();
    const [link] = await tx.update(passwordLinks).set({ usedAt: now }).where(open(token)).returning({ userId: passwordLinks.userId });
    if (!link) throw keyedError(404, "accounts.refused.invalidLink");
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, link.userId), isNull(users.passwordHash), isNull(users.disabledAt)))
      .returning({ id: users.id, email: users.email });
    if (!user) throw new AccountRefused(409, "hasPassword", "This account already has a password: sign in with it");
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await tx
      .update(passwordLinks)
      .set({ expiresAt: now })
      .where(and(eq(passwordLinks.userId, user.id), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now)));
    return { userId: user.id, email: user.email };
  });
}
