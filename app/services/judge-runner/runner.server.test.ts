import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeAnnotators, makeCorpus, makeRatings } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { useTestDb } from "../../../test/db";
import { type FakeAnswer, type FakeRequest, startFakeJudge } from "../../../test/support/fake-judge";
import { getReport } from "../reports/reports.server";
import { type JudgeRunInput, checkRunInput } from "./options.server";
import { executeJudgeRun, openJudgeRun, type RunHooks } from "./runner.server";
import { getRun, openRun, requestCancel } from "./runs.server";

const t = useTestDb();
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

/** the dialogue index of the unit a prompt is about: makeCorpus's scored texts are "<model> reply <i>" */
const indexOf = (prompt: string) => Number(/reply (\d+)/.exec(prompt)![1]);
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
const fast = { timeoutMs: 5000, maxAttempts: 3, backoffBaseMs: 10, backoffCapMs: 50 };

async function setup(dialogues = 6, behave: (r: FakeRequest) => FakeAnswer = (r) => ({ content: `评分：${(indexOf(r.prompt) % 5) + 1}` })) {
  const project = await makeProject(t.db);
  await makeCorpus(t.db, project.id, { dialogues, models: ["m1", "m2"], metricsPerDialogue: 1 });
  const fake = await startFakeJudge(behave);
  closers.push(fake.close);
  const run = async (over: Partial<JudgeRunInput> = {}, hooks: RunHooks = {}) => {
    const input = checkRunInput({ judge: "qwen-judge", endpoint: fake.url, model: "qwen2.5-7b", concurrency: 4, ...over });
    const opened = await openJudgeRun(t.db, project.id, input, null, hooks.env ?? env({}));
    return executeJudgeRun(t.db, project.id, input, opened, { policy: fast, ...hooks });
  };
  return { project, fake, run };
}

const scoresOf = (projectId: number) =>
  queryRows<{ unit_id: number; score: number; raw_reply: string; prompt_version: string; run_id: number }>(
    t.db,
    sql`select unit_id, score, raw_reply, prompt_version, run_id from judge_scores where project_id = ${projectId} order by unit_id`,
  );
const failuresOf = (runId: number) =>
  queryRows<{ unit_id: number; raw_reply: string | null; error: string }>(
    t.db,
    sql`select unit_id, raw_reply, error from judge_failures where run_id = ${runId} order by unit_id`,
  );

