import { describe, expect, it } from "vitest";
import { LoginRateLimiter } from "./rate-limit";

const cfg = { windowMs: 1000, perAccountAndAddress: 3, perAddress: 5 };

describe("LoginRateLimiter", () => {
  it("blocks an account from one address after repeated failures, for the window only", () => {
    const rl = new LoginRateLimiter(cfg);
    for (let i = 0; i < 3; i++) rl.fail("a@x", "1.1.1.1", 100 + i);
    expect(rl.retryAfter("a@x", "1.1.1.1", 200)).toBeGreaterThan(0);
    expect(rl.retryAfter("A@X", "1.1.1.1", 200)).toBeGreaterThan(0);
    expect(rl.retryAfter("a@x", "1.1.1.1", 1101)).toBe(0);
  });
  it("does not lock the victim out from another address", () => {
    const rl = new LoginRateLimiter(cfg);
    for (let i = 0; i < 3; i++) rl.fail("a@x", "6.6.6.6", 100);
    expect(rl.retryAfter("a@x", "2.2.2.2", 200)).toBe(0);
  });
  it("limits one address spraying many accounts", () => {
    const rl = new LoginRateLimiter(cfg);
    for (let i = 0; i < 5; i++) rl.fail(`u${i}@x`, "6.6.6.6", 100);
    expect(rl.retryAfter("new@x", "6.6.6.6", 200)).toBeGreaterThan(0);
  });
  it("forgets failures of an account after a success", () => {
    const rl = new LoginRateLimiter(cfg);
    rl.fail("a@x", "1.1.1.1", 100);
    rl.fail("a@x", "1.1.1.1", 100);
    rl.succeed("a@x", "1.1.1.1");
    rl.fail("a@x", "1.1.1.1", 100);
    expect(rl.retryAfter("a@x", "1.1.1.1", 200)).toBe(0);
  });
});
