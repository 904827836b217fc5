// Remix's request handler for Express, sending response bodies with back-pressure.
//
// @remix-run/express 2.17 sends a body with @remix-run/node's writeReadableStreamToWritable: a loop of
// `await reader.read(); res.write(chunk)` that never looks at write()'s return value nor waits for
// 'drain'. For a streamed export to a slow client, Node would then pull the whole export from the
// database and keep in memory what the socket has not taken. Here the body goes through
// stream.pipeline, which stops reading while the socket's buffer is full (test/http-backpressure.test.ts).
// The request side is the adapter's own createRemixRequest (its module has no `exports` map; pinned).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type express from "express";

/** Status, headers (as the adapter sets them) and the body, never faster than the client reads it. */
export async function sendResponse(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

/** The client went away mid-body: pipeline has already cancelled the body stream (the export stops). */
const isClientGone = (e: unknown) => (e as { code?: string })?.code === "ERR_STREAM_PREMATURE_CLOSE";

export function createRequestHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext;
}): express.RequestHandler {
  const handleRequest = createRemixHandler(options.build, options.mode);
  return async (req, res, next) => {
    try {
      const response = await handleRequest(createRemixRequest(req, res), options.getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      if (!isClientGone(error)) next(error);
    }
  };
}
