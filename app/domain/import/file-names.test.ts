import { describe, expect, it } from "vitest";
import { judgedModelFromFileName, modelFromFileName } from "./file-names";

describe("model names from file names", () => {
  it("responses files", () => {
    expect(modelFromFileName("gpt4_generation.jsonl")).toBe("gpt4");
    expect(modelFromFileName("generation-baichuan2.json")).toBe("baichuan2");
    expect(modelFromFileName("chatglm3.csv")).toBe("chatglm3");
    expect(modelFromFileName("generation.jsonl")).toBe("generation.jsonl");
  });
  it("judge evaluation files: only JSON ones, nothing when the name does not say", () => {
    expect(judgedModelFromFileName("gpt4_evaluation.jsonl")).toBe("gpt4");
    expect(judgedModelFromFileName("evaluation-qwen-14b.json")).toBe("qwen-14b");
    expect(judgedModelFromFileName("evaluation.jsonl")).toBe("");
    expect(judgedModelFromFileName("scores.csv")).toBe("");
  });
});
