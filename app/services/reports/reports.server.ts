// Reports of a project, cached by its data stamp (cache.server.ts). A miss loads the data once and computes all three
// point-estimate documents together (they share the load); the bootstrap intervals of α are a fourth
// document, computed right after (in the background on the server, waited for by the CLI).
import type { DbOrTx } from "#db/client";
import { pendingBootstrap, withIntervals } from "~/domain/reports/agreement";
import { readReportCache, writeReportCache, type CacheKind } from "./cache.server";
import { computeOffThread, reportWorker } from "./compute.server";
import type { ReportData } from "~/domain/reports/data";
import { computeJudgePoints, computeJudges } from "~/domain/reports/judges";
import { computeLeaderboard } from "~/domain/reports/leaderboard";
import { loadReportData } from "./load.server";
import { assertScoringProject } from "../pairwise/report.server";
import type {
  AgreementBootstrap,
  AgreementReport,
  JudgePoints,
  JudgesReport,
  LeaderboardReport,
  ReportKind,
  ReportOf,
} from "~/domain/reports/types";

/** `mode` when the caller has it (else it is read): a pairwise project has no scoring reports. */
export type ProjectRef = { id: number; slug: string; mode?: string };

/** "wait": compute the α intervals now if not cached (CLI); "background": start them and answer at once
 *  with status "pending" (pages, API); "none": never start them. */
export type IntervalMode = "wait" | "background" | "none";

export type ComputedReports = {
  version: number;
  data: ReportData;
  agreement: AgreementReport;
  judges: JudgesReport;
  judgePoints: JudgePoints[];
  leaderboard: LeaderboardReport;
};

/** Computes and caches all three point-estimate reports from one snapshot. */
export async function computeReports(db: DbOrTx, project: ProjectRef): Promise<ComputedReports> {
  reportWorker(); // starts while the data loads
  const { version, data } = await loadReportData(db, project.id);
  const agreementOnWorker = computeOffThread<AgreementReport>("agreement", project.slug, data);
  agreementOnWorker.catch(() => {}); // observed below; never an unhandled rejection if this thread throws first
  const judges = computeJudges(project.slug, data);
  const judgePoints = computeJudgePoints(data);
  const leaderboard = computeLeaderboard(project.slug, data);
  const agreement = await agreementOnWorker;
  await writeReportCache(db, project.id, version, { agreement, judges, judges_points: judgePoints, leaderboard });
  return { version, data, agreement, judges, judgePoints, leaderboard };
}

const inFlight = new Map<string, Promise<ComputedReports>>();
const intervalsInFlight = new Map<string, Promise<AgreementBootstrap>>();

function computeOnce(db: DbOrTx, project: ProjectRef, version: number) {
  const key = `${project.id}:${version}`;
  let p = inFlight.get(key);
  if (!p) {
    p = computeReports(db, project).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
  }
  return p;
}

/** The α intervals for a snapshot, computed once per (project, version) and cached. */
export function alphaIntervals(db: DbOrTx, projectId: number, version: number, data?: ReportData): Promise<AgreementBootstrap> {
  const key = `${projectId}:${version}`;
  let p = intervalsInFlight.get(key);
  if (!p) {
    p = (async () => {
      const snapshot = data ? { version, data } : await loadReportData(db, projectId);
      const result = await computeOffThread<AgreementBootstrap>("intervals", "", snapshot.data);
      await writeReportCache(db, projectId, snapshot.version, { agreement_ci: result });
      return result;
    })().finally(() => intervalsInFlight.delete(key));
    intervalsInFlight.set(key, p);
  }
  return p;
}

function startInBackground(db: DbOrTx, projectId: number, version: number, data?: ReportData) {
  alphaIntervals(db, projectId, version, data).catch((e) => console.error(`report intervals of project ${projectId} failed:`, e));
}

/** A report document, from the cache when it is current, else computed (and cached). */
export async function getReport<K extends ReportKind>(
  db: DbOrTx,
  project: ProjectRef,
  kind: K,
  intervals: IntervalMode = "background",
): Promise<ReportOf<K>> {
  await assertScoringProject(db, project, kind);
  const kinds: CacheKind[] = kind === "agreement" ? ["agreement", "agreement_ci"] : [kind];
  const cached = await readReportCache(db, project.id, kinds);
  let report: ReportOf<K>;
  let version = cached.version;
  let data: ReportData | undefined;
  if (cached.bodies[kind]) report = JSON.parse(cached.bodies[kind]!);
  else {
    const computed = await computeOnce(db, project, cached.version);
    ({ version, data } = computed);
    report = computed[kind] as ReportOf<K>;
    if (intervals === "background" && !intervalsInFlight.has(`${project.id}:${version}`)) startInBackground(db, project.id, version, data);
  }
  if (kind !== "agreement") return report;

  const agreement = report as AgreementReport;
  if (cached.bodies.agreement_ci && version === cached.version) {
    return withIntervals(agreement, JSON.parse(cached.bodies.agreement_ci)) as ReportOf<K>;
  }
  if (intervals === "wait") return withIntervals(agreement, await alphaIntervals(db, project.id, version, data)) as ReportOf<K>;
  if (intervals === "background") startInBackground(db, project.id, version, data);
  return withIntervals(agreement, pendingBootstrap()) as ReportOf<K>;
}

/** The scatter points of one judge and metric, cached with the judges report (same snapshot). */
export async function getJudgePoints(db: DbOrTx, project: ProjectRef, judge: string, metric: string): Promise<JudgePoints | null> {
  const cached = await readReportCache(db, project.id, ["judges_points"]);
  const all: JudgePoints[] = cached.bodies.judges_points
    ? JSON.parse(cached.bodies.judges_points)
    : (await computeOnce(db, project, cached.version)).judgePoints;
  return all.find((p) => p.judge === judge && p.metric === metric) ?? null;
}
