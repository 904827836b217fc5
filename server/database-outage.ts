// What the server does while PostgreSQL cannot be reached. A request that fails on a connection error
// reports it here; the database is then checked at once: if it does not answer, an outage begins (one
// log line), every request that needs it is answered 503 with Retry-After without trying, and a check
// every second ends the outage (another line) as soon as the database answers. No stack per request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { databaseUnavailableCode, RETRY_AFTER_SECONDS } from "../app/lib/db-errors";
import { detectLocale } from "../app/i18n/detect";
import outageMessages from "../app/i18n/features/outage";

type Log = (line: string) => void;

export class DatabaseOutage {
  private state: "up" | "checking" | "down" = "up";
  /** connection failures seen so far: a request compares it before and after it ran */
  failures = 0;

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly opts: { intervalMs: number; timeoutMs: number; log: Log } = {
      intervalMs: 1000,
      timeoutMs: 5000,
      log: (l) => console.error(l),
    },
  ) {}

  /** True while an outage is known: requests are then answered 503 without trying the database. */
  get down() {
    return this.state === "down";
  }

  /** Whether `e` is the database being unreachable. If it is and no outage is known, the database is
   *  checked at once (the error may have been one connection's). */
  failed(e: unknown): boolean {
    const code = databaseUnavailableCode(e);
    if (!code) return false;
    this.failures++;
    if (this.state === "up") {
      this.state = "checking";
      void this.watch(code);
    }
    return true;
  }

  private async watch(code: string) {
    const started = Date.now();
    for (let problem = await this.check(); problem; problem = await this.check()) {
      if (this.state !== "down") {
        this.state = "down";
        this.opts.log(`Database unreachable (${problem}): answering 503 until it is back`);
      }
      await new Promise((r) => setTimeout(r, this.opts.intervalMs).unref());
    }
    if (this.state === "down") this.opts.log(`Database reachable again after ${Math.round((Date.now() - started) / 1000)} s`);
    else this.opts.log(`Database connection lost (${code}); the database answers again`);
    this.state = "up";
  }

  /** null when the database answers, else what went wrong (its error code, or the wait). */
  private async check(): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs).unref();
    });
    try {
      await Promise.race([this.probe(), timeout]);
      return null;
    } catch (e) {
      return databaseUnavailableCode(e) ?? (e as Error)?.message ?? String(e);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The process's tracker, checking with the process's database handle. */
export const databaseOutage = new DatabaseOutage(async () => (await getDb()).execute(sql`select 1`));

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** 503 with Retry-After: JSON for the API, a short page (that reloads itself) for a browser. */
export function answerUnavailable(req: IncomingMessage, res: ServerResponse) {
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  if (req.url?.startsWith("/api/")) {
    const body = JSON.stringify({ error: "The database is unreachable; try again shortly" });
    res.writeHead(503, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const header = (name: string) => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v.join(", ") : v) ?? null;
  };
  const locale = detectLocale(header("cookie"), header("accept-language"));
  const t = outageMessages[locale];
  // a GET reloads itself; a form post is not sent again behind the user's back
  const refresh = req.method === "GET" ? `<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS * 2}">` : "";
  const body = `<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escapeHtml(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:6rem auto;padding:0 1.5rem;color:#1e293b}p{color:#475569}</style>
</head><body><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.body)}</p><p><a href="">${escapeHtml(t.retry)}</a></p></body></html>
`;
  res.writeHead(503, {
    ...headers,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}
