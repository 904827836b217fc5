import { describe, expect, it } from "vitest";
import { addressKey, defaultLoginLimits, loginBuckets, oldestLiveWindow, retryAfter, type LoginLimits } from "./rate-limit";

const limits: LoginLimits = { pair: { windowMs: 1000, max: 3 }, address: { windowMs: 1000, max: 5 }, account: { windowMs: 500, max: 4 } };
const counted = (account: string, address: string, now: number, n: { pair?: number; address?: number; account?: number }) =>
  loginBuckets(account, address, now, limits).map((bucket) => ({ bucket, failures: n[bucket.kind] ?? 1 }));

describe("login limits (decisions)", () => {
  it("counts an attempt per account+address, per address and per account, in fixed windows", () => {
    const b = loginBuckets(" A@X ", "192.0.2.1", 1234, limits);
    expect(b.map((x) => [x.kind, x.bucket, x.windowStart.getTime(), x.max])).toEqual([
      ["pair", "pair:a@x|192.0.2.1", 1000, 3],
      ["address", "addr:192.0.2.1", 1000, 5],
      ["account", "acct:a@x", 1000, 4],
    ]);
  });

  it("lets an attempt through up to each limit and answers the wait to its window's end past it", () => {
    expect(retryAfter(counted("a@x", "192.0.2.1", 1100, { pair: 3, address: 5, account: 4 }), 1100)).toBe(0);
    expect(retryAfter(counted("a@x", "192.0.2.1", 1100, { pair: 4 }), 1100)).toBe(900);
    expect(retryAfter(counted("a@x", "192.0.2.1", 1100, { address: 6 }), 1100)).toBe(900);
    // the account's own limit has the shortest window: an owner locked out by someone else's failures
    // waits minutes at most (here 400 ms of a 500 ms window)
    expect(retryAfter(counted("a@x", "192.0.2.1", 1100, { account: 5 }), 1100)).toBe(400);
    expect(retryAfter(counted("a@x", "192.0.2.1", 1100, { pair: 9, account: 9 }), 1100)).toBe(900);
  });

  it("defaults: 5 per account+address and 50 per address in 15 minutes, 20 per account in 5 minutes", () => {
    expect(defaultLoginLimits).toEqual({
      pair: { windowMs: 900_000, max: 5 },
      address: { windowMs: 900_000, max: 50 },
      account: { windowMs: 300_000, max: 20 },
    });
    expect(oldestLiveWindow(10_000_000).getTime()).toBe(10_000_000 - 900_000);
  });

  it("counts an IPv6 client by its /64 and an IPv4-mapped peer as IPv4", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("unknown")).toBe("unknown");
  });
});
