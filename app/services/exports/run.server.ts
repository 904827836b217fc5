// Starting an export: resolve the filters against the project, open the snapshot, optionally count the
// records (for the browser's progress bar), and hand back the chunks as an async generator.
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { metrics, models } from "#db/schema";
import { invalid } from "~/lib/errors";
import { annotationLines } from "./annotations.server";
import { charRmLines } from "./charrm.server";
import { generationTransChunks } from "./generation-trans.server";
import { exportFile, type ExportOptions } from "~/domain/export/options";
import { annotatorProfileChunks, annotatorProfileLines, pairLines } from "./pairs.server";
import {
  annotationQueries,
  charRmQueries,
  dimensionQueries,
  generationQueries,
  memberGroupQuery,
  pairUnitQueries,
  type ExportFilters,
} from "./queries.server";
import type { ExportContext } from "./records.server";
import { openSnapshot, type Query } from "./snapshot.server";
import { recordAudit } from "../audit.server";
import { requireScoringProject } from "../projects.server";

export type ExportProject = { id: number; slug: string };

export type ExportRun = {
  filename: string;
  contentType: string;
  /** the number of records, when asked for (counted in the same snapshot) */
  count: number | null;
  /** UTF-8, whole lines */
  chunks: AsyncGenerator<Uint8Array>;
  /** records produced so far */
  readonly records: number;
  /** ends the snapshot; also called when the chunks run out or fail */
  close(): Promise<void>;
  /** per-annotator pairs: the profile's lines, once the chunks have run out */
  annotatorProfile(): string[];
};

/** `actorId`: who exports, for the audit trail (null from the CLI: the operator). */
export type StartOptions = { count?: boolean; batchSize?: number; actorId?: string | null };

/** Metric keys and model names → ids of this project; an unknown one is a 400 naming the field. */
export async function resolveFilters(handle: DatabaseHandle, projectId: number, o: ExportOptions): Promise<ExportFilters> {
  const ids = async (names: string[], field: "metric" | "model") => {
    if (!names.length) return null;
    const table = field === "metric" ? metrics : models;
    const nameCol = field === "metric" ? metrics.key : models.name;
    const rows = await handle.db.select({ id: table.id, name: nameCol }).from(table).where(eq(table.projectId, projectId));
    const byName = new Map(rows.map((r) => [r.name, r.id]));
    return names.map((n) => {
      const id = byName.get(n);
      if (id === undefined) throw invalid("exports.errors.unknownName", { field, name: n }, field);
      return id;
    });
  };
  return {
    projectId,
    metricIds: await ids(o.metrics, "metric"),
    modelIds: await ids(o.models, "model"),
    minRatings: o.minRatings,
    adjudicatedOnly: o.adjudicatedOnly,
    excludeGold: o.excludeGold,
  };
}

/** The queries of one export. pairs has no count: its records are only known once the groups are built. */
function plan(
  f: ExportFilters,
  o: ExportOptions,
): { rows: Query; count?: Query } & Partial<Record<"characters" | "models" | "metrics" | "members", Query>> {
  switch (o.kind) {
    case "charrm":
      return { ...charRmQueries(f), ...dimensionQueries(f.projectId) };
    case "pairs":
    case "pairs-annotators": {
      const perAnnotator = o.perAnnotator ? { members: memberGroupQuery(f.projectId) } : {};
      return { rows: pairUnitQueries(f, o.perAnnotator).rows, ...dimensionQueries(f.projectId), ...perAnnotator };
    }
    case "annotations":
      return annotationQueries(f);
    case "generation-trans":
      return generationQueries(f.projectId, f.modelIds![0], f.metricIds);
  }
}

function render(ctx: ExportContext): AsyncGenerator<string[]> {
  switch (ctx.options.kind) {
    case "charrm":
      return charRmLines(ctx);
    case "pairs":
      return pairLines(ctx);
    case "pairs-annotators":
      return annotatorProfileChunks(ctx);
    case "annotations":
      return annotationLines(ctx);
    case "generation-trans":
      return generationTransChunks(ctx);
  }
}

/** Chunks of about 64 KB. Lines are UTF-8-encoded straight into each chunk's buffer (one pass, where
 *  joining them into a string and encoding that takes three), and a chunk never splits a line. Buffers
 *  live outside V8's heap and are freed once written: memory stays flat over a million records. */
export const CHUNK_BYTES = 64 * 1024;

export async function* encodeChunks(batches: AsyncIterable<string[]> | Iterable<string[]>): AsyncGenerator<Uint8Array> {
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let at = 0;
  for await (const lines of batches) {
    for (const line of lines) {
      const room = line.length * 3; // a UTF-16 unit takes at most 3 bytes in UTF-8
      if (at > 0 && at + room > CHUNK_BYTES) {
        yield buf.subarray(0, at);
        buf = Buffer.allocUnsafe(CHUNK_BYTES);
        at = 0;
      }
      if (room > CHUNK_BYTES)
        yield Buffer.from(line); // a line longer than a chunk goes alone
      else at += buf.write(line, at);
    }
  }
  if (at > 0) yield buf.subarray(0, at);
}

export async function startExport(
  handle: DatabaseHandle,
  project: ExportProject,
  options: ExportOptions,
  start: StartOptions = {},
): Promise<ExportRun> {
  await requireScoringProject(handle.db, project.id, "export");
  const filters = await resolveFilters(handle, project.id, options);
  await recordAudit(handle.db, { projectId: project.id, actorId: start.actorId ?? null, kind: "export", detail: { ...options } });
  const { count, ...rest } = plan(filters, options);
  const queries: Record<string, Query> = { ...rest };
  if (start.count && count) queries.count = count;
  const snapshot = await openSnapshot(handle, queries, start.batchSize);
  let n: number | null = null;
  try {
    if (queries.count) n = Number((await snapshot.all<{ n: number }>("count"))[0].n);
  } catch (e) {
    await snapshot.close();
    throw e;
  }
  const ctx: ExportContext = { snapshot, options, project, progress: { records: 0 } };
  async function* chunks() {
    try {
      yield* encodeChunks(render(ctx));
    } finally {
      await snapshot.close();
    }
  }
  const iterator = chunks();
  return {
    ...exportFile(project.slug, options),
    count: n,
    chunks: iterator,
    get records() {
      return ctx.progress.records;
    },
    async close() {
      await iterator.return(undefined);
      await snapshot.close();
    },
    annotatorProfile: () => annotatorProfileLines(ctx),
  };
}
