import { describe, expect, it } from "vitest";
import { int, intParam, isInt4, safeRedirect, str } from "./form";

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
    for (const hostile of [
      "/\t/evil.example/",
      "/\r\n/evil.example",
      "\t//evil.example",
      "/..//evil.example",
      "javascript:alert(1)",
      "java\tscript:x",
      "/\u0000/evil",
    ]) {
      expect(safeRedirect(hostile), JSON.stringify(hostile)).toBe("/");
    }
    expect(safeRedirect("/%09/evil.example/")).toBe("/%09/evil.example/"); // a path segment, not a host
    expect(safeRedirect("/a\tb?x=1#h")).toBe("/ab?x=1#h");
    expect(safeRedirect("/a b")).toBe("/a%20b");
  });

  it("reads whole numbers in range, or throws a 400 naming the field", async () => {
    expect(intParam("42", "character")).toBe(42);
    expect(intParam(" 7 ", "page", { min: 1, max: 10 })).toBe(7);
    expect(intParam("", "character")).toBeNull();
    expect(intParam(null, "character")).toBeNull();
    for (const bad of ["1e309", "2147483648", "0", "-1", "1.5", "abc", "0x10", "Infinity", "99999999999999999"]) {
      const thrown = (() => {
        try {
          intParam(bad, "character");
        } catch (e) {
          return e;
        }
      })();
      expect(thrown, bad).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(400);
      expect(await (thrown as Response).json()).toMatchObject({ field: "character" });
    }
    expect(isInt4(2147483647)).toBe(true);
    expect(isInt4(2147483648)).toBe(false);
    expect(isInt4(-2147483649)).toBe(false);
    expect(isInt4(1.5)).toBe(false);
  });
});
