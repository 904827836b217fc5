// server/edge.ts: the checks every request meets first, on the Express path and the hot path alike.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { BodyTooLarge, bodyLimit, limitedBody, passEdge, readBody, requestProtocol } from "../server/edge";
import { sendChunked } from "./support/chunked-client";

const request = (headers: Record<string, string>, remoteAddress = "127.0.0.1", method = "POST", url = "/") =>
  ({
    method,
    url,
    headers,
    socket: { remoteAddress, encrypted: false, pause() {} },
    unpipe() {},
    removeAllListeners() {},
    pause() {},
  }) as unknown as IncomingMessage;

function response() {
  const r = { headers: {} as Record<string, unknown>, status: 0, body: "" };
  const res = {
    setHeader: (k: string, v: unknown) => void (r.headers[k.toLowerCase()] = v),
    writeHead: (s: number, h: Record<string, unknown>) => {
      r.status = s;
      for (const [k, v] of Object.entries(h)) r.headers[k.toLowerCase()] = v;
    },
    write: (b: string) => void (r.body = b),
    end: (b?: string) => void (b !== undefined && (r.body = b)),
    once: () => {},
  } as unknown as ServerResponse;
  return { res, r };
}

describe("the scheme a request came by", () => {
  it("is the proxy's word only when the proxy is on this machine", () => {
    expect(requestProtocol(request({}))).toBe("http");
    expect(requestProtocol(request({ "x-forwarded-proto": "https, http" }))).toBe("https");
    expect(requestProtocol(request({ "x-forwarded-proto": "https" }, "::ffff:127.0.0.1"))).toBe("https");
    expect(requestProtocol(request({ "x-forwarded-proto": "https" }, "10.0.0.7"))).toBe("http");
  });
});

describe("the edge checks", () => {
  const opts = { origin: null, uploadLimitBytes: 1000, formLimitBytes: 100 };
  it("set the security headers and let a same-origin or origin-less request through", () => {
    const { res, r } = response();
    expect(passEdge(request({ host: "rc.lab", origin: "http://rc.lab" }), res, opts)).toBe(true);
    expect(r.headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" });
    expect(passEdge(request({ host: "rc.lab" }), response().res, opts)).toBe(true);
  });
  it("refuse a state change from another origin, also one that differs only in scheme behind a proxy", () => {
    const a = response();
    expect(passEdge(request({ host: "rc.lab", origin: "https://evil.example" }), a.res, opts)).toBe(false);
    expect([a.r.status, a.r.body]).toEqual([403, "Cross-origin request refused"]);
    const b = response();
    expect(passEdge(request({ host: "rc.lab", origin: "http://rc.lab", "x-forwarded-proto": "https" }), b.res, opts)).toBe(false);
    expect(passEdge(request({ host: "rc.lab", origin: "https://evil.example" }, "127.0.0.1", "GET"), response().res, opts)).toBe(true);
  });
  it("refuse a body over the limit by its declared length: the upload's for the import uploads, the small one elsewhere", () => {
    const { res, r } = response();
    expect(passEdge(request({ "content-length": "1001" }, "127.0.0.1", "POST", "/projects/p/import/run"), res, opts)).toBe(false);
    expect([r.status, r.headers.connection]).toEqual([413, "close"]);
    expect(passEdge(request({ "content-length": "1000" }, "127.0.0.1", "POST", "/projects/p/import/run"), response().res, opts)).toBe(true);
    expect(passEdge(request({ "content-length": "101" }, "127.0.0.1", "POST", "/login"), response().res, opts)).toBe(false);
    expect(passEdge(request({ "content-length": "101" }, "127.0.0.1", "POST", "/api/tasks/1/submit"), response().res, opts)).toBe(false);
  });
  it("know the upload routes by their path, and nothing else", () => {
    for (const url of [
      "/projects/p/import/run",
      "/projects/p/import/run?x=1",
      "/projects/p/reports/import",
      "/projects/p/reports/import.data",
    ]) {
      expect(bodyLimit(url, opts)).toBe(1000);
    }
    for (const url of [
      "/login",
      "/settings",
      "/projects/p/import",
      "/projects/p/import/run/x",
      "//projects/p/import/run",
      "/projects/a/b/import/run",
      "/api/tasks/1/submit",
      undefined,
    ]) {
      expect(bodyLimit(url, opts)).toBe(100);
    }
  });
});

describe("the body limit on the bytes as they arrive (no Content-Length)", () => {
  const LIMIT = 100_000;
  const seen: { streamed?: number; error?: unknown } = {};
  // both readers, as the hot path (readBody) and the Remix path (limitedBody) use them
  const server = http.createServer(async (req, res) => {
    if (req.url === "/whole") {
      const body = await readBody(req, res, LIMIT);
      if (body !== false) res.end(`read ${body?.length ?? 0}`);
      return;
    }
    let streamed = 0;
    try {
      for await (const chunk of limitedBody(req, res, LIMIT)) streamed += chunk.length;
      res.end(`read ${streamed}`);
    } catch (e) {
      seen.error = e;
    } finally {
      seen.streamed = streamed;
    }
  });
  const base = new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
  afterAll(() => void server.close());

  it("lets a chunked body within the limit through whole", async () => {
    for (const path of ["/whole", "/stream"]) {
      const out = await sendChunked((await base) + path, { total: LIMIT, chunkSize: 1000 });
      expect([out.status, out.body, out.error]).toEqual([200, `read ${LIMIT}`, null]);
    }
  });

  it("answers 413 past the limit, closes the connection and reads no more of a 64 MB body", async () => {
    for (const path of ["/whole", "/stream"]) {
      const out = await sendChunked((await base) + path, { total: 64 * 1024 * 1024 });
      expect([out.status, out.body]).toEqual([413, `Request larger than the limit of ${LIMIT} bytes`]);
      // the connection was cut while the client was still sending: what it got out went into socket
      // buffers, not the server's reader
      expect(out.sent).toBeLessThan(16 * 1024 * 1024);
    }
    expect(seen.error).toBeInstanceOf(BodyTooLarge);
    expect(seen.streamed).toBeLessThanOrEqual(LIMIT);
  });
});
