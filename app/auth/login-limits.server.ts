// The sign-in limits' counters, in the login_failures table (migration 0011) so that every app process
// counts the same failures. Each attempt is counted *before* the password is checked, by one atomic
// upsert per attempt: concurrent guesses each see their own count, and none slips through between a
// read and a write. An attempt refused by the limits, or one that succeeds, takes its count back.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { defaultLoginLimits, loginBuckets, oldestLiveWindow, retryAfter, type LoginBucket, type LoginLimits } from "./rate-limit";

export type LoginAttempt = { buckets: LoginBucket[]; retryAfterMs: number };

const keys = (buckets: LoginBucket[]) => ({
  names: sql.param(buckets.map((b) => b.bucket)),
  starts: sql.param(buckets.map((b) => b.windowStart.toISOString())),
});

/** Counts a sign-in attempt; `retryAfterMs > 0` means it is refused (and then not counted). */
export async function beginLoginAttempt(
  db: DbOrTx,
  account: string,
  address: string,
  now = Date.now(),
  limits: LoginLimits = defaultLoginLimits,
): Promise<LoginAttempt> {
  // in key order, so that two attempts upserting the same rows never wait on each other crosswise
  const buckets = loginBuckets(account, address, now, limits).sort((a, b) => (a.bucket < b.bucket ? -1 : 1));
  if (Math.random() < 1 / 32) await pruneLoginFailures(db, now, limits);
  const { names, starts } = keys(buckets);
  const rows = await queryRows<{ bucket: string; failures: number }>(
    db,
    sql`insert into login_failures as f (bucket, window_start, failures)
        select u.bucket, u.window_start, 1 from unnest(${names}::text[], ${starts}::text[]::timestamptz[]) as u(bucket, window_start)
        on conflict (bucket, window_start) do update set failures = f.failures + 1
        returning f.bucket, f.failures`,
  );
  const counted = buckets.map((bucket) => ({ bucket, failures: Number(rows.find((r) => r.bucket === bucket.bucket)?.failures ?? 0) }));
  const retryAfterMs = retryAfter(counted, now);
  if (retryAfterMs > 0) await takeBack(db, buckets);
  return { buckets, retryAfterMs };
}

/** A good password: this attempt was no failure, and its account+address pair starts afresh (the
 *  account's and the address's own failures stay, or one good sign-in would hide a spray). */
export async function loginSucceeded(db: DbOrTx, attempt: LoginAttempt) {
  const pair = attempt.buckets.filter((b) => b.kind === "pair");
  await takeBack(
    db,
    attempt.buckets.filter((b) => b.kind !== "pair"),
  );
  await db.execute(sql`delete from login_failures where bucket = any(${sql.param(pair.map((b) => b.bucket))}::text[])`);
}

async function takeBack(db: DbOrTx, buckets: LoginBucket[]) {
  const { names, starts } = keys(buckets);
  // The rows are locked first in key order, as the upsert takes them: an update joined straight to
  // the array locks them in whatever order the join yields, and two such updates deadlocked.
  await db.execute(
    sql`with mine as (
          select f.bucket, f.window_start from login_failures f
          join unnest(${names}::text[], ${starts}::text[]::timestamptz[]) as u(bucket, window_start)
            on f.bucket = u.bucket and f.window_start = u.window_start
          where f.failures > 0
          order by f.bucket collate "C", f.window_start
          for update of f)
        update login_failures f set failures = f.failures - 1
        from mine where f.bucket = mine.bucket and f.window_start = mine.window_start`,
  );
}

/** Deletes the windows no limit looks at any more (done now and then by beginLoginAttempt). */
export async function pruneLoginFailures(db: DbOrTx, now = Date.now(), limits: LoginLimits = defaultLoginLimits) {
  await db.execute(sql`delete from login_failures where window_start < ${oldestLiveWindow(now, limits).toISOString()}::timestamptz`);
}
