// Worker thread entry: computes one report document from columnar data posted by the main thread
// (see compute.server.ts). Pure computation, no database.
import v8 from "node:v8";
import vm from "node:vm";
import { parentPort } from "node:worker_threads";
import { computeAgreement, computeAlphaIntervals } from "../../domain/reports/agreement";
import type { ReportData } from "../../domain/reports/data";
import { computeJudges } from "../../domain/reports/judges";
import { computeLeaderboard } from "../../domain/reports/leaderboard";
import { computePairwiseReport, type PairwiseData } from "../pairwise/report-compute";

export type WorkerJob =
  | { id: number; task: "agreement" | "judges" | "leaderboard" | "intervals"; project: string; data: ReportData }
  | { id: number; task: "pairwise"; project: string; data: PairwiseData };

async function run(job: WorkerJob) {
  switch (job.task) {
    case "agreement":
      return computeAgreement(job.project, job.data);
    case "judges":
      return computeJudges(job.project, job.data);
    case "leaderboard":
      return computeLeaderboard(job.project, job.data);
    case "intervals":
      return computeAlphaIntervals(job.data);
    case "pairwise":
      return computePairwiseReport(job.project, job.data);
  }
}

// The columns arrive on shared memory, which this thread's small heap would hold on to until a garbage
// collection it has little reason to run: a full collection after each job lets the server free a
// report's data (hundreds of megabytes at 10^7 ratings) as soon as the main thread drops it.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

parentPort?.on("message", (job: WorkerJob) => {
  run(job)
    .then(
      (result) => parentPort!.postMessage({ id: job.id, result }),
      (e: unknown) => parentPort!.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    )
    .finally(collect);
});
