// `judge run` (product.md §12) and `export judge-replies`. The run is awaited in this process; progress
// goes to stderr in text mode, so stdout keeps exactly one JSON document with --json.
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Db } from "#db/client";
import { AppError } from "~/lib/errors";
import { checkRunInput } from "~/services/judge-runner/options.server";
import { previewJudgeRun } from "~/services/judge-runner/preview.server";
import { judgeReplyLines } from "~/services/judge-runner/replies.server";
import { executeJudgeRun, openJudgeRun } from "~/services/judge-runner/runner.server";
import { requireProjectBySlug } from "~/services/projects.server";
import { UsageError, type Args } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";

function runInput(a: Args) {
  const limit = a.optional("limit");
  return checkRunInput({
    judge: a.required("judge"),
    endpoint: a.required("endpoint"),
    model: a.required("model"),
    apiKeyEnv: a.optional("api-key-env") ?? null,
    concurrency: a.int("concurrency", 8, 1, 256),
    metrics: (a.optional("metrics") ?? "").split(","),
    limit: limit === undefined ? null : a.int("limit", 0, 1),
  });
}

async function judgeRun(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const input = runInput(a);
  if (a.has("dry-run")) {
    const p = await previewJudgeRun(db, project.id, input);
    const text = [
      `Judge ${p.judge} → ${p.endpoint}: ${p.requested} unit(s) would be requested, ${p.skipped_existing} already scored; template ${p.prompt_version}`,
      ...(p.unit
        ? [`Unit ${p.unit.id}: dialogue ${p.unit.dialogue}, model ${p.unit.model}, metric ${p.unit.metric}`]
        : ["No unit matches."]),
      ...p.prompts.flatMap((x) => [`\n--- prompt (${x.language}) ---`, x.request.messages.map((m) => m.content).join("\n")]),
    ].join("\n");
    return { json: p, text };
  }
  const opened = await openJudgeRun(db, project.id, input, null);
  const progress = a.json
    ? undefined
    : (p: { requested: number; scored: number; failed: number; seconds: number }) => {
        const done = p.scored + p.failed;
        const rate = p.seconds > 0 ? (done / p.seconds).toFixed(1) : "0";
        process.stderr.write(`\r${done}/${p.requested} (${p.scored} scored, ${p.failed} failed) ${rate} units/s   `);
      };
  const stopOnSignal = () => void db.execute(sqlCancel(opened.runId)).catch(() => {});
  process.once("SIGINT", stopOnSignal);
  const r = await executeJudgeRun(db, project.id, input, opened, { onProgress: progress }).finally(() =>
    process.off("SIGINT", stopOnSignal),
  );
  if (progress) process.stderr.write("\n");
  const json = { judge: r.judge, requested: r.requested, scored: r.scored, failed: r.failed, skipped_existing: r.skipped_existing };
  const text =
    `Judge ${r.judge}, run ${r.runId}: ${r.status}; ${r.scored} scored, ${r.failed} failed of ${r.requested} requested, ` +
    `${r.skipped_existing} already scored; ${r.promptTokens} prompt + ${r.completionTokens} completion tokens in ${r.seconds.toFixed(1)} s` +
    (r.error ? `\n${r.error}` : "");
  // a refused key or a wrong URL stops the run: exit 1 with the reason (never the key)
  if (r.status === "failed") throw new AppError(403, `${text}`);
  return { json, text };
}

/** Ctrl-C asks the run to stop the way the page's cancel does: the runner notices at its next flush. */
const sqlCancel = (runId: number) => sql`update judge_runs set cancel_requested = true where id = ${runId}`;

async function exportJudgeReplies(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const judge = a.required("judge");
  const out = a.required("out");
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a folder`);
  let records = 0;
  const lines = judgeReplyLines(db, project.id, judge);
  const first = await lines.next(); // an unknown judge is refused before the file is created
  await pipeline(
    Readable.from(
      (async function* () {
        if (!first.done) {
          records++;
          yield first.value;
        }
        for await (const line of lines) {
          records++;
          yield line;
        }
      })(),
    ),
    fs.createWriteStream(out),
  );
  return { json: { project: project.slug, judge, out, records }, text: `Wrote ${records} record(s) of judge ${judge} to ${out}` };
}

/** CLI commands of the judge runner (registered in app/cli/main.ts). */
export const judgesCommands: Record<string, Command> = {
  "judge run": {
    flags: ["project", "judge", "endpoint", "model", "api-key-env", "concurrency", "metrics", "limit"],
    booleans: ["dry-run"],
    run: judgeRun,
    usage:
      "--project S --judge NAME --endpoint URL --model M [--api-key-env VAR] [--concurrency N] [--metrics K,...] [--limit N] [--dry-run]",
  },
  "export judge-replies": {
    flags: ["project", "judge", "out"],
    run: exportJudgeReplies,
    usage: "--project S --judge NAME --out F",
  },
};
