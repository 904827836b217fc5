// The corpus import page's refusal: each problem in English (`message`, as the CLI prints it) and as a
// key with parameters (`problem`), which the page shows in its language.
import { describe, expect, it } from "vitest";
import { locatedProblemText, type Problem, type Translate } from "~/domain/import";
import { createI18n } from "~/i18n/config";
import { translate } from "~/lib/forms/message";
import { action as runImport } from "~/routes/projects.$slug.import.run";
import { makeMember, makeProject } from "../seeds/factories";
import { callRoute, formRequest, sessionCookie } from "./account-helpers";
import { useTestDb } from "./db";

const t = useTestDb();
const translator = (lang: "en" | "zh"): Translate => {
  const { t: tr } = createI18n(lang);
  return (msg) => translate(tr, msg) ?? "";
};

type Refusal = {
  ok: false;
  errors: {
    message: string;
    file: string;
    line: number | null;
    record: number | null;
    key: string | null;
    field: string | null;
    problem: Problem;
  }[];
};

describe("corpus import page: a refused upload", () => {
  it("answers every problem in English and as a key that reads in Chinese", async () => {
    const project = await makeProject(t.db);
    const manager = await makeMember(t.db, project.id, "manager");
    const dialogues = "id,role,context\nd1,A,hello\nd1,A,again\nd2,B\n";
    const res = await callRoute(
      runImport,
      formRequest(
        `/projects/${project.slug}/import/run`,
        { intent: "validate", mode: "generic", g_dialogues: new File([dialogues], "dialogues.csv", { type: "text/csv" }) },
        await sessionCookie(manager.id),
      ),
      { slug: project.slug },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as Refusal;
    expect(body.errors.map((e) => e.message)).toEqual([
      'dialogues.csv: record 2 (line 3), field "id": duplicate id "d1" (first at record 1, line 2)',
      "dialogues.csv: record 3 (line 4): expected 3 cells (as in the header), found 2",
    ]);
    for (const e of body.errors) expect(locatedProblemText(translator("en"), e, e.problem)).toBe(e.message);
    expect(body.errors.map((e) => locatedProblemText(translator("zh"), e, e.problem))).toEqual([
      'dialogues.csv：第 2 条记录（第 3 行），字段 "id"：编号 "d1" 重复（首次出现在第 1 条记录，第 2 行）',
      "dialogues.csv：第 3 条记录（第 4 行）：应有 3 个单元格（与表头一致），实际为 2 个",
    ]);
  });
});
