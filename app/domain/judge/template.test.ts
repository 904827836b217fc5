import { describe, expect, it } from "vitest";
import { CHARACTEREVAL_METRIC_SET } from "../metrics/builtin";
import { languageOf, languagesOf, renderPrompt, templateFor, templateProblems, type PromptUnit } from "./template";

const fluency = CHARACTEREVAL_METRIC_SET.metrics.find((m) => m.key === "Fluency")!;
const unit: PromptUnit = {
  character: "林黛玉",
  novel: "红楼梦",
  profileJson: JSON.stringify({ 姓名: "林黛玉", 性格: "敏感、聪慧", 爱好: ["作诗", "葬花"] }),
  context: "宝玉：妹妹今日可好？\n林黛玉：（轻叹）{{不过}}如此。",
  scoredText: "好与不好，又与你何干。",
  metric: fluency,
};

describe("judge prompt templates", () => {
  it("renders the CharacterEval prompt in Chinese with profile, context, scored text, definition and scale", () => {
    const p = renderPrompt(templateFor("charactereval", null), unit);
    expect(p).toContain("【角色】林黛玉（出自《红楼梦》）");
    expect(p).toContain("姓名：林黛玉\n性格：敏感、聪慧\n爱好：作诗、葬花");
    expect(p).toContain("宝玉：妹妹今日可好？\n林黛玉：（轻叹）{{不过}}如此。");
    expect(p).toContain("林黛玉：好与不好，又与你何干。");
    expect(p).toContain(`【评价维度】对话流利度（Fluency）\n【维度定义】${fluency.definitionZh}`);
    expect(p).toContain(`1 分：${fluency.anchorLowZh}`);
    expect(p).toContain("只回答一个 1 到 5 之间的整数");
    expect(p).not.toMatch(/\{\{(character|profile|scale_max)\}\}/);
  });
  it("renders English for a metric with only an English definition, and offers both where both exist", () => {
    const english = { ...fluency, definitionZh: "", scaleMax: 3 };
    expect(languageOf(english)).toBe("en");
    expect(languagesOf(fluency)).toEqual(["zh", "en"]);
    const p = renderPrompt(templateFor("my-set", null), { ...unit, metric: english });
    expect(p).toContain(`[Definition] ${fluency.definitionEn}`);
    expect(p).toContain("Answer with one integer from 1 to 3 and nothing else.");
  });
  it("versions the built-in template per set and a project's own by its counter", () => {
    expect(templateFor("charactereval", null).version).toBe("charactereval-v1");
    expect(templateFor("characterbench-mixed", null).version).toBe("characterbench-mixed-v1");
    expect(templateFor("custom", null).version).toBe("generic-v1");
    const own = templateFor("charactereval", {
      text: "上文：{{context}} 回复：{{response}} {{definition}} {{scale_min}}-{{scale_max}}",
      version: 3,
    });
    expect(own.version).toBe("project-v3");
    expect(renderPrompt(own, unit)).toBe(`上文：${unit.context} 回复：${unit.scoredText} ${fluency.definitionZh} 1-5`);
  });
  it("names the missing and unknown fields of a project's template", () => {
    expect(templateProblems("{{context}} {{response}} {{definition}} {{scale_min}} {{scale_max}}")).toEqual([]);
    expect(templateProblems("{{context}} {{respons}}")).toEqual([
      { code: "unknownField", field: "respons" },
      { code: "missingField", field: "response" },
      { code: "missingField", field: "definition" },
      { code: "missingField", field: "scale_min" },
      { code: "missingField", field: "scale_max" },
    ]);
  });
});
