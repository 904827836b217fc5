// Remix's request handler for Express, sending response bodies with back-pressure.
//
// @remix-run/express 2.17 sends a body with @remix-run/node's writeReadableStreamToWritable: a loop of
// `await reader.read(); res.write(chunk)` that never looks at write()'s return value nor waits for
// 'drain'. For a streamed export to a slow client, Node would then pull the whole export from the
// database and keep in memory what the socket has not taken. Here the body goes through
// stream.pipeline, which stops reading while the socket's buffer is full (test/http-backpressure.test.ts).
//
// The request side is the adapter's createRemixRequest, but with the body read through the edge's
// limit (server/edge.ts): past it the client has its 413, the action's read of the body fails and the
// request's signal is aborted, so Remix neither answers nor logs it. Around Remix: while the database
// is known to be down, 503 at once; a request that failed on a lost database is answered 503 too, and
// its error is left to the outage tracker instead of the log (server/database-outage.ts).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createRemixHeaders } from "@remix-run/express/dist/server.js";
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixHandler,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type express from "express";
import { answerUnavailable, databaseOutage } from "./database-outage";
import { BodyTooLarge, bodyLimit, copyHeaders, limitedBody, type EdgeOptions } from "./edge";

/** Status, headers (as the adapter sets them) and the body, never faster than the client reads it. */
export async function sendResponse(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  copyHeaders(res, response.headers);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

/** The client went away mid-body: pipeline has already cancelled the body stream (the export stops). */
const isClientGone = (e: unknown) => (e as { code?: string })?.code === "ERR_STREAM_PREMATURE_CLOSE";

/** The adapter's createRemixRequest (@remix-run/express 2.17), the body read within the edge's limit. */
function remixRequest(req: express.Request, res: express.Response, edge: EdgeOptions): Request {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find(Number.isSafeInteger) ?? "";
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers: createRemixHeaders(req.headers),
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = limitedBody(req, res, bodyLimit(req.originalUrl, edge));
    body.once("error", (e) => e instanceof BodyTooLarge && controller?.abort(e));
    init.body = createReadableStreamFromReadable(body);
    init.duplex = "half";
  }
  // abort the loaders and actions once no answer can be written any more (`close` without `finish`)
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

/** The build with its handleError told apart from lost-database errors, which go to the tracker. */
function withOutageErrors(build: ServerBuild): ServerBuild {
  const own = build.entry.module.handleError;
  const handleError: typeof own = (error, args) => {
    if (databaseOutage.failed(error) || databaseOutage.failed((error as { error?: unknown })?.error)) return;
    if (own) own(error, args);
    else if (!args.request.signal.aborted) console.error(error);
  };
  return { ...build, entry: { ...build.entry, module: { ...build.entry.module, handleError } } };
}

export function createRequestHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext;
  edge: EdgeOptions;
}): express.RequestHandler {
  const { build } = options;
  const handleRequest = createRemixHandler(
    typeof build === "function" ? () => build().then(withOutageErrors) : withOutageErrors(build),
    options.mode,
  );
  return async (req, res, next) => {
    if (databaseOutage.down) return answerUnavailable(req, res);
    const failures = databaseOutage.failures;
    try {
      const response = await handleRequest(remixRequest(req, res, options.edge), options.getLoadContext(req, res));
      if (res.headersSent) {
        // the edge refused the body meanwhile
        await response.body?.cancel();
      } else if (response.status >= 500 && databaseOutage.failures !== failures) {
        await response.body?.cancel();
        answerUnavailable(req, res);
      } else {
        await sendResponse(res, response);
      }
    } catch (error) {
      if (error instanceof BodyTooLarge || isClientGone(error)) return;
      next(error);
    }
  };
}
