// The SQL of every export. Each query is filtered by the project id ($1) on its driving table (units,
// ratings or responses); the rest is reached through that row's own foreign keys, which always point
// into the same project (the corpus writer builds them so). A constant `project_id = $1` on every
// joined table would add nothing but make PostgreSQL multiply the project's share into each join's row
// estimate, pick nested loops for a million rows, and in the ratings lateral use the (project_id, id)
// index: a scan of the whole project per unit.
import type { Query } from "./snapshot.server";

export type ExportFilters = {
  projectId: number;
  /** null = all metrics */
  metricIds: number[] | null;
  /** null = all models */
  modelIds: number[] | null;
  minRatings: number;
  adjudicatedOnly: boolean;
  excludeGold: boolean;
};

class Params {
  readonly values: unknown[];
  constructor(projectId: number) {
    this.values = [projectId];
  }
  add(v: unknown) {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const GOLD = `(un.is_gold or exists (select 1 from gold_units g where g.unit_id = un.id))`;

/** Conditions on a unit `un` (with its response `rs`) shared by every kind that reads units. */
function unitConditions(p: Params, f: ExportFilters, ratingCount: string): string[] {
  const where: string[] = [];
  if (f.metricIds) where.push(`un.metric_id = any(${p.add(f.metricIds)}::int[])`);
  if (f.modelIds) where.push(`rs.model_id = any(${p.add(f.modelIds)}::int[])`);
  if (f.adjudicatedOnly) where.push(`exists (select 1 from adjudications a2 where a2.unit_id = un.id)`);
  if (f.excludeGold) where.push(`not ${GOLD}`);
  if (f.minRatings > 0) where.push(`${ratingCount} >= ${p.add(f.minRatings)}`);
  return where;
}

/**
 * Walk the dialogues in import order (dialogues_project_position) and look everything else up by key:
 * the rows then stream from the first one, in order, with only a small per-dialogue (incremental)
 * sort, so the database works while Node formats. Left to itself the planner prefers hash joins and
 * one big sort of every wide row, which sends nothing until the whole project has been read.
 */
const IN_DIALOGUE_ORDER = ["enable_hashjoin = off", "enable_mergejoin = off"];

const and = (conditions: string[]) => conditions.map((c) => `\n  and ${c}`).join("");

/** Units that have a human score (ratings or an adjudication), with everything a record needs. */
/** `raters`: also each rating's annotator, in the order of `ratings` (per-annotator pairs only). */
function scoredUnits(f: ExportFilters, order: string, raters = false): { rows: Query; count: Query } {
  const p = new Params(f.projectId);
  const from = `
from dialogues d
join units un on un.dialogue_id = d.id
join responses rs on rs.id = un.response_id
left join adjudications a on a.unit_id = un.id
cross join lateral (
  select array_agg(r.score order by r.id) as ratings${raters ? ", array_agg(r.annotator_id order by r.id) as raters" : ""} from ratings r where r.unit_id = un.id
) rr
where d.project_id = $1 and un.project_id = $1 and (a.unit_id is not null or rr.ratings is not null)${and(unitConditions(p, f, "coalesce(cardinality(rr.ratings), 0)"))}`;
  // Characters, models and metrics travel as ids (records.server.ts loadDimensions has them), and a
  // dialogue's context and novel name only with its first unit (contextFiller puts them back): with
  // five models that is a fifth of the text to send and decode.
  const first = `lag(d.id) over (order by ${order}) is distinct from d.id`;
  const select = `select d.external_id as dialogue_id, d.id as dialogue_key, d.character_id,
  case when ${first} then d.novel_name end as novel_name, case when ${first} then d.context end as context,
  rs.model_id, rs.scored_text, un.metric_id, coalesce(rr.ratings, '{}') as ratings, a.score as adjudicated${raters ? ", coalesce(rr.raters, '{}') as raters" : ""}`;
  // The count (for the progress bar) skips the wide joins and the rating arrays: it must not double the work.
  const c = new Params(f.projectId);
  const ratingCount = "(select count(*) from ratings r where r.unit_id = un.id)";
  const count = `select count(*)::int as n
from units un
join responses rs on rs.id = un.response_id
where un.project_id = $1
  and (exists (select 1 from adjudications a where a.unit_id = un.id) or exists (select 1 from ratings r where r.unit_id = un.id))${and(unitConditions(c, f, ratingCount))}`;
  return {
    rows: { text: `${select}${from}\norder by ${order}`, params: p.values, settings: IN_DIALOGUE_ORDER },
    count: { text: count, params: c.values },
  };
}

/** charrm: units in import order (dialogue, then the unit's own position). */
export const charRmQueries = (f: ExportFilters) => scoredUnits(f, "d.position, un.position, un.id");

/** pairs: units grouped by (dialogue, metric) so each group streams as one run of rows. */
export const pairUnitQueries = (f: ExportFilters, raters = false) =>
  scoredUnits(f, "d.position, d.id, un.metric_id, un.position, un.id", raters);

/** The project's annotator groups (group mode), for the per-annotator profile. */
export const memberGroupQuery = (projectId: number): Query => ({
  text: "select user_id, group_name from project_members where project_id = $1",
  params: [projectId],
});

/** The project's characters (with profile text), models and metrics: loaded once per export. */
export const dimensionQueries = (projectId: number): Record<"characters" | "models" | "metrics", Query> => ({
  characters: { text: "select id, name, profile_json from characters where project_id = $1", params: [projectId] },
  models: { text: "select id, name from models where project_id = $1", params: [projectId] },
  metrics: {
    text: "select id, key, name_zh, scale_min, scale_max, higher_is_better from metrics where project_id = $1",
    params: [projectId],
  },
});

/** Milliseconds since the epoch as a float8: a Date from a number is cheaper than parsing text per row. */
export const EPOCH_MS = "floor(extract(epoch from r.created_at) * 1000)::float8";

/** annotations: every raw rating, oldest first, with how many ratings its task has and its place among
 *  them (all of the task's ratings, whatever the filters) for splitting the task's time, and whether it
 *  is the first of its task in this export (which carries the task's whole time). */
export function annotationQueries(f: ExportFilters): { rows: Query; count: Query } {
  const p = new Params(f.projectId);
  const where = `where r.project_id = $1${and(unitConditions(p, f, "(select count(*) from ratings r3 where r3.unit_id = un.id)"))}`;
  const join = `
from ratings r
join units un on un.id = r.unit_id
join responses rs on rs.id = un.response_id`;
  return {
    rows: {
      text: `select d.external_id as dialogue_id, mo.name as model, mt.key as metric, us.email as annotator,
  r.score, r.comment, r.active_ms, ${EPOCH_MS} as created_ms, ${GOLD} as gold,
  r.task_id, tk.n as task_ratings, tk.before as task_position,
  (r.task_id is not null and row_number() over (partition by r.task_id order by r.id) = 1) as task_first${join}
join dialogues d on d.id = un.dialogue_id
left join lateral (
  select count(*)::int as n, (count(*) filter (where r2.id < r.id))::int as before from ratings r2 where r2.task_id = r.task_id
) tk on r.task_id is not null
join models mo on mo.id = rs.model_id
join metrics mt on mt.id = un.metric_id
join users us on us.id = r.annotator_id
${where}
order by r.id`,
      params: p.values,
    },
    count: { text: `select count(*)::int as n${join}\n${where}`, params: p.values },
  };
}

/** generation-trans: one model's responses × their dialogue's subset metrics, in import and id2metric order. */
export function generationQueries(projectId: number, modelId: number, metricIds: number[] | null): { rows: Query; count: Query } {
  const p = new Params(projectId);
  const model = p.add(modelId);
  const metric = metricIds ? `\n  and dm.metric_id = any(${p.add(metricIds)}::int[])` : "";
  const from = `
from dialogues d
join responses rs on rs.dialogue_id = d.id and rs.model_id = ${model}
join characters c on c.id = d.character_id
join dialogue_metrics dm on dm.dialogue_id = d.id
join metrics mt on mt.id = dm.metric_id
where d.project_id = $1 and rs.project_id = $1${metric}`;
  return {
    rows: {
      text: `select d.external_id as dialogue_id, d.id as dialogue_key, c.name as role, d.novel_name, d.context, rs.text,
  mt.key as metric_en, mt.name_zh as metric_zh${from}
order by d.position, d.id, dm.position, mt.id`,
      params: p.values,
      settings: IN_DIALOGUE_ORDER,
    },
    count: { text: `select count(*)::int as n${from} and rs.text <> 'ERROR'`, params: p.values },
  };
}
