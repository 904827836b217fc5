import { describe, expect, it } from "vitest";
import { extendedExpiry, isLate, isLive, leaseExpiry } from "./lease";

const T0 = new Date("2025-03-01T10:00:00.000Z");
const at = (sec: number) => new Date(T0.getTime() + sec * 1000);

describe("leaseExpiry", () => {
  it("adds the lease length", () => {
    expect(leaseExpiry(T0, 1200).toISOString()).toBe("2025-03-01T10:20:00.000Z");
    expect(leaseExpiry(T0.getTime(), 0.5).getTime()).toBe(T0.getTime() + 500);
    expect(leaseExpiry("2025-03-01T10:00:00Z", 60)).toEqual(at(60));
  });

  it.each([0, -5, NaN, Infinity])("rejects leaseSeconds %s", (s) => {
    expect(() => leaseExpiry(T0, s)).toThrow(/leaseSeconds must be a positive number/);
  });

  it("rejects an invalid time", () => {
    expect(() => leaseExpiry("not a date", 60)).toThrow(/invalid time/);
  });
});

describe("extendedExpiry", () => {
  it("moves the expiry to now + lease", () => {
    expect(extendedExpiry(at(1200), at(600), 1200)).toEqual(at(1800));
  });
  it("never shortens a lease", () => {
    expect(extendedExpiry(at(1200), at(10), 60)).toEqual(at(1200));
  });
});

describe("isLive", () => {
  const lease = { expiresAt: at(1200) };
  it.each([
    [0, true], [1199.999, true], [1200, false], [1201, false],
  ])("at +%ss → %s", (sec, live) => {
    expect(isLive(lease, at(sec))).toBe(live);
  });
  it("a released lease is not live", () => {
    expect(isLive({ expiresAt: at(1200), releasedAt: at(5) }, at(10))).toBe(false);
  });
  it("releasedAt null means not released", () => {
    expect(isLive({ expiresAt: at(1200), releasedAt: null }, at(10))).toBe(true);
  });
  it("accepts ISO strings and epoch milliseconds", () => {
    expect(isLive({ expiresAt: at(1200).toISOString() }, at(10).getTime())).toBe(true);
  });
});

describe("isLate", () => {
  const lease = { expiresAt: at(1200) };
  it.each([
    [0, false], [1199, false], [1200, true], [5000, true],
  ])("submitted at +%ss → late %s", (sec, late) => {
    expect(isLate(lease, at(sec))).toBe(late);
  });
  it("is the complement of isLive for an unreleased lease", () => {
    for (const sec of [0, 600, 1199, 1200, 1300]) expect(isLate(lease, at(sec))).toBe(!isLive(lease, at(sec)));
  });
});
