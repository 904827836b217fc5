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
