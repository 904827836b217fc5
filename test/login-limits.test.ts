// Issue 16, hole 5: the sign-in limits took the client's address from its own X-Forwarded-For (a new
// header value, a fresh bucket), had no limit per account across addresses, and counted in each
// process's memory. Now: the socket's peer unless TRUST_PROXY names the proxy, a per-account limit with
// a short window, and counters in the database shared by every process.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "#db/sql";
import { beginLoginAttempt, pruneLoginFailures } from "~/auth/login-limits.server";
import { addressKey, defaultLoginLimits } from "~/auth/rate-limit";
import { action as login } from "~/routes/login";
import { makeUser } from "../seeds/factories";
import { useTestDb } from "./db";
import { callRoute } from "./route-call";

const t = useTestDb();

// addresses unique to this run: the counters of earlier runs stay in a shared database until pruned
const rand = () => crypto.randomBytes(2).toString("hex");
const someAddress = () => `2001:db8:${rand()}:${rand()}::1`;
const someV4 = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

type Attempt = { email: string; password: string; peer: string; forwardedFor?: string; route?: typeof login };
const attempt = ({ email, password, peer, forwardedFor, route = login }: Attempt) =>
  callRoute(route, "/login", {
    form: { email, password, next: "/" },
    context: { peerAddress: peer },
    headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {},
  });

afterEach(() => {
  delete process.env.TRUST_PROXY;
  vi.useRealTimers();
});

/** Pins the clock to the start of a fresh 15-minute window, so that a test's attempts share windows. */
function freshWindow() {
  const start = Math.ceil(Date.now() / defaultLoginLimits.pair.windowMs) * defaultLoginLimits.pair.windowMs + 1000;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(start);
  return start;
}

describe("sign-in limits over HTTP", () => {
  it("does not start afresh when the client changes X-Forwarded-For (no TRUST_PROXY)", async () => {
    freshWindow();
    const u = await makeUser(t.db);
    const peer = someV4();
    for (let i = 0; i < 5; i++) {
      expect((await attempt({ email: u.email, password: "wrong-guess", peer, forwardedFor: someV4() })).status).toBe(401);
    }
    const sixth = await attempt({ email: u.email, password: u.password!, peer, forwardedFor: someV4() });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("reads the forwarded client only from a proxy TRUST_PROXY names", async () => {
    freshWindow();
    process.env.TRUST_PROXY = "loopback";
    const u = await makeUser(t.db);
    const [a, b] = [someV4(), someV4()];
    for (let i = 0; i < 5; i++)
      expect((await attempt({ email: u.email, password: "wrong", peer: "127.0.0.1", forwardedFor: a })).status).toBe(401);
    expect((await attempt({ email: u.email, password: "wrong", peer: "127.0.0.1", forwardedFor: a })).status).toBe(429);
    // another client behind the same proxy is another address
    expect((await attempt({ email: u.email, password: u.password!, peer: "127.0.0.1", forwardedFor: b })).status).toBe(302);
    // a peer that is not the proxy cannot borrow a forwarded address (its own is counted, and is clean)
    const direct = someV4();
    for (let i = 0; i < 5; i++)
      expect((await attempt({ email: u.email, password: "wrong", peer: direct, forwardedFor: a })).status).toBe(401);
    expect((await attempt({ email: u.email, password: "wrong", peer: direct, forwardedFor: b })).status).toBe(429);
  });

  it("shares the counts between two app processes (two copies of the route over one database)", async () => {
    freshWindow();
    const u = await makeUser(t.db);
    const peer = someV4();
    // a second copy of the route and of everything it imports but the database handle, as a second
    // process on the same database would have
    const dbClient = await import("#db/client");
    vi.resetModules();
    vi.doMock("#db/client", () => dbClient);
    const other = (await import("~/routes/login")).action;
    vi.doUnmock("#db/client");
    expect(other).not.toBe(login);
    for (let i = 0; i < 3; i++) expect((await attempt({ email: u.email, password: "wrong", peer })).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await attempt({ email: u.email, password: "wrong", peer, route: other })).status).toBe(401);
    expect((await attempt({ email: u.email, password: u.password!, peer })).status).toBe(429);
    expect((await attempt({ email: u.email, password: u.password!, peer, route: other })).status).toBe(429);
  });

  it("limits an account across addresses, for minutes only, and lets the owner in afterwards", async () => {
    const start = freshWindow();
    const victim = await makeUser(t.db);
    const { max, windowMs } = defaultLoginLimits.account;
    for (let i = 0; i < max; i++)
      expect((await attempt({ email: victim.email, password: `guess-${i}`, peer: someAddress() })).status).toBe(401);
    const next = await attempt({ email: victim.email, password: "guess-x", peer: someAddress() });
    expect(next.status).toBe(429);
    expect(Number(next.headers.get("Retry-After"))).toBeLessThanOrEqual(windowMs / 1000);
    // the owner, from their own address, within the window: refused too (that is the price)
    expect((await attempt({ email: victim.email, password: victim.password!, peer: someAddress() })).status).toBe(429);
    // ... but only until the account's short window ends
    vi.setSystemTime(start - 1000 + windowMs);
    expect((await attempt({ email: victim.email, password: victim.password!, peer: someAddress() })).status).toBe(302);
  });

  it("forgets an address's failures on the account after a good sign-in from it", async () => {
    freshWindow();
    const u = await makeUser(t.db);
    const peer = someV4();
    for (let i = 0; i < 4; i++) await attempt({ email: u.email, password: "wrong", peer });
    expect((await attempt({ email: u.email, password: u.password!, peer })).status).toBe(302);
    for (let i = 0; i < 5; i++) expect((await attempt({ email: u.email, password: "wrong", peer })).status).toBe(401);
    expect((await attempt({ email: u.email, password: "wrong", peer })).status).toBe(429);
  });
});

describe("sign-in counters", () => {
  it("let exactly the limit through when attempts race", async () => {
    const now = Date.now();
    const address = someAddress();
    const email = `race-${rand()}@test.rolecall`;
    const results = await Promise.all(Array.from({ length: 12 }, () => beginLoginAttempt(t.db, email, address, now)));
    expect(results.filter((r) => r.retryAfterMs === 0)).toHaveLength(defaultLoginLimits.pair.max);
    // refused attempts are not counted: the pair's row holds the attempts that went ahead
    const [row] = await queryRows<{ failures: number }>(
      t.db,
      sql`select failures from login_failures where bucket = ${`pair:${email}|${addressKey(address)}`}`,
    );
    expect(Number(row.failures)).toBe(defaultLoginLimits.pair.max);
  });

  it("are deleted once no window looks at them", async () => {
    const bucket = `acct:old-${rand()}@test.rolecall`;
    await t.db.execute(sql`insert into login_failures (bucket, window_start, failures) values (${bucket}, now() - interval '1 day', 3)`);
    await pruneLoginFailures(t.db);
    expect(await queryRows(t.db, sql`select 1 from login_failures where bucket = ${bucket}`)).toHaveLength(0);
  });
});
