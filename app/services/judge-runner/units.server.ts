// Which units a judge run asks about, and their prompts. The selection skips units the judge already
// has a score for (imported or from an earlier run), which is what makes a rerun a resume.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { type JudgeTemplate, type PromptMetric, type PromptUnit, templateFor } from "~/domain/judge/template";
import { keyedError } from "~/lib/errors";

export type ScopeMetric = PromptMetric & { id: number };

export async function projectMetrics(db: DbOrTx, projectId: number, keys: string[]): Promise<ScopeMetric[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, key, name_en, name_zh, definition_en, definition_zh, scale_min, scale_max,
               anchor_low_en, anchor_low_zh, anchor_high_en, anchor_high_zh
        from metrics where project_id = ${projectId} order by position`,
  );
  const all: ScopeMetric[] = rows.map((r) => ({
    id: Number(r.id),
    key: String(r.key),
    nameEn: String(r.name_en),
    nameZh: String(r.name_zh),
    definitionEn: String(r.definition_en),
    definitionZh: String(r.definition_zh),
    scaleMin: Number(r.scale_min),
    scaleMax: Number(r.scale_max),
    anchorLowEn: String(r.anchor_low_en),
    anchorLowZh: String(r.anchor_low_zh),
    anchorHighEn: String(r.anchor_high_en),
    anchorHighZh: String(r.anchor_high_zh),
  }));
  for (const k of keys) if (!all.some((m) => m.key === k)) throw keyedError(400, "judgeRuns.errors.metric", { metric: k }, "metrics");
  return keys.length ? all.filter((m) => keys.includes(m.key)) : all;
}

export async function projectTemplate(db: DbOrTx, projectId: number): Promise<JudgeTemplate> {
  const [p] = await queryRows<{ metric_set_key: string; judge_template: string | null; judge_template_version: number }>(
    db,
    sql`select metric_set_key, judge_template, judge_template_version from projects where id = ${projectId}`,
  );
  return templateFor(p.metric_set_key, { text: p.judge_template, version: Number(p.judge_template_version) });
}

const metricFilter = (metrics: ScopeMetric[]) =>
  sql`u.metric_id in (${sql.join(
    metrics.map((m) => sql`${m.id}`),
    sql`, `,
  )})`;

/** The units to ask about, in import order, and how many in scope the judge has already scored. */
export async function selectUnits(
  db: DbOrTx,
  projectId: number,
  judgeId: number | null,
  metrics: ScopeMetric[],
  limit: number | null,
): Promise<{ unitIds: number[]; skippedExisting: number }> {
  if (!metrics.length) return { unitIds: [], skippedExisting: 0 };
  const scored =
    judgeId === null ? sql`false` : sql`exists (select 1 from judge_scores js where js.judge_id = ${judgeId} and js.unit_id = u.id)`;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select u.id from units u where u.project_id = ${projectId} and ${metricFilter(metrics)} and not ${scored}
        order by u.position ${limit === null ? sql`` : sql`limit ${limit}`}`,
  );
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from units u where u.project_id = ${projectId} and ${metricFilter(metrics)} and ${scored}`,
  );
  return { unitIds: rows.map((r) => Number(r.id)), skippedExisting: Number(n) };
}

export type LoadedUnit = PromptUnit & { unitId: number; dialogue: string; model: string };

/** The texts of a batch of units (profiles, contexts, scored texts), project-scoped. */
export async function loadUnits(db: DbOrTx, projectId: number, unitIds: number[], metrics: ScopeMetric[]): Promise<LoadedUnit[]> {
  if (!unitIds.length) return [];
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.id, u.metric_id, r.scored_text, d.context, d.external_id, c.name, c.novel_name, c.profile_json, md.name as model
        from units u join responses r on r.id = u.response_id join dialogues d on d.id = u.dialogue_id
        join characters c on c.id = d.character_id join models md on md.id = r.model_id
        where u.project_id = ${projectId} and u.id in (${sql.join(
          unitIds.map((id) => sql`${id}::bigint`),
          sql`, `,
        )})`,
  );
  const found = new Map(rows.map((r) => [Number(r.id), r]));
  return unitIds.flatMap((id) => {
    const r = found.get(id);
    const metric = r && byId.get(Number(r.metric_id));
    if (!r || !metric) return []; // deleted meanwhile
    return [
      {
        unitId: id,
        dialogue: String(r.external_id),
        model: String(r.model),
        character: String(r.name),
        novel: String(r.novel_name ?? ""),
        profileJson: String(r.profile_json),
        context: String(r.context),
        scoredText: String(r.scored_text),
        metric,
      },
    ];
  });
}
