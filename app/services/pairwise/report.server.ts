// `report pairwise` (product.md §11): a pairwise project's on-time choices read in one snapshot as
// comma-separated columns (services/reports/load.server.ts explains why), computed on the report worker
// and cached by the project's data stamp like the other reports (docs/decisions/006).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { parseNumberList } from "~/domain/reports/data";
import { invalid } from "~/lib/errors";
import { dataStamp, readReportCache, writeReportCache } from "../reports/cache.server";
import { computeOffThread, reportWorker } from "../reports/compute.server";
import type { PairwiseData, PairwiseReport } from "./report-compute";

export type { PairwiseModel, PairwiseReport, WinTieMatrix } from "./report-compute";

/** Bootstrap resamples of the strengths' intervals (seeded by the project's planner_seed). */
export const PAIRWISE_REPLICATES = 1000;

type ProjectRef = { id: number; slug: string; mode?: string };

async function modeOf(db: DbOrTx, project: ProjectRef): Promise<string> {
  if (project.mode) return project.mode;
  const [row] = await queryRows<{ mode: string }>(db, sql`select mode from projects where id = ${project.id}`);
  return row?.mode ?? "scoring";
}

/** The scoring reports (agreement, judges, leaderboard) have nothing to say about choices: 400. */
export async function assertScoringProject(db: DbOrTx, project: ProjectRef, report: string): Promise<void> {
  if ((await modeOf(db, project)) === "pairwise") throw invalid("pairwiseReport.errors.pairwiseProject", { report }, "kind");
}

type Head = { version: number; seed: number; metrics: { id: number; key: string }[]; models: { id: number; name: string }[] };

async function readHead(tx: DbOrTx, projectId: number): Promise<Head> {
  const [row] = await queryRows<{ version: string | number; seed: number }>(
    tx,
    sql`select ${dataStamp(projectId)} as version, (select planner_seed from projects where id = ${projectId}) as seed`,
  );
  const metrics = await queryRows<{ id: number; key: string }>(
    tx,
    sql`select id, key from metrics where project_id = ${projectId}
          and id in (select distinct metric_id from units where project_id = ${projectId} and comparison_id is not null)
        order by position, id`,
  );
  const models = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select id, name from models where project_id = ${projectId} and id in (
          select r.model_id from comparisons c join responses r on r.id = c.response_a_id where c.project_id = ${projectId}
          union
          select r.model_id from comparisons c join responses r on r.id = c.response_b_id where c.project_id = ${projectId})
        order by id`,
  );
  return { version: Number(row?.version ?? 0), seed: Number(row?.seed ?? 1), metrics, models };
}

type ChoiceColumns = {
  n: number;
  unit: string | null;
  metric: string | null;
  model_a: string | null;
  model_b: string | null;
  dialogue: string | null;
  score: string | null;
  swapped: string | null;
};

/** Every on-time choice as parallel lists (one aggregate pass keeps them in the same order). */
async function readChoices(tx: DbOrTx, projectId: number): Promise<ChoiceColumns> {
  const [row] = await queryRows<ChoiceColumns>(
    tx,
    sql`select count(*)::int as n,
               string_agg(r.unit_id::text, ',') as unit,
               string_agg(u.metric_id::text, ',') as metric,
               string_agg(ra.model_id::text, ',') as model_a,
               string_agg(rb.model_id::text, ',') as model_b,
               string_agg(c.dialogue_id::text, ',') as dialogue,
               string_agg(r.score::text, ',') as score,
               string_agg(coalesce(t.swapped::int, -1)::text, ',') as swapped
        from ratings r
        join units u on u.id = r.unit_id
        join comparisons c on c.id = u.comparison_id
        join responses ra on ra.id = c.response_a_id
        join responses rb on rb.id = c.response_b_id
        left join tasks t on t.id = r.task_id
        where r.project_id = ${projectId} and not r.late`,
  );
  return row;
}

function column(text: string | null, n: number, name: string): Float64Array {
  const out = parseNumberList(text);
  if (out.length !== n) throw new Error(`pairwise report: ${out.length} ${name} values where ${n} were expected`);
  return out;
}

function assemble(head: Head, c: ChoiceColumns): PairwiseData {
  const n = Number(c.n);
  const metricIndex = new Map(head.metrics.map((m, i) => [Number(m.id), i]));
  const modelIndex = new Map(head.models.map((m, i) => [Number(m.id), i]));
  const metricIds = column(c.metric, n, "metric");
  const a = column(c.model_a, n, "model");
  const b = column(c.model_b, n, "model");
  const dialogueIds = column(c.dialogue, n, "dialogue");
  const score = column(c.score, n, "score");
  const swapped = column(c.swapped, n, "side");
  // dialogues numbered in id order, so the seeded bootstrap draws the same resamples on every run
  const dialogues = [...new Set(dialogueIds)].sort((x, y) => x - y);
  const dialogueIndex = new Map(dialogues.map((d, i) => [d, i]));
  return {
    metrics: head.metrics.map((m) => m.key),
    models: head.models.map((m) => m.name),
    seed: head.seed,
    replicates: PAIRWISE_REPLICATES,
    unit: column(c.unit, n, "unit"),
    metric: Int32Array.from(metricIds, (id) => metricIndex.get(id) ?? 0),
    a: Int32Array.from(a, (id) => modelIndex.get(id)!),
    b: Int32Array.from(b, (id) => modelIndex.get(id)!),
    dialogue: Int32Array.from(dialogueIds, (id) => dialogueIndex.get(id)!),
    outcome: Uint8Array.from(score, (s) => s - 1),
    left: Int8Array.from(swapped),
  };
}

/** The report's input, read in one snapshot (its data stamp with it). */
export async function loadPairwiseData(db: DbOrTx, projectId: number): Promise<{ version: number; data: PairwiseData }> {
  const [head, choices] = await db.transaction(async (tx) => [await readHead(tx, projectId), await readChoices(tx, projectId)] as const, {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
  return { version: head.version, data: assemble(head, choices) };
}

const inFlight = new Map<string, Promise<PairwiseReport>>();

/** The report of a pairwise project: cached while its data stamp holds, else computed once on the worker. */
export async function pairwiseReport(db: DbOrTx, project: ProjectRef): Promise<PairwiseReport> {
  if ((await modeOf(db, project)) !== "pairwise") throw invalid("pairwiseReport.errors.scoringProject", undefined, "kind");
  const cached = await readReportCache(db, project.id, ["pairwise"]);
  if (cached.bodies.pairwise) return JSON.parse(cached.bodies.pairwise) as PairwiseReport;
  const key = `${project.id}:${cached.version}`;
  let p = inFlight.get(key);
  if (!p) {
    p = (async () => {
      reportWorker(); // starts while the data loads
      const { version, data } = await loadPairwiseData(db, project.id);
      const report = await computeOffThread<PairwiseReport, "pairwise">("pairwise", project.slug, data);
      await writeReportCache(db, project.id, version, { pairwise: report });
      return report;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
  }
  return p;
}
