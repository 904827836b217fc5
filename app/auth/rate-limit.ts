/** Login throttling: failures per account+address and per address within a window.
 *  A victim's account is never locked for longer than the window, and only from the attacker's address
 *  (per-account limits alone would let anyone lock anyone out). In-memory per process: see docs/decisions. */
export type RateLimitConfig = { windowMs: number; perAccountAndAddress: number; perAddress: number };

export const defaultLoginLimits: RateLimitConfig = {
  windowMs: 15 * 60_000,
  perAccountAndAddress: 5,
  perAddress: 50,
};

export class LoginRateLimiter {
  private failures = new Map<string, number[]>();
  constructor(private config: RateLimitConfig = defaultLoginLimits) {}

  private recent(key: string, now: number) {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.config.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** ms until the next attempt is allowed, 0 when allowed now */
  retryAfter(account: string, address: string, now = Date.now()): number {
    const pair = this.recent(`${account.toLowerCase()}|${address}`, now);
    const addr = this.recent(`|${address}`, now);
    const waits: number[] = [0];
    if (pair.length >= this.config.perAccountAndAddress) waits.push(pair[0] + this.config.windowMs - now);
    if (addr.length >= this.config.perAddress) waits.push(addr[0] + this.config.windowMs - now);
    return Math.max(...waits);
  }

  fail(account: string, address: string, now = Date.now()) {
    for (const key of [`${account.toLowerCase()}|${address}`, `|${address}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
  }

  succeed(account: string, address: string) {
    this.failures.delete(`${account.toLowerCase()}|${address}`);
  }
}
