import { describe, expect, it } from "vitest";
import { checkCorpusImport } from "./imports";

describe("the Import page's fields", () => {
  it("names the first missing file, then each responses file without a model", () => {
    const ce = { mode: "charactereval" as const, dialogues: true, profiles: true, responses: [] };
    expect(checkCorpusImport({ ...ce, dialogues: false })).toEqual({ field: "dialogues", message: { key: "errors.dialoguesFile" } });
    expect(checkCorpusImport({ ...ce, profiles: false })).toEqual({ field: "profiles", message: { key: "errors.profilesFile" } });
    const responses = [
      { index: 0, file: "a.jsonl", model: "gpt4" },
      { index: 3, file: "b.jsonl", model: "  " },
    ];
    expect(checkCorpusImport({ ...ce, responses })).toEqual({
      field: "model_3",
      message: { key: "errors.modelOfFile", params: { file: "b.jsonl" } },
    });
    expect(checkCorpusImport({ ...ce, responses: responses.slice(0, 1) })).toBeNull();
    expect(checkCorpusImport({ mode: "generic", g_dialogues: false })?.message).toEqual({ key: "errors.genericDialoguesFile" });
  });
});
