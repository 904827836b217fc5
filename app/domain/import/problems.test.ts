import { describe, expect, it } from "vitest";
import { createI18n } from "~/i18n/config";
import imports from "~/i18n/features/imports";
import { translate } from "~/lib/forms/message";
import { parseRatings } from "./ratings";
import { locatedProblemText, problemText, type Translate } from "./problems";

const translator = (lang: "en" | "zh"): Translate => {
  const { t } = createI18n(lang);
  return (msg) => translate(t, msg) ?? "";
};
const HAN = /\p{Script=Han}/u;

describe("a problem list in the page's language", () => {
  it("renders a refused file's problems in Chinese, and in English exactly as the CLI prints them", async () => {
    const csv = "dialogue_id,model,metric,annotator,score\n1,m,f,ann,x\n1,m,f,ann,3\n1,m,f,ann,3\n,m,f,ann,1\n";
    const parsed = await parseRatings([new TextEncoder().encode(csv)], { file: "late.csv" });
    expect(parsed.ok).toBe(false);
    const en = translator("en");
    const zh = translator("zh");
    for (const e of parsed.errors) expect(locatedProblemText(en, e, e.i18n)).toBe(e.message);
    const lines = parsed.errors.map((e) => locatedProblemText(zh, e, e.i18n));
    expect(lines).toEqual([
      'late.csv：第 1 条记录（第 2 行），字段 "score"：应为整数，实际为"x"',
      'late.csv：第 3 条记录（第 4 行），字段 "score"：标注员 "ann" 已评过对话 "1"、模型 "m"、指标 "f"（第 2 条记录）',
      'late.csv：第 4 条记录（第 5 行），字段 "dialogue_id"：不能为空',
    ]);
    for (const line of lines) expect(line).not.toMatch(/expected|already rated|must not|record|field/);
  });

  it("translates a kind given as a parameter (found an array → 数组)", () => {
    const p = { key: "imports.problem.notObject", params: { found: { key: "imports.kind.array" } } } as const;
    expect(problemText(translator("en"), p)).toBe("expected a JSON object, found an array");
    expect(problemText(translator("zh"), p)).toBe("应为 JSON 对象，实际为数组");
  });

  it("has every problem in both languages, with the same parameters", () => {
    const names = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
    for (const group of ["problem", "kind", "where"] as const) {
      const en: Record<string, string> = imports.en[group];
      const zh: Record<string, string> = imports.zh[group];
      expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(en)) {
        expect(names(zh[k]), `${group}.${k}`).toEqual(names(en[k]));
        if (group === "problem" && en[k] !== "{{text}}") expect(zh[k], `${group}.${k}`).toMatch(HAN);
      }
    }
  });
});
