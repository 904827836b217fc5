// Imports a corpus into a project: parse and validate every file (streamed), then write it in one
// transaction, or write nothing at all. Without a metric map, the planner picks each dialogue's subset.
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import type { Project } from "#db/queries/projects";
import { queryRows } from "#db/sql";
import { planSubsets } from "~/domain/assignment/plan-subsets";
import { scoredTextFor } from "~/domain/export/scored-text";
import {
  type ByteSource,
  type ImportError,
  type ImportPlan,
  parseCharacterEvalBundle,
  parseGenericBundle,
  type GenericFile,
} from "~/domain/import";
import { AppError, invalid } from "~/lib/errors";
import { type CorpusCounts, insertCorpus } from "./corpus.server";
import { listProjectMetrics, projectStats, type ProjectStats } from "./projects.server";
import { recordAudit } from "./audit.server";

/** A refused import: every problem with its place; nothing was written. */
export class ImportRejected extends AppError {
  constructor(
    readonly errors: ImportError[],
    readonly truncated: boolean,
  ) {
    super(
      400,
      `The import was refused: ${errors.length}${truncated ? "+" : ""} problem(s), nothing was written.\n` +
        errors.map((e) => `  ${e.message}`).join("\n"),
    );
    this.name = "ImportRejected";
  }
}

export type ImportProgress = (stage: "parsing" | "planning" | "writing" | "done", detail?: string) => void;

export type ImportSummary = ProjectStats & {
  added: CorpusCounts;
  skipped: { model: string; null: number; error: number }[];
  unused_profiles: string[];
  planned_subsets: boolean;
  dry_run: boolean;
};

export type CharacterEvalFiles = {
  dialogues: { source: ByteSource; name: string };
  profiles: { source: ByteSource; name: string };
  metrics?: { source: ByteSource; name: string };
  responses: { model: string; source: ByteSource; name: string }[];
};

const MODEL = /^[\p{L}\p{N}._\-:/ ]{1,100}$/u;

export async function importCharacterEval(db: Db, project: Project, files: CharacterEvalFiles, opts: ImportOptions = {}) {
  for (const r of files.responses) {
    if (!MODEL.test(r.model)) throw invalid("imports.modelRule", { model: JSON.stringify(r.model) }, "model");
  }
  const known = (await listProjectMetrics(db, project.id)).map((m) => ({ key: m.key, nameZh: m.nameZh, nameEn: m.nameEn }));
  opts.onProgress?.("parsing");
  const plan = await parseCharacterEvalBundle({
    dialogues: files.dialogues.source,
    profiles: files.profiles.source,
    metrics: files.metrics?.source,
    responses: files.responses.map((r) => ({ model: r.model, chunks: r.source, file: r.name })),
    knownMetricKeys: known,
    fileNames: {
      dialogues: files.dialogues.name,
      profiles: files.profiles.name,
      metrics: files.metrics?.name,
      responses: Object.fromEntries(files.responses.map((r) => [r.model, r.name])),
    },
  });
  const names = [files.dialogues, files.profiles, files.metrics, ...files.responses].flatMap((f) => (f ? [f.name] : []));
  return commitPlan(db, project, plan, { ...opts, planMissingSubsets: !files.metrics, format: "charactereval", files: names });
}

/** `actorId`: who imports (for the audit trail; null from the CLI, the operator). */
export type ImportOptions = { dryRun?: boolean; onProgress?: ImportProgress; actorId?: string | null };

export type GenericFiles = { dialogues: GenericFile; profiles?: GenericFile; responses: GenericFile[]; subsets?: GenericFile };

export async function importGeneric(db: Db, project: Project, files: GenericFiles, opts: ImportOptions = {}) {
  const known = (await listProjectMetrics(db, project.id)).map((m) => ({ key: m.key, nameZh: m.nameZh, nameEn: m.nameEn }));
  opts.onProgress?.("parsing");
  const plan = await parseGenericBundle({ ...files, knownMetricKeys: known });
  const names = [files.dialogues, files.profiles, files.subsets, ...files.responses].flatMap((f) => (f ? [f.file] : []));
  return commitPlan(db, project, plan, { ...opts, planMissingSubsets: !files.subsets, format: "generic", files: names });
}

