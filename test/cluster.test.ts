// WEB_CONCURRENCY (issue 24): the production server as a primary and N node:cluster workers on one port,
// against PostgreSQL. A worker that dies is replaced while the others keep answering; SIGTERM stops
// them all; a bad value stops the start with a clear message.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, stopServers } from "./support/server-process";

afterAll(stopServers);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const workerPids = (out: string) => [...out.matchAll(/worker (\d+) ready/g)].map((m) => Number(m[1]));

describe.runIf(!!process.env.DATABASE_URL)("several server processes (PostgreSQL)", () => {
  it("serves from two workers, replaces one that is killed, and stops them all on SIGTERM", { timeout: 120_000 }, async () => {
    const server = await startServer({ port: 3241, env: { WEB_CONCURRENCY: "2" } });
    expect(server.output()).toMatch(/Rolecall is running at http:\/\/127\.0\.0\.1:3241 {2}\(2 workers/);
    const [first, second] = workerPids(server.output());
    expect(new Set([first, second]).size).toBe(2);
    const pages = await Promise.all(Array.from({ length: 20 }, () => fetch(`${server.url}/login`).then((r) => r.status)));
    expect(pages).toEqual(Array(20).fill(200));

    process.kill(first, "SIGKILL");
    await server.waitFor(new RegExp(`worker ${first} stopped \\(SIGKILL\\); starting another`));
    // the other worker answers meanwhile, and a third takes the dead one's place
    expect((await fetch(`${server.url}/login`)).status).toBe(200);
    await server.waitFor(/worker \d+ ready[\s\S]*worker \d+ ready[\s\S]*worker \d+ ready/);
    const third = workerPids(server.output())[2];
    expect([first, second]).not.toContain(third);
    expect((await fetch(`${server.url}/login`)).status).toBe(200);

    await server.stop();
    expect(await server.exited()).toBe(0);
    await sleep(200);
    expect([second, third].filter(alive)).toEqual([]);
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number from 1 to 64", { timeout: 60_000 }, async () => {
    const server = await startServer({ port: 3242, env: { WEB_CONCURRENCY: "lots" }, ready: false });
    expect(await server.exited()).toBe(1);
    expect(server.output()).toContain('Rolecall cannot start: WEB_CONCURRENCY must be a whole number from 1 to 64 (got "lots")');
  });
});
