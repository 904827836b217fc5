import { describe, expect, it } from "vitest";
import * as stats from "./index";

describe("stats index", () => {
  it("re-exports the public functions", () => {
    for (const name of [
      "krippendorffAlpha",
      "fleissKappa",
      "pairAgreement",
      "agreementSummary",
      "pearson",
      "spearman",
      "kendallTauB",
      "correlationSummary",
      "averageRanks",
      "createRng",
      "shuffleInPlace",
      "humanCeiling",
      "bootstrapAlphaCI",
      "meanWithCI",
      "annotatorAgreement",
      "annotatorAgreementByUnit",
    ]) {
      expect(typeof (stats as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
