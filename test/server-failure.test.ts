// server/failure.ts, the last line of defence: an error no route answered is logged with the request's
// method and path and answered 500 (503 for a lost database); an exception that escapes every handler
// is logged and the process lives on.
import { spawnSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { failRequest } from "../server/failure";

const servers: http.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** A server whose handler fails as `fail` says, its error handed to failRequest as server/app.ts does. */
async function serve(fail: (res: http.ServerResponse) => never) {
  const server = http.createServer((req, res) => {
    try {
      fail(res);
    } catch (e) {
      failRequest(e, req, res);
    }
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("a request whose handler fails unexpectedly", () => {
  it("is logged with its method and path (not its query) and answered 500", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const base = await serve(() => {
      throw new TypeError("a programming error");
    });
    const res = await fetch(`${base}/projects/p/queue?token=secret`, { method: "POST" });
    expect([res.status, await res.text()]).toEqual([500, "Internal Server Error"]);
    expect(errors).toHaveBeenCalledWith("Unexpected error answering POST /projects/p/queue:", expect.any(TypeError));
    errors.mockRestore();
  });

  it("is answered 503 with Retry-After when the database was unreachable, without a stack in the log", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const base = await serve(() => {
      throw Object.assign(new Error("Failed query"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    });
    const res = await fetch(`${base}/api/tasks/1/skip`, { method: "POST" });
    expect([res.status, res.headers.get("retry-after"), await res.json()]).toEqual([
      503,
      "5",
      { error: "The database is unreachable; try again shortly" },
    ]);
    expect(errors.mock.calls.filter((c) => c.some((x) => x instanceof Error))).toEqual([]);
    errors.mockRestore();
  });

  it("is the client's when the error says so (a 4xx status, as Express's middleware sets it): no log", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const base = await serve(() => {
      throw Object.assign(new URIError("Failed to decode param"), { status: 400 });
    });
    const res = await fetch(`${base}/x`);
    expect([res.status, await res.text()]).toEqual([400, "Bad Request"]);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("has its connection cut when its answer had already begun", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const base = await serve((res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("half an answer");
      throw new Error("failed mid-answer");
    });
    await expect(fetch(base).then((res) => res.text())).rejects.toThrow();
    errors.mockRestore();
  });
});

describe("an exception that escapes every handler", () => {
  it("is logged, and the process goes on", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const run = spawnSync(process.execPath, ["--import", "tsx", "test/support/guarded-process.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("still serving");
    expect(run.stderr).toContain("Unexpected uncaught exception; the server keeps running: Error: thrown in a timer");
    expect(run.stderr).toContain("Unexpected uncaught exception; the server keeps running: Error: an error event nobody listens to");
    expect(run.stderr).toContain("Unexpected unhandled rejection; the server keeps running: Error: a rejection nobody awaits");
  });
});
