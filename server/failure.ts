// The last line of defence: no single request may take the process down. An error no route turned
// into an answer is logged with its stack and answered 500 (503 when the database is unreachable,
// logged once per outage by server/database-outage.ts); an exception that escapes every handler (an
// 'error' event nobody listens to, a rejected promise nobody awaits) is logged and the server goes on.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { answerUnavailable, databaseOutage } from "./database-outage";
import { answerText } from "./edge";

const pathOf = (url: string | undefined) => (url ?? "").split("?", 1)[0];

/** An error that says it is the client's (Express's and its middleware's convention: a 4xx `status`,
 *  e.g. a path that does not decode), answered as Express's own last handler would. */
function clientErrorStatus(e: unknown): number | null {
  const status = (e as { status?: unknown; statusCode?: unknown } | null)?.status ?? (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

/** Answers a request whose handler failed unexpectedly (or cuts its connection if the answer had begun). */
export function failRequest(e: unknown, req: IncomingMessage, res: ServerResponse) {
  const clientError = clientErrorStatus(e);
  if (clientError && !res.headersSent) return answerText(res, clientError, STATUS_CODES[clientError] ?? "Bad Request");
  const unavailable = databaseOutage.failed(e);
  if (!unavailable) console.error(`Unexpected error answering ${req.method} ${pathOf(req.url)}:`, e);
  if (res.headersSent) res.destroy();
  else if (unavailable) answerUnavailable(req, res);
  else answerText(res, 500, "Internal Server Error");
}

/** Keeps the process serving after an exception no handler caught. It cannot be traced to its request
 *  (that request's client waits until its connection closes), so it is logged loudly with its stack;
 *  a lost database only counts towards the outage. */
export function guardProcess() {
  const report = (what: string) => (e: unknown) => {
    if (!databaseOutage.failed(e)) console.error(`Unexpected ${what}; the server keeps running:`, e);
  };
  process.on("uncaughtException", report("uncaught exception"));
  process.on("unhandledRejection", report("unhandled rejection"));
}
