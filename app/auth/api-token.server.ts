import { sql } from "drizzle-orm";
import { Batcher, batcherFor } from "#db/batch";
import { getDb, type Db } from "#db/client";
import { queryPrepared } from "#db/sql";
import { hashToken } from "~/lib/env.server";

type TokenRow = { project_id: number | null; id: string; email: string; name: string; is_admin: boolean; locale: string | null };

/** The tokens of several requests in one statement (db/batch.ts: a lone request goes alone, at once),
 *  by rolecall_token_users (migrations/0009), which the task API's batched claims and submits use too:
 *  one rule for which tokens are good. last_used_at is written at most once a minute, by the same
 *  statement that reads the token: scripts call the API many times a second. */
async function lookUp(db: Db, hashes: string[]): Promise<(TokenRow | undefined)[]> {
  const rows = await queryPrepared<TokenRow & { i: number }>(
    db,
    sql`select t.i, t.token_project as project_id, u.id, u.email, u.name, u.is_admin, u.locale
        from rolecall_token_users(${sql.param(hashes)}::text[]) t join users u on u.id = t.user_id`,
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
  return hashes.map((_, i) => byIndex.get(i + 1));
}

const tokenBatchers = new WeakMap<Db, Batcher<string, TokenRow | undefined>>();

/** The token of an `Authorization: Bearer …` header: undefined without one, "" for a malformed one. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("Authorization");
  if (header === null) return undefined;
  return header.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "";
}

// A script sends its token with every call: its keyed hash is kept (a bounded map, emptied when full)
// rather than made again each time, where it was a visible share of a claim's CPU
const hashes = new Map<string, string>();

/** The keyed hash an API token is stored under, or null for a string that cannot be a token. */
export function apiTokenHash(token: string): string | null {
  if (!/^rc_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  let h = hashes.get(token);
  if (h === undefined) {
    if (hashes.size >= 10_000) hashes.clear();
    hashes.set(token, (h = hashToken(token)));
  }
  return h;
}

/** Looks up a Bearer token (stored only as a keyed hash); revoked tokens and disabled users fail. */
export async function authenticateApiToken(token: string) {
  const hash = apiTokenHash(token);
  return hash === null ? null : authenticateTokenHash(hash);
}

/** The same, for a token already hashed (apiTokenHash). */
export async function authenticateTokenHash(hash: string) {
  const db = await getDb();
  const batcher = batcherFor(
    tokenBatchers,
    db,
    () => new Batcher({ many: (hs) => lookUp(db, hs), one: async (h) => (await lookUp(db, [h]))[0] }),
  );
  const row = await batcher.call(hash);
  if (!row) return null;
  return {
    projectId: row.project_id === null ? null : Number(row.project_id),
    user: { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin, locale: row.locale },
  };
}
