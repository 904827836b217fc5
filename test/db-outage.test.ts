// PostgreSQL unreachable (issue 16): the server answers 503 with Retry-After (JSON for the API, a short
// page for the browser), logs one line when the outage begins and one when it ends (no stack per
// request), serves normally again once the database is back, and starts while the database is still
// coming up (waiting up to DATABASE_WAIT_SECONDS, then one clear line and exit 1). The outage is a TCP
// proxy in front of the test's PostgreSQL, closed and opened again. Embedded PGlite has no outage.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { signIn, startServer, stopServers, type ServerProcess } from "./support/server-process";
import { TcpProxy } from "./support/tcp-proxy";

const url = process.env.DATABASE_URL;
if (!url) console.warn("test/db-outage.test.ts skipped: it needs PostgreSQL (DATABASE_URL); embedded PGlite cannot become unreachable");

const proxies: TcpProxy[] = [];
function proxy(port: number) {
  const p = new TcpProxy(port, TcpProxy.targetOf(url!));
  proxies.push(p);
  return p;
}
afterAll(async () => {
  await stopServers();
  await Promise.all(proxies.map((p) => p.close()));
});

const lines = (s: ServerProcess, pattern: RegExp) =>
  s
    .output()
    .split("\n")
    .filter((l) => pattern.test(l));

/** Polls until `probe` returns true (or fails the test after `ms`). */
async function eventually(probe: () => Promise<boolean>, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await sleep(250);
  }
}

describe.skipIf(!url)("the database goes away while the server runs", () => {
  it("503 with Retry-After while it is gone, one log line each way, normal answers after", async () => {
    const db = proxy(3234);
    await db.open();
    const server = await startServer({ port: 3233, seed: true, env: { DATABASE_URL: TcpProxy.urlThrough(url!, 3234) } });
    const cookie = await signIn(server);
    const { slug, token } = server.fixture!;
    const page = () => fetch(`${server.url}/`, { headers: { Cookie: cookie, "Accept-Language": "zh-CN,zh;q=0.9" } });
    const claim = () =>
      fetch(`${server.url}/api/projects/${slug}/tasks/next`, { method: "POST", headers: { Authorization: `Bearer ${token}` } }); // the hot path
    // through Remix; wait=1: no report work left running in the background when the database goes
    const report = () =>
      fetch(`${server.url}/api/projects/${slug}/reports/leaderboard?wait=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await page()).status).toBe(200);
    expect((await claim()).status).toBeLessThan(500);
    expect((await report()).status).toBeLessThan(500);

    const before = server.output().length;
    await db.close();
    for (let round = 0; round < 3; round++) {
      const p = await page();
      expect([p.status, p.headers.get("retry-after"), p.headers.get("content-type")]).toEqual([503, "5", "text/html; charset=utf-8"]);
      expect(await p.text()).toContain("目前无法连接数据库");
      for (const api of [await claim(), await report()]) {
        expect([api.status, api.headers.get("retry-after")]).toEqual([503, "5"]);
        expect(await api.json()).toEqual({ error: "The database is unreachable; try again shortly" });
      }
    }
    // a form post too, which is not sent again by the page
    const post = await fetch(`${server.url}/settings`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams({ intent: "x" }),
    });
    expect(post.status).toBe(503);
    expect(await post.text()).not.toContain("http-equiv");
    // one line for the outage, no stack trace per request. (app/root.tsx's ErrorBoundary also logs a
    // one-line "[Error: Unexpected Server Error]" for a page that failed inside Remix, which happens to
    // the requests under way when the outage begins, before it is known.)
    const logged = server
      .output()
      .slice(before)
      .split("\n")
      .filter((l) => l && l !== "[Error: Unexpected Server Error]");
    expect(logged).toEqual(["Database unreachable (ECONNREFUSED): answering 503 until it is back"]);

    await db.open();
    await eventually(async () => (await page()).status === 200);
    expect((await claim()).status).toBeLessThan(500);
    expect((await report()).status).toBeLessThan(500);
    expect(lines(server, /Database reachable again/)).toHaveLength(1);
    expect(lines(server, /Database unreachable/)).toHaveLength(1);
    expect(server.alive()).toBe(true);
  });
});

describe.skipIf(!url)("the database is not up yet when the server starts", () => {
  it("waits for it, and serves once it answers", async () => {
    const db = proxy(3236);
    const server = await startServer({
      port: 3235,
      ready: false,
      env: { DATABASE_URL: TcpProxy.urlThrough(url!, 3236), DATABASE_WAIT_SECONDS: "60" },
    });
    await server.waitFor(/not reachable yet \(ECONNREFUSED\); retrying for up to 60 s/);
    await sleep(1500);
    expect(server.alive()).toBe(true);
    await db.open();
    await server.waitFor(/Rolecall is running at/);
    expect(server.output()).toMatch(/reachable after \d+\.\d s/);
    expect((await fetch(`${server.url}/login`)).status).toBe(200);
  });

  it("gives up after DATABASE_WAIT_SECONDS with one clear line and exit 1", async () => {
    const server = await startServer({
      port: 3237,
      ready: false,
      env: { DATABASE_URL: TcpProxy.urlThrough(url!, 3238), DATABASE_WAIT_SECONDS: "2" },
    });
    expect(await server.exited()).toBe(1);
    const problems = lines(server, /cannot start/);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^Rolecall cannot start: the database postgres:\/\/.*:3238\/.* did not answer within 2 s \(ECONNREFUSED\); DATABASE_WAIT_SECONDS sets how long to wait\.$/,
    );
    expect(server.output()).not.toMatch(/^\s+at /m);
  });
});
