// Pairwise projects through the queue (product.md §11): comparisons and their units made at import, the
// claim handing out one comparison's units under the same guarantees as scoring units, the task showing
// two anonymous sides in a random order, and choices stored in the comparison's own order.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { claimNextTask } from "../queue/claim.server";
import { parseSubmission, submitRatings } from "../queue/submit.server";
import { taskPayload } from "../queue/task-view.server";

const t = useTestDb();
const key = () => crypto.randomUUID();

type PairwiseTask = {
  id: number;
  kind: string;
  dialogue_id: string;
  a: { response_text: string };
  b: { response_text: string };
  units: { unit_id: number; metric: string }[];
};

async function claim(project: { id: number }, annotatorId: string) {
  const c = await claimNextTask(t.db, project, annotatorId);
  if (c.taskId === null) return null;
  return (await taskPayload(t.db, c.taskId)) as unknown as PairwiseTask;
}

const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.db, q))[0].n);

describe("pairwise projects in the queue", () => {
  it("makes every pair of a dialogue's models a comparison, with one unit per subset metric", async () => {
    const { project, units } = await makeQueueProject(t.db, { dialogues: 6, models: 3, annotators: 0, k: 2, pairs: { design: "all" } });
    expect(await count(sql`select count(*)::int as n from comparisons where project_id = ${project.id}`)).toBe(18);
    const metrics = await count(sql`select count(*)::int as n from dialogue_metrics where project_id = ${project.id}`);
    expect(units).toBe(metrics * 3);
    // a is always the lower model id; no scoring units in a pairwise project
    expect(
      await count(sql`select count(*)::int as n from comparisons c join responses a on a.id = c.response_a_id
                      join responses b on b.id = c.response_b_id where c.project_id = ${project.id} and a.model_id >= b.model_id`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from units where project_id = ${project.id} and comparison_id is null`)).toBe(0);
  });

  it("compares each model with the reference only, or about perPair times per pair in the balanced design", async () => {
    const ref = await makeQueueProject(t.db, {
      dialogues: 5,
      models: 4,
      annotators: 0,
      pairs: { design: "reference", reference: "model-2" },
    });
    const pairs = await queryRows<{ a: string; b: string; n: number }>(
      t.db,
      sql`select ma.name as a, mb.name as b, count(*)::int as n from comparisons c
          join responses ra on ra.id = c.response_a_id join models ma on ma.id = ra.model_id
          join responses rb on rb.id = c.response_b_id join models mb on mb.id = rb.model_id
          where c.project_id = ${ref.project.id} group by 1, 2 order by 1, 2`,
    );
    expect(pairs).toEqual([
      { a: "model-0", b: "model-2", n: 5 },
      { a: "model-1", b: "model-2", n: 5 },
      { a: "model-2", b: "model-3", n: 5 },
    ]);
    const balanced = await makeQueueProject(t.db, { dialogues: 12, models: 4, annotators: 0, pairs: { design: "balanced", perPair: 3 } });
    const perPair = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from comparisons c join responses ra on ra.id = c.response_a_id
          join responses rb on rb.id = c.response_b_id where c.project_id = ${balanced.project.id}
          group by ra.model_id, rb.model_id`,
    );
    expect(perPair.map((p) => p.n)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(await count(sql`select count(*)::int as n from comparisons where project_id = ${balanced.project.id}`)).toBe(6 * 3);
  });

  it("hands out one comparison per task, sides anonymous and in a random order, choices stored in the comparison's order", async () => {
    const { project, annotators } = await makeQueueProject(t.db, {
      dialogues: 8,
      models: 3,
      annotators: 1,
      k: 1,
      pairs: { design: "all" },
    });
    const seen = { swapped: 0, straight: 0 };
    for (;;) {
      const task = await claim(project, annotators[0].id);
      if (!task) break;
      expect(task.kind).toBe("pairwise");
      expect(Object.keys(task).sort()).toEqual(["a", "b", "dialogue_id", "id", "kind", "lease_expires_at", "units"]);
      expect(JSON.stringify(task)).not.toMatch(/"model[^"]*":/); // (the factory's texts name their model; no key does)
      expect(task.units.every((u) => Object.keys(u).sort().join() === "metric,unit_id")).toBe(true);
      const [{ a_text, swapped }] = await queryRows<{ a_text: string; swapped: boolean }>(
        t.db,
        sql`select r.scored_text as a_text, t.swapped from tasks t join comparisons c on c.id = t.comparison_id
            join responses r on r.id = c.response_a_id where t.id = ${task.id}`,
      );
      // the side shown left is the comparison's a unless the task was swapped
      expect(task.a.response_text === a_text).toBe(!swapped);
      seen[swapped ? "swapped" : "straight"]++;
      const choices = task.units.map((_, i) => (["a", "tie", "b"] as const)[i % 3]);
      const input = parseSubmission({
        idempotency_key: key(),
        preferences: task.units.map((u, i) => ({ unit_id: u.unit_id, choice: choices[i] })),
      });
      await submitRatings(t.db, { taskId: task.id, annotatorId: annotators[0].id }, input);
      const stored = await queryRows<{ unit_id: number; score: number }>(
        t.db,
        sql`select unit_id, score from ratings where task_id = ${task.id} order by unit_id`,
      );
      const want = (c: "a" | "tie" | "b") => (c === "tie" ? 2 : (c === "a") !== swapped ? 1 : 3);
      expect(new Map(stored.map((r) => [Number(r.unit_id), r.score]))).toEqual(
        new Map(task.units.map((u, i) => [Number(u.unit_id), want(choices[i])])),
      );
    }
    expect(seen.swapped + seen.straight).toBe(24);
    expect(seen.swapped).toBeGreaterThan(0);
    expect(seen.straight).toBeGreaterThan(0);
  });

  it("refuses a choice other than a, b or tie, scores for a comparison, and choices for a scored response", async () => {
    const pairwise = await makeQueueProject(t.db, { dialogues: 2, models: 2, annotators: 1, k: 1, pairs: { design: "all" } });
    const task = (await claim(pairwise.project, pairwise.annotators[0].id))!;
    const unit = task.units[0].unit_id;
    expect(() => parseSubmission({ idempotency_key: key(), preferences: [{ unit_id: unit, choice: "left" }] })).toThrow(
      expect.objectContaining({ status: 400, field: "preferences[0].choice" }),
    );
    expect(() =>
      parseSubmission({ idempotency_key: key(), ratings: [{ unit_id: unit, score: 3 }], preferences: [{ unit_id: unit, choice: "a" }] }),
    ).toThrow(expect.objectContaining({ status: 400 }));
    const scores = parseSubmission({ idempotency_key: key(), ratings: task.units.map((u) => ({ unit_id: u.unit_id, score: 3 })) });
    await expect(submitRatings(t.db, { taskId: task.id, annotatorId: pairwise.annotators[0].id }, scores)).rejects.toMatchObject({
      status: 400,
      field: "preferences[0].choice",
    });

    const scoring = await makeQueueProject(t.db, { dialogues: 2, models: 2, annotators: 1, k: 1 });
    const c = await claimNextTask(t.db, scoring.project, scoring.annotators[0].id);
    const payload = await taskPayload(t.db, c.taskId!);
    const choices = parseSubmission({
      idempotency_key: key(),
      preferences: payload.units.map((u) => ({ unit_id: u.unit_id, choice: "a" })),
    });
    await expect(submitRatings(t.db, { taskId: c.taskId!, annotatorId: scoring.annotators[0].id }, choices)).rejects.toMatchObject({
      status: 400,
      field: "ratings[0].score",
    });
    expect(
      await count(sql`select count(*)::int as n from ratings where project_id in (${pairwise.project.id}, ${scoring.project.id})`),
    ).toBe(0);
  });

  it("gives every comparison unit exactly k choices when several annotators work at once", async () => {
    const { project, annotators } = await makeQueueProject(t.db, {
      dialogues: 10,
      models: 3,
      annotators: 6,
      k: 2,
      pairs: { design: "all" },
    });
    await Promise.all(
      annotators.map(async (a) => {
        for (;;) {
          const task = await claim(project, a.id);
          if (!task) return;
          const input = parseSubmission({
            idempotency_key: key(),
            preferences: task.units.map((u) => ({ unit_id: u.unit_id, choice: "tie" })),
          });
          await submitRatings(t.db, { taskId: task.id, annotatorId: a.id }, input);
        }
      }),
    );
    const per = await queryRows<{ n: number; units: number }>(
      t.db,
      sql`select x.n, count(*)::int as units from (select u.id, count(r.unit_id)::int as n from units u
          left join ratings r on r.unit_id = u.id where u.project_id = ${project.id} group by u.id) x group by x.n`,
    );
    expect(per.map((p) => p.n)).toEqual([2]);
    expect(await count(sql`select count(*)::int as n from ratings where project_id = ${project.id} and score <> 2`)).toBe(0);
  });
});
