import { describe, expect, it } from "vitest";
import { createI18n } from "~/i18n/config";
import { isAppError } from "~/lib/errors";
import { translate } from "../message";
import { parseForm } from "../parse";
import { exportOptionsSchema, parseExportKind, parseExportOptions, searchParamsSource } from "./exports";

const parse = (kind: Parameters<typeof parseExportOptions>[0], q: string) =>
  parseExportOptions(kind, searchParamsSource(new URLSearchParams(q)));

/** The refusal as the API and the CLI see it: status, field, key and parameters, English text. */
function refusal(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { status: e.status, field: e.field, i18n: e.i18n, error: e.message };
  }
  throw new Error("accepted");
}

const zh = createI18n("zh");

describe("the export options schema (page, API and CLI)", () => {
  it("refuses a bad margin with a keyed message whose English text is the API's", () => {
    for (const bad of ["0", "-1", "abc", "1e3", "1001"]) {
      expect(refusal(() => parse("pairs", `min-margin=${bad}`))).toEqual({
        status: 400,
        field: "min-margin",
        i18n: { key: "exports.errors.margin" },
        error: "min-margin must be a number above 0",
      });
    }
    expect(parse("pairs", "min-margin=0.5").minMargin).toBe(0.5);
  });

  it("refuses bad split shares with the shared key", () => {
    expect(refusal(() => parse("charrm", "split=80/20"))).toMatchObject({ field: "split", i18n: { key: "errors.splitRatios" } });
  });

  it("names an unknown kind, an unknown filter, a repeated value and a bad number with parameters", () => {
    expect(refusal(() => parseExportKind("zip"))).toEqual({
      status: 400,
      field: "kind",
      i18n: {
        key: "exports.errors.unknownKind",
        params: { kind: "zip", allowed: "charrm, generation-trans, pairs, annotations, pairs-annotators" },
      },
      error: 'Unknown export kind "zip": expected one of charrm, generation-trans, pairs, annotations, pairs-annotators',
    });
    expect(refusal(() => parse("charrm", "min-margin=1&min-ratings=x"))).toMatchObject({
      field: "min-margin",
      i18n: { key: "exports.errors.unknownFilter", params: { name: "min-margin", kind: "charrm" } },
      error: expect.stringMatching(/^Unknown filter "min-margin" for charrm: allowed are metric, model, /),
    });
    expect(refusal(() => parse("charrm", "seed=a&seed=b"))).toMatchObject({ field: "seed", error: "seed given more than once" });
    expect(refusal(() => parse("charrm", "min-ratings=1.5"))).toMatchObject({
      field: "min-ratings",
      i18n: { key: "exports.errors.wholeNumber", params: { name: "min-ratings", min: 0, max: 1000 } },
      error: "min-ratings must be a whole number from 0 to 1000",
    });
    expect(refusal(() => parse("charrm", "consensus=mode")).error).toBe("consensus must be one of mean, median");
    expect(refusal(() => parse("charrm", "adjudicated-only=maybe")).error).toBe("adjudicated-only must be true or false");
    expect(refusal(() => parse("charrm", "include-gold=1&exclude-gold=1")).error).toBe("include-gold and exclude-gold cannot both be set");
    expect(refusal(() => parse("charrm", "seed=")).error).toBe("seed must be 1 to 100 characters");
    expect(refusal(() => parse("generation-trans", "model=a,b")).error).toBe("generation-trans needs exactly one model");
  });

  it("gives the page every field's refusal through Conform, readable in Chinese", () => {
    const submission = parseForm(new URLSearchParams("min-margin=0&split=1/2&min-ratings=-3"), exportOptionsSchema("pairs"));
    expect(submission.status).toBe("error");
    const errors = submission.status === "error" ? submission.error! : {};
    expect(Object.keys(errors).sort()).toEqual(["min-margin", "min-ratings", "split"]);
    expect(translate(zh.t, errors["min-margin"]![0])).toBe("最小分差必须是大于 0 的数");
    expect(translate(zh.t, errors["min-ratings"]![0])).toBe("min-ratings 必须是 0 到 1000 之间的整数");
    // a single value arrives as a string from Conform and as a list from the API: both parse the same
    const ok = parseForm(new URLSearchParams("metric=Fluency&min-margin=2"), exportOptionsSchema("pairs"));
    expect(ok.status === "success" && [ok.value.metrics, ok.value.minMargin]).toEqual([["Fluency"], 2]);
  });
});
