import { sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { queryPrepared } from "#db/sql";
import { hashToken } from "~/lib/env.server";

type TokenRow = { project_id: number | null; id: string; email: string; name: string; is_admin: boolean; locale: string | null; disabled_at: Date | null };

/** Looks up a Bearer token (stored only as a keyed hash); revoked tokens and disabled users fail.
 *  One statement: scripts call the API many times a second, so last_used_at is written at most once a
 *  minute, by the same statement that reads the token. */
export async function authenticateApiToken(token: string) {
  if (!/^rc_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = await getDb();
  const [row] = await queryPrepared<TokenRow>(
    db,
    sql`with t as (
          select k.id as token_id, k.project_id, k.last_used_at, u.id, u.email, u.name, u.is_admin, u.locale, u.disabled_at
          from api_tokens k join users u on u.id = k.user_id
          where k.token_hash = ${hashToken(token)} and k.revoked_at is null limit 1
        ), touched as (
          update api_tokens set last_used_at = now() where id = (select token_id from t)
            and (last_used_at is null or last_used_at < now() - interval '1 minute')
        )
        select project_id, id, email, name, is_admin, locale, disabled_at from t`,
  );
  if (!row || row.disabled_at) return null;
  return {
    projectId: row.project_id === null ? null : Number(row.project_id),
    user: { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin, locale: row.locale },
  };
}
