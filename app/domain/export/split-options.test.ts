import { describe, expect, it } from "vitest";
import { isAppError } from "~/lib/errors";
import { parseExportOptions, searchParamsSource } from "~/lib/forms/schemas/exports";
import { DEFAULT_SPLIT_RATIOS, splitOfDialogue } from "./split";

const parse = (kind: "charrm" | "pairs" | "annotations", q: string) => parseExportOptions(kind, searchParamsSource(new URLSearchParams(q)));

describe("split shares on the Export page and the CLI (issue 18, polish)", () => {
  it("takes 60/20/20 for charrm and pairs, 80/10/10 by default", () => {
    expect(parse("charrm", "split=60/20/20").splitRatios).toEqual({ train: 60, dev: 20, test: 20 });
    expect(parse("pairs", "split=0.5,0.25,0.25").splitRatios).toEqual({ train: 0.5, dev: 0.25, test: 0.25 });
    expect(parse("charrm", "").splitRatios).toEqual(DEFAULT_SPLIT_RATIOS);
  });

  it("refuses bad shares with a keyed 400 naming the field, and the filter where it does not apply", () => {
    for (const bad of ["80/20", "a/b/c", "0/0/0", "-1/50/51"]) {
      try {
        parse("charrm", `split=${encodeURIComponent(bad)}`);
        throw new Error(`accepted ${bad}`);
      } catch (e) {
        expect(isAppError(e) && [e.status, e.field, e.i18n?.key]).toEqual([400, "split", "errors.splitRatios"]);
      }
    }
    expect(() => parse("annotations", "split=60/20/20")).toThrow(/Unknown filter "split"/);
  });

  it("the shares move dialogues between splits; 100/0/0 puts every one in train", () => {
    const ids = Array.from({ length: 200 }, (_, i) => ({ id: `d${i}`, role: "r" }));
    const count = (ratios: { train: number; dev: number; test: number }) =>
      ids.filter((d) => splitOfDialogue(d, { ratios }) === "train").length;
    expect(count({ train: 100, dev: 0, test: 0 })).toBe(200);
    expect(count({ train: 60, dev: 20, test: 20 })).toBeLessThan(count({ train: 80, dev: 10, test: 10 }));
  });
});
