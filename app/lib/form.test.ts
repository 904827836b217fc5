import { describe, expect, it } from "vitest";
import { int, safeRedirect, str } from "./form";

describe("form helpers", () => {
  it("reads strings and integers defensively", () => {
    const f = new FormData();
    f.set("a", "x");
    f.set("n", "3");
    f.set("bad", "3.5");
    expect(str(f, "a")).toBe("x");
    expect(str(f, "missing")).toBe("");
    expect(int(f, "n", 1)).toBe(3);
    expect(int(f, "missing", 1)).toBe(1);
    expect(int(f, "bad", 1)).toBeNaN();
  });
  it("refuses open redirects", () => {
    expect(safeRedirect("/projects/a")).toBe("/projects/a");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect(null, "/x")).toBe("/x");
  });
});
