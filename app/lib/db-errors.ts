// Which errors mean "the database cannot be reached right now" (an outage, a restart, a network cut)
// rather than "this query is wrong". The server answers those 503 and logs them once per outage
// (server/database-outage.ts); start-up waits them out (server/database-wait.ts).

/** Node's socket errors on the way to the database. */
const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** postgres.js's own codes for a connection that closed, timed out or was torn down under a query. */
const DRIVER = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "CONNECT_TIMEOUT"]);

/** SQLSTATEs of the server going away: admin_shutdown, crash_shutdown, cannot_connect_now (starting
 *  up or shutting down), too_many_connections; class 08 is "connection exception". */
const SERVER = new Set(["57P01", "57P02", "57P03", "53300"]);

const isUnavailableCode = (code: unknown) =>
  typeof code === "string" && (NETWORK.has(code) || DRIVER.has(code) || SERVER.has(code) || /^08[0-9A-Z]{3}$/.test(code));

/** The code that marks `e` (or what it wraps: drizzle's DrizzleQueryError keeps the driver's error as
 *  `cause`, Node's happy-eyeballs connect an AggregateError of one error per address) as a connection
 *  failure, or null when it is any other error. */
export function databaseUnavailableCode(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== "object" || depth > 5) return null;
  const err = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (isUnavailableCode(err.code)) return err.code as string;
  const inner = databaseUnavailableCode(err.cause, depth + 1);
  if (inner) return inner;
  if (Array.isArray(err.errors)) {
    for (const x of err.errors) {
      const code = databaseUnavailableCode(x, depth + 1);
      if (code) return code;
    }
  }
  return null;
}

export const isDatabaseUnavailable = (e: unknown) => databaseUnavailableCode(e) !== null;

/** Seconds a client is told to wait (Retry-After) while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;
