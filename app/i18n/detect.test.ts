import { describe, expect, it } from "vitest";
import { detectLocale } from "./detect";

describe("detectLocale", () => {
  it("prefers the remembered cookie", () => {
    expect(detectLocale("a=1; rc_lang=zh", "en-US")).toBe("zh");
    expect(detectLocale("rc_lang=en", "zh-CN", "zh")).toBe("en");
  });
  it("falls back to the account, then the browser", () => {
    expect(detectLocale(null, "en", "zh")).toBe("zh");
    expect(detectLocale(null, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(detectLocale(null, "fr-FR,en;q=0.5,zh;q=0.4")).toBe("en");
    expect(detectLocale(null, "en;q=0.2, zh-TW;q=0.8")).toBe("zh");
  });
  it("ignores garbage and defaults to English", () => {
    expect(detectLocale("rc_lang=xx", "")).toBe("en");
    expect(detectLocale(null, ";;;,q=abc")).toBe("en");
  });
});
