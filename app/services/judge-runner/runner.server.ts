// Runs a judge over a project's units: a pool of `concurrency` workers, each taking the next unit,
// asking the endpoint and parsing the score; outcomes are written in batches with the heartbeat, which
// also carries the cancel request back. Used by the CLI (awaited) and the page (in the background).
import { setMaxListeners } from "node:events";
import type { Db } from "#db/client";
import { parseScore } from "~/domain/judge/score-parser";
import { renderPrompt } from "~/domain/judge/template";
import { askJudge, type ChatMessage, DEFAULT_POLICY, type RequestPolicy } from "./endpoint.server";
import { type CheckedRunInput, readApiKey } from "./options.server";
import { finishRun, flushOutcomes, openRun, setRequested, type UnitOutcome } from "./runs.server";
import { type LoadedUnit, loadUnits, projectMetrics, projectTemplate, selectUnits } from "./units.server";
import { requireScoringProject } from "../projects.server";

export type JudgeRunSummary = { judge: string; requested: number; scored: number; failed: number; skipped_existing: number };

export type JudgeRunResult = JudgeRunSummary & {
  runId: number;
  status: "done" | "cancelled" | "failed" | "interrupted";
  error: string | null;
  promptTokens: number;
  completionTokens: number;
  seconds: number;
};

export type Progress = { requested: number; scored: number; failed: number; seconds: number };

export type RunHooks = {
  policy?: Partial<RequestPolicy>;
  /** milliseconds between heartbeats when nothing else is written */
  heartbeatMs?: number;
  env?: NodeJS.ProcessEnv;
  onProgress?: (p: Progress) => void;
};

const PAGE = 256;
const FLUSH_AT = 100;

export const userMessages = (prompt: string): ChatMessage[] => [{ role: "user", content: prompt }];

/** Opens the run in the database (refused while another run of this judge is live). */
export async function openJudgeRun(db: Db, projectId: number, input: CheckedRunInput, startedBy: string | null, env = process.env) {
  readApiKey(input.apiKeyEnv, env); // an unset variable is refused before anything is written
  await requireScoringProject(db, projectId, "judges");
  const template = await projectTemplate(db, projectId);
  await projectMetrics(db, projectId, input.metrics); // unknown metric keys are refused here too
  const { runId, judgeId } = await openRun(db, projectId, {
    judge: input.judge,
    endpoint: input.url,
    model: input.model,
    options: { metrics: input.metrics, limit: input.limit, concurrency: input.concurrency, apiKeyEnv: input.apiKeyEnv },
    promptVersion: template.version,
    startedBy,
  });
  return { runId, judgeId, template };
}

