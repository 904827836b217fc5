import { describe, expect, it } from "vitest";
import { Args, parseFlags, UsageError } from "./args";

describe("CLI flags", () => {
  it("parses values, booleans, = forms and repeats", () => {
    const f = parseFlags(["--project", "p", "--json", "--responses", "A=a.json", "--responses=B=b.json"], ["json", "admin"]);
    const a = new Args(f, ["project", "responses"]);
    expect(a.required("project")).toBe("p");
    expect(a.json).toBe(true);
    expect(a.all("responses")).toEqual(["A=a.json", "B=b.json"]);
  });
  it("refuses unknown flags, missing values and stray words", () => {
    expect(() => new Args(parseFlags(["--nope", "x"], []), ["project"])).toThrow(UsageError);
    expect(() => parseFlags(["--project"], [])).toThrow(/needs a value/);
    expect(() => parseFlags(["stray"], [])).toThrow(/Unexpected/);
    expect(() => new Args(parseFlags([], []), ["project"]).required("project")).toThrow(/required/);
  });
  it("checks integers", () => {
    const a = new Args(parseFlags(["--overlap", "0"], []), ["overlap"]);
    expect(() => a.int("overlap", 2, 1, 20)).toThrow(/1 to 20/);
    expect(new Args(parseFlags([], []), ["overlap"]).int("overlap", 2, 1, 20)).toBe(2);
  });
});

describe("list flags (issue 18, item 14)", () => {
  const allowed = ["project", "responses..."];
  it("takes a space-separated list after a flag marked with ..., and repeated flags, and both mixed", () => {
    expect(new Args(parseFlags(["--responses", "A=a.json", "B=b.json", "--project", "p"], []), allowed).all("responses")).toEqual([
      "A=a.json",
      "B=b.json",
    ]);
    const mixed = parseFlags(["--responses", "A=a", "B=b", "--responses=C=c", "D=d", "--json"], ["json"]);
    expect(new Args(mixed, allowed).all("responses")).toEqual(["A=a", "B=b", "C=c", "D=d"]);
  });
  it("still refuses a stray word after a single-valued flag, a boolean or at the start", () => {
    expect(() => new Args(parseFlags(["--project", "p", "q"], []), allowed)).toThrow(/Unexpected argument "q"/);
    expect(() => new Args(parseFlags(["--json", "x"], ["json"]), allowed)).toThrow(/Unexpected/);
    expect(() => parseFlags(["x", "--project", "p"], [])).toThrow(/Unexpected/);
  });
});
