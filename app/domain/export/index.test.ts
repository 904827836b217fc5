import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as exportModule from "./index";

const dirs = [new URL("./", import.meta.url), new URL("../json/", import.meta.url)].map((u) => fileURLToPath(u));

describe("export domain modules", () => {
  it("re-exports the public functions", () => {
    for (const name of [
      "pythonRepr",
      "pythonStr",
      "buildCharRmInputText",
      "formatCharRmRecord",
      "consensus",
      "generationTrans",
      "scoredText",
      "parseContext",
      "buildPairs",
      "assignSplit",
      "formatCsvCell",
      "formatAnnotationCsvRow",
    ]) {
      expect(typeof (exportModule as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it("stay pure: only relative imports, no node, Remix or drizzle", () => {
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))) {
        const src = readFileSync(dir + f, "utf8");
        const specifiers = [...src.matchAll(/^import[^"']*["']([^"']+)["']/gm)].map((m) => m[1]);
        expect(
          specifiers.filter((s) => !s.startsWith("./") && !s.startsWith("../")),
          f,
        ).toEqual([]);
        expect(src.split("\n").length, `${f} length`).toBeLessThan(250);
      }
    }
  });
});
