// What every request meets first, on both paths (server/app.ts for Express, server/hot-api.ts for the
// task API's hot endpoints): the security headers, the CSRF origin check and the size limit.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { isForeignOrigin } from "../app/lib/origin";

export type EdgeOptions = { origin: string | null; uploadLimitBytes: number };

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** The request's scheme, as Express reports it with `trust proxy` set to "loopback": a proxy on this
 *  machine may say it with X-Forwarded-Proto, nobody else. (Express parses the peer's address with
 *  ipaddr.js on every call, a visible share of a claim's CPU.) */
export function requestProtocol(req: IncomingMessage): string {
  const own = (req.socket as TLSSocket).encrypted ? "https" : "http";
  const forwarded = req.headers["x-forwarded-proto"];
  if (!forwarded || !LOOPBACK.has(req.socket.remoteAddress ?? "")) return own;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded).split(",")[0].trim();
  return first || own;
}

/** Sets the security headers; answers 403 to a cross-origin state change and 413 to a body over the
 *  limit, and then returns false (the request is done). */
export function passEdge(req: IncomingMessage, res: ServerResponse, opts: EdgeOptions): boolean {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  const origin = req.headers.origin;
  if (
    origin !== undefined &&
    isForeignOrigin({ method: req.method ?? "GET", origin, host: req.headers.host, protocol: requestProtocol(req), configuredOrigin: opts.origin })
  ) {
    answerText(res, 403, "Cross-origin request refused");
    return false;
  }
  const length = Number(req.headers["content-length"] || 0);
  if (length > opts.uploadLimitBytes) {
    answerText(res, 413, `Request larger than the limit of ${opts.uploadLimitBytes} bytes`);
    return false;
  }
  return true;
}

export function answerText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
