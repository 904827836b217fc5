// A project's own judge prompt template (product.md §12). Every save, and the return to the built-in
// template, bumps judge_template_version in the same statement, so the "project-vN" stored with each
// score always names the exact wording that produced it.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { builtinTemplate, type JudgeTemplate, templateProblems } from "~/domain/judge/template";
import { keyedError } from "~/lib/errors";
import { projectTemplate } from "./units.server";

export type TemplateState = { current: JudgeTemplate; own: boolean; builtin: JudgeTemplate };

export async function judgeTemplateState(db: DbOrTx, projectId: number): Promise<TemplateState> {
  const [p] = await queryRows<{ metric_set_key: string; judge_template: string | null }>(
    db,
    sql`select metric_set_key, judge_template from projects where id = ${projectId}`,
  );
  return { current: await projectTemplate(db, projectId), own: p.judge_template !== null, builtin: builtinTemplate(p.metric_set_key) };
}

/** Stores the project's template (null: back to the built-in one); returns the new version string. */
export async function setJudgeTemplate(db: DbOrTx, projectId: number, text: string | null): Promise<string> {
  const value = text?.trim() ? text.replace(/\r\n/g, "\n") : null;
  if (value !== null) {
    const problems = templateProblems(value);
    if (problems.length) {
      const list = problems.map((p) => (p.field ? `${p.code} {{${p.field}}}` : p.code)).join(", ");
      throw keyedError(400, "judgeRuns.errors.template", { problems: list }, "template");
    }
  }
  await db.execute(sql`update projects set judge_template = ${value}, judge_template_version = judge_template_version + 1
                       where id = ${projectId}`);
  return (await projectTemplate(db, projectId)).version;
}
