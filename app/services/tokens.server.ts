import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { apiTokens } from "#db/schema";
import { hashToken, randomToken } from "~/lib/env.server";
import { notFound } from "~/lib/errors";
import { recordAudit } from "./audit.server";

/** Creates a personal API token; the plain token is returned once and only its keyed hash is stored. */
export async function createApiToken(db: DbOrTx, input: { userId: string; projectId?: number | null; name?: string }) {
  const token = `rc_${randomToken(30)}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId: input.userId,
      projectId: input.projectId ?? null,
      name: input.name ?? "",
      tokenHash: hashToken(token),
      prefix: token.slice(0, 9),
    })
    .returning({ id: apiTokens.id });
  const detail = { token_id: row.id, name: input.name ?? "", prefix: token.slice(0, 9), scope: input.projectId ? "project" : "all" };
  await recordAudit(db, { projectId: input.projectId ?? null, actorId: input.userId, kind: "token_created", detail });
  return { id: row.id, token };
}

export async function listApiTokens(db: DbOrTx, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      projectId: apiTokens.projectId,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: DbOrTx, userId: string, tokenId: number) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, projectId: apiTokens.projectId, prefix: apiTokens.prefix });
  if (!rows.length) throw notFound("No such token");
  const [r] = rows;
  await recordAudit(db, { projectId: r.projectId, actorId: userId, kind: "token_revoked", detail: { token_id: r.id, prefix: r.prefix } });
}

/** Revokes every live token of a user (a password change: a token made by whoever knew the old password
 *  must not outlive it). Returns how many were revoked. */
export async function revokeAllApiTokens(db: DbOrTx, userId: string) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}