async function commitPlan(
  db: Db,
  project: Project,
  plan: ImportPlan,
  opts: ImportOptions & { planMissingSubsets: boolean; format: string; files: string[] },
): Promise<ImportSummary> {
  if (!plan.ok) throw new ImportRejected(plan.errors, plan.errorsTruncated);
  opts.onProgress?.("planning");
  let subsets = plan.subsets;
  if (opts.planMissingSubsets && subsets.length === 0) subsets = await planMissing(db, project, plan);
  const corpus = {
    characters: plan.characters.map((c) => ({ name: c.name, novelName: c.novelName, profileJson: c.profileJson ?? "{}" })),
    dialogues: plan.dialogues.map((d) => ({ externalId: d.externalId, role: d.role, novelName: d.novelName, context: d.context })),
    subsets,
    responses: plan.responses.map((r) => ({
      externalId: r.externalId,
      model: r.model,
      text: r.text,
      scoredText: scoredTextFor(r.text, project.scoredTextFirstLine),
    })),
  };
  const common = { skipped: plan.skipped, unused_profiles: plan.unusedProfiles, planned_subsets: subsets !== plan.subsets };
  if (opts.dryRun) {
    const added = {
      characters: corpus.characters.length,
      dialogues: corpus.dialogues.length,
      subset_metrics: subsets.reduce((n, s) => n + s.metrics.length, 0),
      responses: corpus.responses.length,
      units: 0,
    };
    return { ...(await projectStats(db, project.id)), added, ...common, dry_run: true };
  }
  opts.onProgress?.("writing");
  const added = await db.transaction(async (tx) => {
    const counts = await insertCorpus(tx, project.id, corpus);
    const detail = { format: opts.format, files: opts.files, added: counts };
    await recordAudit(tx, { projectId: project.id, actorId: opts.actorId ?? null, kind: "import", detail });
    return counts;
  });
  // fresh statistics right away: until autovacuum gets to them, the queue's plans are made for the
  // tables as they were before the import, and claims slow down several times
  if (added.units > 0) await db.execute(sql`analyze units, unit_fill, responses, dialogues, dialogue_metrics`);
  opts.onProgress?.("done");
  return { ...(await projectStats(db, project.id)), added, ...common, dry_run: false };
}

/** Subsets for dialogues that have none yet: least-covered metric first, seeded tie-break. */
async function planMissing(db: Db, project: Project, plan: ImportPlan) {
  const rows = await queryRows<{ external_id: string; key: string | null }>(
    db,
    sql`select d.external_id, m.key from dialogues d
        left join dialogue_metrics dm on dm.dialogue_id = d.id
        left join metrics m on m.id = dm.metric_id
        where d.project_id = ${project.id}`,
  );
  const covered = new Set(rows.filter((r) => r.key !== null).map((r) => r.external_id));
  const existingCounts: Record<string, number> = {};
  for (const r of rows) if (r.key) existingCounts[r.key] = (existingCounts[r.key] ?? 0) + 1;
  const metricKeys = (await listProjectMetrics(db, project.id)).map((m) => m.key);
  const todo = plan.dialogues.filter((d) => !covered.has(d.externalId));
  const planned = planSubsets({
    dialogues: todo.map((d) => ({ id: d.externalId })),
    metricKeys,
    perDialogue: Math.min(project.metricsPerDialogue, metricKeys.length),
    seed: project.plannerSeed,
    existingCounts,
  });
  return [...planned].map(([externalId, metrics]) => ({ externalId, metrics }));
}

/** Metric coverage: (dialogue, metric) pairs and units per metric, for the planner's balance view. */
export async function metricCoverage(db: Db, projectId: number) {
  return queryRows<{ key: string; dialogues: number; units: number }>(
    db,
    sql`select m.key,
          (select count(*)::int from dialogue_metrics dm where dm.metric_id = m.id) as dialogues,
          (select count(*)::int from units u where u.metric_id = m.id) as units
        from metrics m where m.project_id = ${projectId} order by m.position`,
  );
}
