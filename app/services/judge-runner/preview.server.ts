// The dry run: the exact request body the judge would get for the first unit of the run, in each
// language its metric is written in, and how many units a run would ask about. Nothing is written.
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { queryRows } from "#db/sql";
import { languagesOf, renderPrompt } from "~/domain/judge/template";
import { requestBody } from "./endpoint.server";
import type { CheckedRunInput } from "./options.server";
import { userMessages } from "./runner.server";
import { loadUnits, projectMetrics, projectTemplate, selectUnits } from "./units.server";

export type JudgePreview = {
  judge: string;
  endpoint: string;
  requested: number;
  skipped_existing: number;
  prompt_version: string;
  unit: { id: number; dialogue: string; model: string; metric: string } | null;
  prompts: { language: "zh" | "en"; request: ReturnType<typeof requestBody> }[];
};

export async function previewJudgeRun(db: Db, projectId: number, input: CheckedRunInput): Promise<JudgePreview> {
  const [judge] = await queryRows<{ id: number }>(db, sql`select id from judges where project_id = ${projectId} and name = ${input.judge}`);
  const metrics = await projectMetrics(db, projectId, input.metrics);
  const template = await projectTemplate(db, projectId);
  const scope = await selectUnits(db, projectId, judge ? Number(judge.id) : null, metrics, input.limit);
  // with everything scored there is still a prompt to show: the scope's first unit
  const firstId = scope.unitIds[0] ?? (await selectUnits(db, projectId, null, metrics, 1)).unitIds[0];
  const [unit] = firstId === undefined ? [] : await loadUnits(db, projectId, [firstId], metrics);
  return {
    judge: input.judge,
    endpoint: input.url,
    requested: scope.unitIds.length,
    skipped_existing: scope.skippedExisting,
    prompt_version: template.version,
    unit: unit ? { id: unit.unitId, dialogue: unit.dialogue, model: unit.model, metric: unit.metric.key } : null,
    prompts: unit
      ? languagesOf(unit.metric).map((language) => ({
          language,
          request: requestBody(input.model, userMessages(renderPrompt(template, unit, language))),
        }))
      : [],
  };
}
