// server/edge.ts: the checks every request meets first, on the Express path and the hot path alike.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { passEdge, requestProtocol } from "../server/edge";

const request = (headers: Record<string, string>, remoteAddress = "127.0.0.1", method = "POST") =>
  ({ method, headers, socket: { remoteAddress, encrypted: false } }) as unknown as IncomingMessage;

function response() {
  const r = { headers: {} as Record<string, unknown>, status: 0, body: "" };
  const res = {
    setHeader: (k: string, v: unknown) => void (r.headers[k.toLowerCase()] = v),
    writeHead: (s: number, h: Record<string, unknown>) => {
      r.status = s;
      for (const [k, v] of Object.entries(h)) r.headers[k.toLowerCase()] = v;
    },
    end: (b: string) => void (r.body = b),
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
  const opts = { origin: null, uploadLimitBytes: 1000 };
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
  it("refuse a body over the limit by its declared length", () => {
    const { res, r } = response();
    expect(passEdge(request({ "content-length": "1001" }), res, opts)).toBe(false);
    expect(r.status).toBe(413);
  });
});
