import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { sessions, users } from "#db/schema";
import { dummyHash, hashPassword, verifyPassword } from "~/auth/password.server";
import { badRequest, invalid, keyedError } from "~/lib/errors";
import { EMAIL, PASSWORD } from "~/lib/forms/fields";
import { revokeAllApiTokens } from "./tokens.server";

export const newUserId = () => crypto.randomBytes(12).toString("base64url");

export function normaliseEmail(email: string) {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254) throw invalid("errors.email", undefined, "email");
  return e;
}

export function checkPassword(password: string) {
  if (password.length < PASSWORD.min || password.length > PASSWORD.max) throw invalid("errors.passwordLength", PASSWORD, "password");
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return u ?? null;
}

export async function createUser(db: DbOrTx, input: { email: string; password?: string | null; name?: string; isAdmin?: boolean }) {
  const email = normaliseEmail(input.email);
  // an account without a password is claimed through an admin's password link; an admin made that
  // way would be one link away from whoever gets it, so an admin starts with a password
  if (input.isAdmin && input.password == null)
    throw badRequest("An admin account needs a password (give one on stdin with --password-stdin)", "password");
  if (input.password != null) checkPassword(input.password);
  const passwordHash = input.password != null ? await hashPassword(input.password) : null;
  const [u] = await db
    .insert(users)
    .values({ id: newUserId(), email, name: input.name?.trim() || email.split("@")[0], passwordHash, isAdmin: !!input.isAdmin })
    .onConflictDoNothing()
    .returning();
  if (!u) throw keyedError(409, "errors.userExists", { email }, "email");
  return u;
}

/** Returns the user when the credentials match; spends the same time when the account is unknown. */
export async function verifyCredentials(db: DbOrTx, email: string, password: string) {
  const user = await findUserByEmail(db, email);
  if (!user || !user.passwordHash || user.disabledAt) {
    await verifyPassword(await dummyHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/** Sets a new password and, in the same transaction, ends everything the old one opened: every session
 *  of the user (the caller starts a fresh one for the person who changed it) and every API token. */
export async function setPassword(db: DbOrTx, userId: string, password: string) {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    // rows deleted directly rather than through lucia (app/auth), so that they go in this transaction
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await revokeAllApiTokens(tx, userId);
  });
}

export async function setLocale(db: DbOrTx, userId: string, locale: string) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
