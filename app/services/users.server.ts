import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { users } from "#db/schema";
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "~/auth/password.server";
import { badRequest, conflict } from "~/lib/errors";

export const newUserId = () => crypto.randomBytes(12).toString("base64url");

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normaliseEmail(email: string) {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254) throw badRequest("Not a valid e-mail address", "email");
  return e;
}

export function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) throw badRequest(`The password needs at least ${MIN_PASSWORD_LENGTH} characters`, "password");
  if (password.length > 512) throw badRequest("The password is too long", "password");
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [u] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`).limit(1);
  return u ?? null;
}

export async function createUser(
  db: DbOrTx,
  input: { email: string; password?: string | null; name?: string; isAdmin?: boolean },
) {
  const email = normaliseEmail(input.email);
  if (input.password != null) checkPassword(input.password);
  const passwordHash = input.password != null ? await hashPassword(input.password) : null;
  const [u] = await db
    .insert(users)
    .values({ id: newUserId(), email, name: input.name?.trim() || email.split("@")[0], passwordHash, isAdmin: !!input.isAdmin })
    .onConflictDoNothing()
    .returning();
  if (!u) throw conflict(`A user with the e-mail ${email} already exists`);
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

export async function setPassword(db: DbOrTx, userId: string, password: string) {
  checkPassword(password);
  await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, userId));
}

export async function setLocale(db: DbOrTx, userId: string, locale: string) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
