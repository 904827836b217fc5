import { describe, expect, it } from "vitest";
import { makeCorpus } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { useTestDb } from "../../../test/db";
import { checkRunInput } from "./options.server";
import { previewJudgeRun } from "./preview.server";
import { judgeTemplateState, setJudgeTemplate } from "./template.server";

const t = useTestDb();
const OWN = "Profile: {{profile}}\nContext: {{context}}\nReply: {{response}}\n{{definition}} ({{scale_min}}–{{scale_max}}). One integer.";

describe("a project's own judge template", () => {
  it("is stored with a version that every save bumps, is used by the prompt, and can go back to the built-in one", async () => {
    const project = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 1, models: ["m1"] });
    expect(await judgeTemplateState(t.db, project.id)).toMatchObject({ own: false, current: { version: "charactereval-v1" } });
    expect(await setJudgeTemplate(t.db, project.id, OWN)).toBe("project-v1");
    expect(await setJudgeTemplate(t.db, project.id, OWN + " ")).toBe("project-v2");
    const input = checkRunInput({ judge: "j", endpoint: "http://127.0.0.1:9", model: "m" });
    const preview = await previewJudgeRun(t.db, project.id, input);
    expect(preview.prompt_version).toBe("project-v2");
    expect(preview.prompts[0].request.messages[0].content).toMatch(/^Profile: .*\nContext: 甲：你好。/s);
    expect(await setJudgeTemplate(t.db, project.id, null)).toBe("charactereval-v1");
    expect(await judgeTemplateState(t.db, project.id)).toMatchObject({ own: false });
  });

  it("refuses a template without the scored text or with an unknown field, naming them, and keeps the old one", async () => {
    const project = await makeProject(t.db);
    await setJudgeTemplate(t.db, project.id, OWN);
    await expect(setJudgeTemplate(t.db, project.id, "{{context}} {{definition}} {{scale_min}} {{scale_max}} {{reponse}}")).rejects.toThrow(
      /unknownField \{\{reponse\}\}, missingField \{\{response\}\}/,
    );
    expect((await judgeTemplateState(t.db, project.id)).current.version).toBe("project-v1");
  });
});
