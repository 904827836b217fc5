// A run started from the page executes in the server process, after the request has been answered; its
// state lives in judge_runs, so a restart leaves it "interrupted" (heartbeat stopped) and Resume starts
// a new run that skips what was scored (docs/decisions/014-judge-runs-in-the-server-process.md).
import type { Db } from "#db/client";
import { type JudgeRunInput, checkPagePolicy, checkRunInput } from "./options.server";
import { executeJudgeRun, openJudgeRun } from "./runner.server";

const live = new Map<number, Promise<unknown>>();

export async function startJudgeRunInBackground(db: Db, projectId: number, raw: JudgeRunInput, user: { id: string; isAdmin: boolean }) {
  const input = checkRunInput(raw);
  checkPagePolicy(input, user.isAdmin);
  const opened = await openJudgeRun(db, projectId, input, user.id);
  const done = executeJudgeRun(db, projectId, input, opened)
    .catch((e: Error) => console.error(`judge run ${opened.runId} stopped: ${e.message}`))
    .finally(() => live.delete(opened.runId));
  live.set(opened.runId, done);
  return opened.runId;
}

/** For tests and shutdown: wait for the runs this process started. */
export const settleBackgroundRuns = () => Promise.all(live.values());
