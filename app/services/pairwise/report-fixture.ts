// A pairwise project whose annotators compared every pair through the queue (claim, submit by the side
// shown), for the pairwise report's tests and screenshots. model-0 wins every comparison it is in; between
// the others, units alternate between a tie and a win of the higher-numbered model, and the second annotator
// calls some of those wins a tie. The tallies the report must reproduce are counted here from the choices
// as they were made.
import crypto from "node:crypto";
import type { Db } from "#db/client";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { claimNextTask } from "../queue/claim.server";
import { parseSubmission, submitRatings } from "../queue/submit.server";
import { taskPayload } from "../queue/task-view.server";

type Record3 = { wins: number; losses: number; ties: number };
export type Tally = Record<string, Record3>;
export type Expected = {
  /** per scope ("overall" or a metric key), per model */
  records: Record<string, Tally>;
  bias: { left: number; right: number; ties: number };
};

type Task = { id: number; a: { response_text: string }; b: { response_text: string }; units: { unit_id: number; metric: string }[] };

const modelOf = (text: string) => text.split(" ")[0];

function count(records: Record<string, Tally>, scope: string, winner: string | null, x: string, y: string) {
  const tally = (records[scope] ??= {});
  for (const m of [x, y]) tally[m] ??= { wins: 0, losses: 0, ties: 0 };
  if (winner === null) {
    tally[x].ties++;
    tally[y].ties++;
  } else {
    tally[winner].wins++;
    tally[winner === x ? y : x].losses++;
  }
}

export async function makePairwiseReportFixture(db: Db, opts: { dialogues?: number; models?: number } = {}) {
  const made = await makeQueueProject(db, {
    dialogues: opts.dialogues ?? 10,
    models: opts.models ?? 3,
    annotators: 2,
    k: 2,
    pairs: { design: "all" },
  });
  const expected: Expected = { records: {}, bias: { left: 0, right: 0, ties: 0 } };
  for (const [n, annotator] of made.annotators.entries()) {
    for (;;) {
      const claimed = await claimNextTask(db, made.project, annotator.id);
      if (claimed.taskId === null) break;
      const task = (await taskPayload(db, claimed.taskId)) as unknown as Task;
      const left = modelOf(task.a.response_text);
      const right = modelOf(task.b.response_text);
      const preferences = task.units.map((u, i) => {
        const winner =
          left === "model-0" || right === "model-0"
            ? "model-0"
            : i % 2 === 0 || (n === 1 && Number(u.unit_id) % 3 === 0)
              ? null
              : left > right
                ? left
                : right;
        for (const scope of ["overall", u.metric]) count(expected.records, scope, winner, left, right);
        const choice = winner === null ? "tie" : winner === left ? "a" : "b";
        expected.bias[choice === "a" ? "left" : choice === "b" ? "right" : "ties"]++;
        return { unit_id: u.unit_id, choice };
      });
      await submitRatings(
        db,
        { taskId: claimed.taskId, annotatorId: annotator.id },
        parseSubmission({ idempotency_key: crypto.randomUUID(), preferences }),
      );
    }
  }
  return { ...made, expected };
}
