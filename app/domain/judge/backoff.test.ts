import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from "./backoff";

describe("judge request backoff", () => {
  it("retries 429, 408 and 5xx, not other 4xx or 2xx", () => {
    expect([429, 408, 500, 502, 503, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
  it("reads Retry-After as seconds or an HTTP date, capped", () => {
    const now = Date.parse("2026-12-03T12:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Thu, 03 Dec 2026 12:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Thu, 03 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("86400", now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
  it("doubles the ceiling per attempt, jitters within its upper half, and stops at the cap", () => {
    expect(backoffMs(1, 100, 10_000, () => 0)).toBe(50);
    expect(backoffMs(1, 100, 10_000, () => 1)).toBe(100);
    expect(backoffMs(3, 100, 10_000, () => 1)).toBe(400);
    expect(backoffMs(20, 100, 1000, () => 1)).toBe(1000);
  });
});
