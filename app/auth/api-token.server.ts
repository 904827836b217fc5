import { and, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "#db/client";
import { apiTokens, users } from "#db/schema";
import { hashToken } from "~/lib/env.server";

/** Looks up a Bearer token (stored only as a keyed hash); revoked tokens and disabled users fail. */
export async function authenticateApiToken(token: string) {
  if (!/^rc_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ tokenId: apiTokens.id, projectId: apiTokens.projectId, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row || row.user.disabledAt) return null;
  // at most one write a minute per token: scripts call the API many times a second
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(Date.now() - 60_000)))));
  const u = row.user;
  return {
    projectId: row.projectId,
    user: { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, locale: u.locale },
  };
}
