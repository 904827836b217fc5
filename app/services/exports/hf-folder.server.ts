// A Hugging Face-style folder: charrm/{train,dev,test}.jsonl, pairs/{train,dev,test}.jsonl,
// annotations.jsonl and a README.md dataset card, all from ONE snapshot. Written into a temporary
// folder beside the target and renamed into place at the end.
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { finished } from "node:stream/promises";
import type { DatabaseHandle } from "#db/client";
import { agreementSummary } from "~/domain/stats";
import { badRequest } from "~/lib/errors";
import { annotationLines } from "./annotations.server";
import { charRmBatches } from "./charrm.server";
import { datasetCard } from "./dataset-card";
import { tempPathFor } from "./file.server";
import type { ExportOptions } from "~/domain/export/options";
import { pairBatches } from "./pairs.server";
import { annotationQueries, charRmQueries, dimensionQueries, pairUnitQueries } from "./queries.server";
import { loadDimensions, type ExportContext } from "./records.server";
import { encodeChunks, resolveFilters, type ExportProject } from "./run.server";
import { openSnapshot } from "./snapshot.server";
import { requireScoringProject } from "../projects.server";

/** Write streams opened on first use, with back-pressure, counting records per file. */
class FileSet {
  readonly counts = new Map<string, number>();
  private streams = new Map<string, fs.WriteStream>();
  constructor(private dir: string) {}
  /** Lines with their line breaks; one record each. */
  async write(rel: string, lines: string[]) {
    let s = this.streams.get(rel);
    if (!s) {
      fs.mkdirSync(path.dirname(path.join(this.dir, rel)), { recursive: true });
      s = fs.createWriteStream(path.join(this.dir, rel), { flags: "wx" });
      this.streams.set(rel, s);
      this.counts.set(rel, 0);
    }
    this.counts.set(rel, this.counts.get(rel)! + lines.length);
    for await (const chunk of encodeChunks([lines])) if (!s.write(chunk)) await once(s, "drain");
  }
  async close() {
    for (const s of this.streams.values()) s.end();
    await Promise.all([...this.streams.values()].map((s) => finished(s)));
  }
  destroy() {
    for (const s of this.streams.values()) s.destroy();
  }
}

type Pooled = { scale: [number, number]; units: number[][] };

function groupBySplit<T extends { split: string; line: string }>(batch: T[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of batch) {
    const list = out.get(r.split);
    if (list) list.push(r.line + "\n");
    else out.set(r.split, [r.line + "\n"]);
  }
  return out;
}

function checkTarget(out: string) {
  const parent = path.dirname(path.resolve(out));
  if (!fs.existsSync(parent)) throw badRequest(`The folder of --out does not exist: ${parent}`, "out");
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) {
    throw badRequest(`--out ${out} exists and is not an empty folder`, "out");
  }
}

export async function exportHfFolder(handle: DatabaseHandle, project: ExportProject, options: ExportOptions, out: string) {
  checkTarget(out);
  await requireScoringProject(handle.db, project.id, "export");
  const filters = await resolveFilters(handle, project.id, options);
  const snapshotAt = new Date().toISOString();
  const snapshot = await openSnapshot(handle, {
    ...dimensionQueries(project.id),
    charrm: charRmQueries(filters).rows,
    pairs: pairUnitQueries(filters).rows,
    annotations: annotationQueries(filters).rows,
  });
  const tmp = tempPathFor(out);
  fs.mkdirSync(tmp);
  const files = new FileSet(tmp);
  try {
    const ctx: ExportContext = { snapshot, options, project, progress: { records: 0 } };
    const dims = await loadDimensions(snapshot);
    // Agreement needs the ratings of pairable units per metric: the one part held in memory (integers only).
    const pooled = new Map<string, Pooled>();
    for await (const batch of charRmBatches(ctx, "charrm", dims)) {
      for (const r of batch) {
        if (r.unit.ratings.length < 2) continue;
        const metric = dims.metrics.get(Number(r.unit.metric_id))!;
        const m = pooled.get(metric.key) ?? { scale: [metric.scaleMin, metric.scaleMax], units: [] };
        m.units.push(r.unit.ratings.map(Number));
        pooled.set(metric.key, m);
      }
      for (const [split, lines] of groupBySplit(batch)) await files.write(`charrm/${split}.jsonl`, lines);
    }
    for await (const batch of pairBatches(ctx, "pairs", dims)) {
      for (const [split, lines] of groupBySplit(batch)) await files.write(`pairs/${split}.jsonl`, lines);
    }
    const annotationCtx = { ...ctx, options: { ...options, format: "jsonl" as const }, progress: { records: 0 } };
    for await (const lines of annotationLines(annotationCtx, "annotations")) await files.write("annotations.jsonl", lines);
    await files.close();
    const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
    const agreement = [...pooled].map(([metric, p]) => ({ metric, summary: agreementSummary(p.units, range(...p.scale)) }));
    const all = [...pooled.values()];
    const lo = Math.min(...all.map((p) => p.scale[0]), 1);
    const hi = Math.max(...all.map((p) => p.scale[1]), 2);
    const overall = agreementSummary(
      all.flatMap((p) => p.units),
      range(lo, hi),
    );
    const counts = new Map([...files.counts].sort(([a], [b]) => (a < b ? -1 : 1)));
    fs.writeFileSync(
      path.join(tmp, "README.md"),
      datasetCard({ slug: project.slug, snapshotAt, options, files: counts, agreement, overall }),
    );
    if (fs.existsSync(out)) fs.rmdirSync(out);
    fs.renameSync(tmp, out);
    return { out, files: Object.fromEntries(counts) };
  } catch (e) {
    files.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    await snapshot.close();
  }
}