/** Runs an opened run to its end (done, cancelled, failed, or interrupted when another process took it over). */
export async function executeJudgeRun(
  db: Db,
  projectId: number,
  input: CheckedRunInput,
  opened: Awaited<ReturnType<typeof openJudgeRun>>,
  hooks: RunHooks = {},
): Promise<JudgeRunResult> {
  const started = Date.now();
  const policy = { ...DEFAULT_POLICY, ...hooks.policy };
  const { runId, judgeId, template } = opened;
  const run = { runId, judgeId, projectId, promptVersion: template.version };
  const totals = { scored: 0, failed: 0, promptTokens: 0, completionTokens: 0 };
  let status = "done" as JudgeRunResult["status"];
  let error: string | null = null;
  const abort = new AbortController();
  setMaxListeners(input.concurrency + 16, abort.signal); // each request in flight listens for the run's abort
  const stop = (s: JudgeRunResult["status"], e: string | null = null) => {
    if (abort.signal.aborted) return;
    status = s;
    error = e;
    abort.abort();
  };

  let apiKey: string | undefined;
  let requested = 0;
  let skipped = 0;
  try {
    apiKey = readApiKey(input.apiKeyEnv, hooks.env ?? process.env);
    const metrics = await projectMetrics(db, projectId, input.metrics);
    const scope = await selectUnits(db, projectId, judgeId, metrics, input.limit);
    requested = scope.unitIds.length;
    skipped = scope.skippedExisting;
    await setRequested(db, runId, requested, skipped);
    const redact = (s: string) => (apiKey ? s.split(apiKey).join("[redacted]") : s);

    // units are loaded a page at a time, so 40k prompts are never in memory at once
    let buffer: LoadedUnit[] = [];
    let cursor = 0;
    let loading: Promise<void> | null = null;
    const nextUnit = async (): Promise<LoadedUnit | null> => {
      for (;;) {
        if (abort.signal.aborted) return null;
        if (buffer.length) return buffer.shift()!;
        if (loading) {
          await loading;
          continue;
        }
        if (cursor >= scope.unitIds.length) return null;
        loading ??= (async () => {
          const ids = scope.unitIds.slice(cursor, cursor + PAGE);
          cursor += PAGE;
          buffer = buffer.concat(await loadUnits(db, projectId, ids, metrics));
        })().finally(() => (loading = null));
        await loading;
      }
    };

    let pending: UnitOutcome[] = [];
    const pendingTokens = { prompt: 0, completion: 0 };
    let chain: Promise<void> = Promise.resolve();
    const flush = () => {
      chain = chain.then(async () => {
        const outcomes = pending;
        const batch = { outcomes, promptTokens: pendingTokens.prompt, completionTokens: pendingTokens.completion };
        pending = [];
        pendingTokens.prompt = pendingTokens.completion = 0;
        const r = await flushOutcomes(db, run, batch).catch((e: Error) => {
          stop("failed", `the database refused the results: ${e.message}`);
          return null;
        });
        if (!r) return;
        totals.scored += r.scored;
        totals.failed += outcomes.filter((o) => "error" in o).length;
        totals.promptTokens += batch.promptTokens;
        totals.completionTokens += batch.completionTokens;
        if (r.state === "cancelled") stop("cancelled");
        if (r.state === "lost") stop("interrupted");
        hooks.onProgress?.({ requested, scored: totals.scored, failed: totals.failed, seconds: (Date.now() - started) / 1000 });
      });
      return chain;
    };
    const heartbeat = setInterval(flush, hooks.heartbeatMs ?? 1000);

    const worker = async () => {
      for (let unit = await nextUnit(); unit; unit = await nextUnit()) {
        const reply = await askJudge(input.url, input.model, userMessages(renderPrompt(template, unit)), {
          apiKey,
          policy,
          signal: abort.signal,
        });
        if (reply.kind === "aborted") return;
        if (reply.kind === "fatal") return stop("failed", redact(reply.error));
        if (reply.kind === "failed") {
          pending.push({ unitId: unit.unitId, error: redact(reply.error), raw: reply.raw === null ? null : redact(reply.raw) });
        } else {
          pendingTokens.prompt += reply.promptTokens;
          pendingTokens.completion += reply.completionTokens;
          const raw = redact(reply.content);
          const parsed = parseScore(reply.content, unit.metric.scaleMin, unit.metric.scaleMax);
          pending.push(
            parsed.ok
              ? { unitId: unit.unitId, score: parsed.score, raw }
              : { unitId: unit.unitId, error: `no valid score (${parsed.reason})`, raw },
          );
        }
        if (pending.length >= FLUSH_AT) void flush();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(input.concurrency, Math.max(1, requested)) }, worker));
    } finally {
      clearInterval(heartbeat);
      await flush();
    }
  } catch (e) {
    stop("failed", (e as Error).message);
  }
  if (status !== "interrupted") await finishRun(db, runId, status, error).catch(() => {});
  return {
    judge: input.judge,
    requested,
    scored: totals.scored,
    failed: totals.failed,
    skipped_existing: skipped,
    runId,
    status,
    error,
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    seconds: (Date.now() - started) / 1000,
  };
}