describe("judge runner against a fake OpenAI-compatible server", () => {
  it("scores every unit, records unparseable replies as failures with their text, totals tokens, and reaches the judges report", async () => {
    const { project, run } = await setup(6, (r) => {
      const i = indexOf(r.prompt);
      if (i === 2) return { content: "这个回复还不错。", usage: { prompt_tokens: 100, completion_tokens: 7 } };
      return { content: i % 2 ? `Score: ${(i % 5) + 1}/5` : `评分：${(i % 5) + 1}`, usage: { prompt_tokens: 100, completion_tokens: 3 } };
    });
    const annotators = await makeAnnotators(t.db, 2);
    await makeRatings(
      t.db,
      project.id,
      annotators.map((a) => a.id),
      { perUnit: 2 },
    );
    const before = await getReport(t.db, project, "judges", "none");
    expect(before.judges.map((j) => j.judge)).toEqual([]);

    const r = await run();
    expect({ judge: r.judge, requested: r.requested, scored: r.scored, failed: r.failed, skipped_existing: r.skipped_existing }).toEqual({
      judge: "qwen-judge",
      requested: 12,
      scored: 10,
      failed: 2,
      skipped_existing: 0,
    });
    expect(r.status).toBe("done");
    expect([r.promptTokens, r.completionTokens]).toEqual([1200, 10 * 3 + 2 * 7]);
    const scores = await scoresOf(project.id);
    expect(scores).toHaveLength(10);
    expect(scores.every((s) => s.prompt_version === "charactereval-v1" && s.run_id === r.runId)).toBe(true);
    expect(scores.map((s) => s.raw_reply)).toContain("Score: 2/5");
    const failures = await failuresOf(r.runId);
    expect(failures.map((f) => [f.raw_reply, f.error])).toEqual([
      ["这个回复还不错。", "no valid score (no_score)"],
      ["这个回复还不错。", "no valid score (no_score)"],
    ]);
    const row = await getRun(t.db, project.id, r.runId);
    expect(row).toMatchObject({ status: "done", requested: 12, scored: 10, failed: 2, promptTokens: 1200, completionTokens: 44 });

    const report = await getReport(t.db, project, "judges", "none");
    const judge = report.judges.find((j) => j.judge === "qwen-judge");
    expect(judge?.overall.n).toBe(10);
    const board = await getReport(t.db, project, "leaderboard", "none");
    expect(JSON.stringify(board)).toContain("qwen-judge");
  });

  it("waits as long as Retry-After says on 429 (its own backoff would take 20 s) and then scores", async () => {
    const { project, fake, run } = await setup(2, (r) =>
      r.attempt === 1 ? { status: 429, headers: { "retry-after": "1" } } : { content: "3" },
    );
    const started = Date.now();
    const r = await run({}, { policy: { ...fast, backoffBaseMs: 20_000, backoffCapMs: 20_000 } });
    expect(r).toMatchObject({ requested: 4, scored: 4, failed: 0, status: "done" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(5000); // the four units wait side by side
    expect(fake.stats.requests).toBe(8);
    expect((await scoresOf(project.id)).map((s) => s.score)).toEqual([3, 3, 3, 3]);
  });

  it("retries 500 up to the attempt limit, then records the unit as failed; other units go on", async () => {
    const { fake, run } = await setup(2, (r) => (indexOf(r.prompt) === 1 ? { status: 500 } : { content: "4" }));
    const r = await run();
    expect(r).toMatchObject({ requested: 4, scored: 2, failed: 2, status: "done" });
    const failures = await failuresOf(r.runId);
    expect(failures.map((f) => f.error)).toEqual(["HTTP 500 (after 3 attempts)", "HTTP 500 (after 3 attempts)"]);
    expect(failures.every((f) => f.raw_reply === null)).toBe(true);
    expect(fake.stats.requests).toBe(2 + 2 * 3);
  });

  it("gives up on a request that outlasts its timeout", async () => {
    const { run } = await setup(1, () => ({ content: "5", delayMs: 1500 }));
    const r = await run({}, { policy: { ...fast, timeoutMs: 150, maxAttempts: 2 } });
    expect(r).toMatchObject({ requested: 2, scored: 0, failed: 2 });
    expect((await failuresOf(r.runId)).map((f) => f.error)).toEqual([
      "timeout after 150 ms (after 2 attempts)",
      "timeout after 150 ms (after 2 attempts)",
    ]);
  });

  it("never has more requests in flight than the concurrency", async () => {
    const { fake, run } = await setup(12, () => ({ content: "2", delayMs: 40 }));
    const r = await run({ concurrency: 3 });
    expect(r.scored).toBe(24);
    expect(fake.stats.maxInFlight).toBe(3);
  });

  it("resumes: a rerun skips the units the judge has scored and asks only for the rest", async () => {
    const { project, fake, run } = await setup(5);
    const first = await run({ limit: 4 });
    expect(first).toMatchObject({ requested: 4, scored: 4, skipped_existing: 0 });
    const second = await run();
    expect(second).toMatchObject({ requested: 6, scored: 6, failed: 0, skipped_existing: 4 });
    expect(fake.stats.requests).toBe(10);
    expect(Math.max(...fake.stats.perPrompt.values())).toBe(1);
    const third = await run();
    expect(third).toMatchObject({ requested: 0, scored: 0, skipped_existing: 10 });
    expect(await scoresOf(project.id)).toHaveLength(10);
  });

  it("refuses a wrong key: the run fails at once, and the key is nowhere in the database", async () => {
    const { project, fake, run } = await setup(4, (r) =>
      r.authorization === "Bearer sk-right"
        ? { content: "3" }
        : { status: 401, body: '{"error":"Incorrect API key provided: sk-wro***ong"}' },
    );
    const r = await run({ apiKeyEnv: "JUDGE_TEST_KEY" }, { env: env({ JUDGE_TEST_KEY: "sk-wrong-key" }) });
    expect(r).toMatchObject({ status: "failed", scored: 0, error: "the endpoint refused the key (HTTP 401)" });
    expect(fake.stats.requests).toBeLessThanOrEqual(4);
    const dump = await queryRows<{ t: string }>(
      t.db,
      sql`select (select coalesce(string_agg(r::text, ' '), '') from judge_runs r where project_id = ${project.id}) ||
                 (select coalesce(string_agg(f::text, ' '), '') from judge_failures f join judge_runs r on r.id = f.run_id where r.project_id = ${project.id}) as t`,
    );
    expect(dump[0].t).toContain("JUDGE_TEST_KEY");
    expect(dump[0].t).not.toContain("sk-wr");
    const ok = await run({ apiKeyEnv: "JUDGE_TEST_KEY" }, { env: env({ JUDGE_TEST_KEY: "sk-right" }) });
    expect(ok).toMatchObject({ status: "done", scored: 8 });
  });

  it("names an unset key variable and writes nothing", async () => {
    const { project, run } = await setup(1);
    await expect(run({ apiKeyEnv: "NOT_SET_ANYWHERE" }, { env: env({}) })).rejects.toThrow(/NOT_SET_ANYWHERE is not set/);
    expect(await queryRows(t.db, sql`select id from judge_runs where project_id = ${project.id}`)).toEqual([]);
  });
});

describe("judge runs in the database", () => {
  it("cancels a live run: the runner stops within a heartbeat and the run is marked cancelled", async () => {
    const { project, fake } = await setup(30, () => ({ content: "1", delayMs: 60 }));
    const input = checkRunInput({ judge: "slow", endpoint: fake.url, model: "m", concurrency: 2 });
    const opened = await openJudgeRun(t.db, project.id, input, null, env({}));
    let asked = false;
    const r = await executeJudgeRun(t.db, project.id, input, opened, {
      policy: fast,
      heartbeatMs: 100,
      onProgress: (p) => {
        if (!asked && p.scored > 0) {
          asked = true;
          void requestCancel(t.db, project.id, opened.runId);
        }
      },
    });
    expect(r.status).toBe("cancelled");
    expect(r.scored).toBeGreaterThan(0);
    expect(r.scored).toBeLessThan(60);
    expect(fake.stats.requests).toBeLessThan(60);
    expect((await getRun(t.db, project.id, opened.runId)).status).toBe("cancelled");
  });

  it("allows one live run per judge; a run whose heartbeat stopped is marked interrupted by the next start", async () => {
    const project = await makeProject(t.db);
    const input = {
      judge: "j",
      endpoint: "http://127.0.0.1:9/v1/chat/completions",
      model: "m",
      options: { metrics: [], limit: null, concurrency: 1, apiKeyEnv: null },
      promptVersion: "v",
      startedBy: null,
    };
    const first = await openRun(t.db, project.id, input);
    await expect(openRun(t.db, project.id, input)).rejects.toMatchObject({ status: 409 });
    const [a, b] = await Promise.allSettled([
      openRun(t.db, project.id, { ...input, judge: "k" }),
      openRun(t.db, project.id, { ...input, judge: "k" }),
    ]);
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    await t.db.execute(sql`update judge_runs set heartbeat_at = now() - interval '1 minute' where id = ${first.runId}`);
    expect((await getRun(t.db, project.id, first.runId)).status).toBe("interrupted");
    const second = await openRun(t.db, project.id, input);
    expect(second.runId).not.toBe(first.runId);
    const [row] = await queryRows<{ status: string }>(t.db, sql`select status from judge_runs where id = ${first.runId}`);
    expect(row.status).toBe("interrupted");
    const other = await makeProject(t.db);
    await expect(getRun(t.db, other.id, second.runId)).rejects.toMatchObject({ status: 404 });
  });
});
