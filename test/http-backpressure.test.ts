// A streamed response to a client that stops reading (server/remix-handler.ts): the body stream must be
// pulled only as far as the socket's buffers reach, not to the end. The export's ReadableStream
// (services/exports/http.server.ts) pulls one chunk per read, like the body here.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { sendRemixResponse } from "@remix-run/express/dist/server.js";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { sendResponse } from "../server/remix-handler";

const CHUNK = 64 * 1024;
const TOTAL = 1024 * CHUNK; // 64 MB, far more than the socket buffers of both ends hold

/** A pull stream like the export's (highWaterMark 0), counting what has been pulled and hashing it. */
function countingBody() {
  const hash = crypto.createHash("sha256");
  const state = { produced: 0, cancelled: false, sha: "" };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.produced >= TOTAL) {
          state.sha = hash.digest("hex");
          controller.close();
          return;
        }
        const chunk = crypto.randomBytes(CHUNK);
        hash.update(chunk);
        state.produced += CHUNK;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

type Send = (res: express.Response, response: Response) => Promise<void>;

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) (s.closeAllConnections(), s.close());
});

async function serve(send: Send) {
  const body = countingBody();
  const outcome: { error?: unknown } = {};
  const app = express();
  app.get("/", (_req, res) => {
    send(res, new Response(body.stream, { headers: { "Content-Type": "application/jsonl" } })).catch((e) => (outcome.error = e));
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  return { body, outcome, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Opens the download and reads nothing; resolves once the server has stopped producing. */
async function stalledClient(url: string, produced: () => number) {
  const res = await new Promise<http.IncomingMessage>((resolve) => http.get(url, resolve));
  res.pause();
  let last = -1;
  for (let i = 0; i < 100 && produced() !== last; i++) ((last = produced()), await sleep(150));
  return res;
}

describe("streamed responses and a slow client", () => {
  it("sendResponse pulls only what the socket can hold, then everything once the client reads", async () => {
    const { body, url } = await serve(sendResponse);
    const res = await stalledClient(url, () => body.state.produced);
    expect(res.headers["content-type"]).toMatch(/^application\/jsonl/);
    expect(body.state.produced).toBeLessThan(TOTAL / 4);
    const hash = crypto.createHash("sha256");
    let received = 0;
    for await (const chunk of res) ((received += chunk.length), hash.update(chunk));
    expect(received).toBe(TOTAL);
    expect(hash.digest("hex")).toBe(body.state.sha);
  });

  it("sendResponse cancels the body when the client goes away", async () => {
    const { body, outcome, url } = await serve(sendResponse);
    const res = await stalledClient(url, () => body.state.produced);
    res.destroy();
    for (let i = 0; i < 50 && !body.state.cancelled; i++) await sleep(20);
    expect(body.state.cancelled).toBe(true);
    expect((outcome.error as { code?: string }).code).toBe("ERR_STREAM_PREMATURE_CLOSE");
  });

  // Why server/remix-handler.ts exists: if this starts failing, the adapter waits for 'drain' itself.
  it("Remix's own sendRemixResponse pulls the whole body into memory meanwhile", async () => {
    const { body, url } = await serve(sendRemixResponse);
    const res = await stalledClient(url, () => body.state.produced);
    expect(body.state.produced).toBe(TOTAL);
    res.destroy();
  });
});
