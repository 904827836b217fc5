import { describe, expect, it } from "vitest";
import { can } from "./capabilities";

describe("can", () => {
  it("denies by default", () => {
    expect(can(null, false, "viewProject")).toBe(false);
  });
  it("keeps annotators out of management, reports and export", () => {
    expect(can("annotator", false, "annotate")).toBe(true);
    for (const c of ["manage", "export", "viewReports", "adjudicate"] as const) expect(can("annotator", false, c)).toBe(false);
  });
  it("lets managers manage and export, and admins do everything", () => {
    expect(can("manager", false, "manage")).toBe(true);
    expect(can("manager", false, "export")).toBe(true);
    expect(can(null, true, "export")).toBe(true);
    expect(can("manager", false, "adjudicate")).toBe(false);
    expect(can("adjudicator", false, "adjudicate")).toBe(true);
  });
});
