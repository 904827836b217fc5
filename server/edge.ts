// What every request meets first, on both paths (server/app.ts for Express, server/hot-api.ts for the
// task API's hot endpoints): the security headers, the CSRF origin check and the size limits. The body
// limit is enforced twice: at once from Content-Length, and again on the bytes as they arrive (a chunked
// body declares no length), by the one reader both paths take the body through (readBody, limitedBody).
import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform, type Readable } from "node:stream";
import type { TLSSocket } from "node:tls";
import { isForeignOrigin } from "../app/lib/origin";

export type EdgeOptions = { origin: string | null; uploadLimitBytes: number; formLimitBytes: number };

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

/** The import uploads may be as large as UPLOAD_LIMIT_MB; every other body (forms, the JSON API) gets
 *  the small limit. A page's action is posted to its URL + ".data" (Remix's single fetch). */
const UPLOADS = /^\/projects\/[^/]+\/(?:import\/run|reports\/import(?:\.data)?)$/;

export function bodyLimit(url: string | undefined, opts: EdgeOptions): number {
  const path = url ? url.split("?", 1)[0] : "/";
  return UPLOADS.test(path) ? opts.uploadLimitBytes : opts.formLimitBytes;
}

/** A response's headers onto the Node response: each replaces what the edge set (X-Content-Type-Options
 *  once, not twice, when a route sets it too); only Set-Cookie may repeat. */
export function copyHeaders(res: ServerResponse, headers: Headers) {
  for (const [key, value] of headers.entries()) {
    if (key === "set-cookie") res.appendHeader(key, value);
    else res.setHeader(key, value);
  }
}

/** Sets the security headers; answers 403 to a cross-origin state change and 413 to a body declared
 *  over the limit, and then returns false (the request is done). */
export function passEdge(req: IncomingMessage, res: ServerResponse, opts: EdgeOptions): boolean {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  const origin = req.headers.origin;
  if (
    origin !== undefined &&
    isForeignOrigin({
      method: req.method ?? "GET",
      origin,
      host: req.headers.host,
      protocol: requestProtocol(req),
      configuredOrigin: opts.origin,
    })
  ) {
    answerText(res, 403, "Cross-origin request refused");
    return false;
  }
  const limit = bodyLimit(req.url, opts);
  if (Number(req.headers["content-length"] || 0) > limit) {
    refuseBody(req, res, limit);
    return false;
  }
  return true;
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`Request larger than the limit of ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

/** How long a refused client has to read its 413 before the connection is closed. Closing at once
 *  while it is still sending resets the connection, and the client may lose the answer with it. */
const REFUSAL_GRACE_MS = 1000;

/** 413: the whole answer is written at once, nothing more of the body is read (the client's sending
 *  stalls on full socket buffers), and the connection is closed after a moment. (A route that had
 *  already begun its answer: the connection is cut.) */
function refuseBody(req: IncomingMessage, res: ServerResponse, limit: number) {
  req.unpipe();
  req.removeAllListeners("data");
  req.pause();
  req.socket.pause();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = new BodyTooLarge(limit).message;
  res.writeHead(413, { Connection: "close", "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.write(text);
  const timer = setTimeout(() => res.end(), REFUSAL_GRACE_MS).unref();
  res.once("close", () => clearTimeout(timer));
}

/** The whole body (null when empty), or false once it passed `limit` bytes: then the client has been
 *  refused and nothing more is read. For the small bodies of the hot path. Events, not `for await`:
 *  the async iterator cost more than the claim's JSON work. */
export function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null | false> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | null = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (!chunks) return;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        chunks = null;
        refuseBody(req, res, limit);
        resolve(false);
      }
    });
    req.on("end", () => chunks && resolve(size ? Buffer.concat(chunks) : null));
    req.on("error", reject);
  });
}

/** The body as a stream that ends with the body or fails with BodyTooLarge once it passed `limit`
 *  bytes (the client then has its 413 and nothing more is read): for Remix, whose forms and uploads
 *  read the body as it comes. */
export function limitedBody(req: IncomingMessage, res: ServerResponse, limit: number): Readable {
  let size = 0;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size <= limit) return done(null, chunk);
      refuseBody(req, res, limit);
      done(new BodyTooLarge(limit));
    },
  });
  req.on("error", (e) => body.destroy(e));
  return req.pipe(body);
}

export function answerText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...headers, "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
