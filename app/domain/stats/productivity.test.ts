import { describe, expect, it } from "vitest";
import { estimateCompletion } from "./productivity";

describe("estimateCompletion", () => {
  it("remaining ratings at the current pace", () => {
    // 300 ratings at 60 per hour: five hours from now
    expect(estimateCompletion(300, 60, 1_000)).toBe(1_000 + 5 * 3_600_000);
  });
  it("done now when nothing remains; unknown without any recent pace", () => {
    expect(estimateCompletion(0, 0, 42)).toBe(42);
    expect(estimateCompletion(10, 0, 42)).toBeNull();
  });
});
