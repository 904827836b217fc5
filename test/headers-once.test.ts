// A header the edge sets and a route sets too goes out once; Set-Cookie may still repeat.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { copyHeaders, passEdge } from "../server/edge";

function rawHeaders(port: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    http
      .get({ port, host: "127.0.0.1", path: "/" }, (r) => {
        r.resume();
        r.on("end", () => resolve(r.rawHeaders));
      })
      .on("error", reject);
  });
}

describe("copyHeaders", () => {
  it("sends X-Content-Type-Options once and keeps every Set-Cookie", async () => {
    const server = http.createServer((req, res) => {
      passEdge(req, res, { origin: null, uploadLimitBytes: 1000, formLimitBytes: 1000 });
      const headers = new Headers({ "X-Content-Type-Options": "nosniff", "Content-Type": "application/json" });
      headers.append("Set-Cookie", "a=1; Path=/");
      headers.append("Set-Cookie", "b=2; Path=/");
      copyHeaders(res, headers);
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const raw = await rawHeaders((server.address() as AddressInfo).port);
      const named = (name: string) => raw.filter((_, i) => i % 2 === 0 && raw[i].toLowerCase() === name).length;
      expect(named("x-content-type-options")).toBe(1);
      expect(named("x-frame-options")).toBe(1);
      expect(named("set-cookie")).toBe(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
