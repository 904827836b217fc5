import { sql } from "drizzle-orm";
import { Batcher, batcherFor } from "#db/batch";
import { getDb, type Db } from "#db/client";
import { queryPrepared } from "#db/sql";
import { hashToken } from "~/lib/env.server";

type TokenRow = { token_hash: string; project_id: number | null; id: string; email: string; name: string; is_admin: boolean; locale: string | null; disabled_at: Date | null };

/** The tokens of several requests in one statement (db/batch.ts: a lone request goes alone, at once).
 *  last_used_at is written at most once a minute, by the same statement that reads the token: scripts
 *  call the API many times a second. */
async function lookUp(db: Db, hashes: string[]): Promise<(TokenRow | undefined)[]> {
  const rows = await queryPrepared<TokenRow>(
    db,
    sql`with t as (
          select k.token_hash, k.id as token_id, k.project_id, k.last_used_at, u.id, u.email, u.name, u.is_admin, u.locale, u.disabled_at
          from api_tokens k join users u on u.id = k.user_id
          where k.token_hash = any(${sql.param(hashes)}::text[]) and k.revoked_at is null
        ), touched as (
          update api_tokens set last_used_at = now() where id in (select token_id from t)
            and (last_used_at is null or last_used_at < now() - interval '1 minute')
        )
        select token_hash, project_id, id, email, name, is_admin, locale, disabled_at from t`,
  );
  const byHash = new Map(rows.map((r) => [r.token_hash, r]));
  return hashes.map((h) => byHash.get(h));
}

const tokenBatchers = new WeakMap<Db, Batcher<string, TokenRow | undefined>>();

/** Looks up a Bearer token (stored only as a keyed hash); revoked tokens and disabled users fail. */
export async function authenticateApiToken(token: string) {
  if (!/^rc_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = await getDb();
  const batcher = batcherFor(tokenBatchers, db, () => new Batcher({ many: (hs) => lookUp(db, hs), one: async (h) => (await lookUp(db, [h]))[0] }));
  const row = await batcher.call(hashToken(token));
  if (!row || row.disabled_at) return null;
  return {
    projectId: row.project_id === null ? null : Number(row.project_id),
    user: { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin, locale: row.locale },
  };
}
