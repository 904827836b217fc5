// Sign-in throttling, the decisions only (no I/O): which counters an attempt touches and whether it may
// go ahead. The counters themselves live in the database (login-limits.server.ts), so that every app
// process counts the same failures.
//
// Three limits, each over fixed windows:
// - account + address: the first brake on guessing one password from one place;
// - address: one place spraying many accounts (an IPv6 client counts by its /64, which it owns whole);
// - account, from any address: guessing spread over many addresses. It is higher and its window short,
//   so that someone who fails on purpose can lock the owner out for minutes at most, never for long.
export type LoginLimit = { windowMs: number; max: number };
export type LoginLimits = { pair: LoginLimit; address: LoginLimit; account: LoginLimit };

const MINUTE = 60_000;

export const defaultLoginLimits: LoginLimits = {
  pair: { windowMs: 15 * MINUTE, max: 5 },
  address: { windowMs: 15 * MINUTE, max: 50 },
  account: { windowMs: 5 * MINUTE, max: 20 },
};

/** One counter an attempt touches: its key, the start of its current window and its limit. */
export type LoginBucket = { kind: keyof LoginLimits; bucket: string; windowStart: Date; windowMs: number; max: number };

/** The key an address is counted under: an IPv4 address as it is, an IPv6 address by its /64. */
export function addressKey(address: string): string {
  const v4 = address.match(/^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i);
  if (v4) return v4[1];
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

/** The eight 16-bit groups of an IPv6 address (lower case, no leading zeros), or null. */
function expandIpv6(address: string): string[] | null {
  const a = address.toLowerCase().replace(/%.*$/, "");
  if (!/^[0-9a-f:]+$/.test(a) || a.split("::").length > 2) return null;
  const [head, tail] = a.includes("::") ? a.split("::") : [a, null];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === null ? 0 : 8 - h.length - t.length;
  if (fill < 0 || (tail === null && h.length !== 8)) return null;
  const groups = [...h, ...Array<string>(fill).fill("0"), ...t];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}

/** The counters a sign-in attempt for `account` from `address` touches at `now`. */
export function loginBuckets(account: string, address: string, now: number, limits: LoginLimits = defaultLoginLimits): LoginBucket[] {
  const who = account.trim().toLowerCase().slice(0, 320);
  const where = addressKey(address);
  const at = (kind: keyof LoginLimits, bucket: string): LoginBucket => {
    const { windowMs, max } = limits[kind];
    return { kind, bucket, windowStart: new Date(now - (now % windowMs)), windowMs, max };
  };
  return [at("pair", `pair:${who}|${where}`), at("address", `addr:${where}`), at("account", `acct:${who}`)];
}

/** ms until an attempt is allowed, given each bucket's count *including* this attempt (counts are taken
 *  by incrementing first, so that concurrent attempts each see their own number); 0: go ahead. */
export function retryAfter(counted: { bucket: LoginBucket; failures: number }[], now: number): number {
  let wait = 0;
  for (const { bucket, failures } of counted) {
    if (failures > bucket.max) wait = Math.max(wait, bucket.windowStart.getTime() + bucket.windowMs - now);
  }
  return wait;
}

/** The oldest window start still in use: rows before it can be deleted. */
export function oldestLiveWindow(now: number, limits: LoginLimits = defaultLoginLimits): Date {
  const longest = Math.max(limits.pair.windowMs, limits.address.windowMs, limits.account.windowMs);
  return new Date(now - longest);
}
