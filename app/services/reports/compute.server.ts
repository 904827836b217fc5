// Runs report computations on a second core. One long-lived worker thread (started on first use, not
// keeping the process alive when idle) computes the agreement report and the α intervals while the main
// thread computes the others; the bootstrap thus never blocks the server's event loop. The worker loads
// the TypeScript source through tsx; where that is impossible (no source tree, no tsx), everything is
// computed on the main thread instead, with the same results.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { computeAgreement, computeAlphaIntervals } from "~/domain/reports/agreement";
import type { ReportData } from "~/domain/reports/data";
import { computeJudges } from "~/domain/reports/judges";
import { computeLeaderboard } from "~/domain/reports/leaderboard";
import { computePairwiseReport, type PairwiseData } from "../pairwise/report-compute";
import type { WorkerJob } from "./compute.worker";

type Task = WorkerJob["task"];
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

const WORKER_SOURCE = "app/services/reports/compute.worker.ts";

let worker: Worker | null = null;
let unavailable = process.env.ROLECALL_REPORT_WORKER === "off";
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  unavailable = true;
  worker = null;
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

/** The worker, started if needed; null when workers cannot be used here. */
export function reportWorker(): Worker | null {
  if (worker || unavailable) return worker;
  const file = path.resolve(process.env.ROLECALL_ROOT ?? process.cwd(), WORKER_SOURCE);
  if (!fs.existsSync(file)) {
    unavailable = true;
    return null;
  }
  const url = JSON.stringify(pathToFileURL(file).href);
  // a heap cap, so a runaway computation ends the worker (and falls back to this thread), not the machine
  const w = new Worker(`import("tsx/esm/api").then(({ tsImport }) => tsImport(${url}, ${url}))`, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  w.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.error !== undefined) p.reject(new Error(`report worker: ${m.error}`));
    else p.resolve(m.result);
  });
  w.on("error", (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  w.on("exit", () => failAll(new Error("report worker exited")));
  w.unref();
  worker = w;
  return w;
}

/** The data a task computes from: the scoring reports' columns, or a pairwise project's choices. */
type DataOf<T extends Task> = Extract<WorkerJob, { task: T }>["data"];

function inline(task: Task, project: string, data: ReportData | PairwiseData): Promise<unknown> {
  if (task === "pairwise") return Promise.resolve(computePairwiseReport(project, data as PairwiseData));
  data = data as ReportData;
  switch (task) {
    case "agreement":
      return Promise.resolve(computeAgreement(project, data));
    case "judges":
      return Promise.resolve(computeJudges(project, data));
    case "leaderboard":
      return Promise.resolve(computeLeaderboard(project, data));
    case "intervals":
      return computeAlphaIntervals(data);
  }
}

/** Computes on the worker when there is one, else (or if the worker fails to start) inline. */
export function computeOffThread<T, K extends Task = Task>(task: K, project: string, data: DataOf<K>): Promise<T> {
  const w = reportWorker();
  if (!w) return inline(task, project, data) as Promise<T>;
  const id = nextId++;
  return new Promise<unknown>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, task, project, data } as WorkerJob);
  }).catch((e: Error) => {
    // a worker that never came up (e.g. no tsx): compute here; a failure of the computation itself is rethrown
    if (unavailable && !/^report worker: /.test(e.message)) return inline(task, project, data);
    throw e;
  }) as Promise<T>;
}

/** Stops the worker (tests, shutdown); a later computation starts a new one. */
export async function stopReportWorker() {
  const w = worker;
  worker = null;
  if (!w) return;
  w.removeAllListeners("exit");
  w.removeAllListeners("error");
  for (const p of pending.values()) p.reject(new Error("report worker: stopped"));
  pending.clear();
  await w.terminate();
}
