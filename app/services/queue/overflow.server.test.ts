// The queue page's late ratings and units over k: a submission after its lease expired is kept and
// marked late, and when someone else rated the unit meanwhile the unit ends up with more than k ratings.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeAnnotators } from "../../../seeds/corpus-factory";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { addRatings, listUnits } from "../exports/testing/helpers";
import { claimNextTask } from "./claim.server";
import { queueOverflow } from "./overflow.server";
import { submitRatings } from "./submit.server";

const t = useTestDb();

async function claim(projectId: number, annotatorId: string) {
  const c = await claimNextTask(t.db, { id: projectId }, annotatorId);
  if (c.taskId === null) throw new Error(`nothing to claim: ${c.reason}`);
  return c;
}

async function submit(c: Awaited<ReturnType<typeof claim>>, annotatorId: string) {
  return submitRatings(
    t.db,
    { taskId: c.taskId, annotatorId },
    { idempotencyKey: crypto.randomUUID(), activeMs: 100, ratings: c.task.units.map((u) => ({ unit_id: u.unit_id, score: 3 })) },
  );
}

describe("queueOverflow", () => {
  it("counts late ratings and the units they push past k, per metric in use, gold left out", async () => {
    // two dialogues: Fluency on the first, Coherence + Consistency on the second; k = 1
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 2, models: 1, annotators: 2, k: 1 });
    const [a, b] = annotators;
    const before = await queueOverflow(t.db, project.id, 1);
    expect(before).toEqual({
      late: 0,
      overK: 0,
      metrics: [
        expect.objectContaining({ key: "Fluency", name_en: "Fluency", name_zh: "对话流利度", late: 0, over_k: 0 }),
        expect.objectContaining({ key: "Coherence", late: 0, over_k: 0 }),
        expect.objectContaining({ key: "Consistency", late: 0, over_k: 0 }),
      ],
    });

    // a's lease runs out; b takes the same response and rates it; a's submit arrives late and is kept
    const held = await claim(project.id, a.id);
    await t.db.execute(sql`update tasks set expires_at = now() - interval '1 minute' where id = ${held.taskId}`);
    let other = await claim(project.id, b.id);
    while (other.task.dialogue_id !== held.task.dialogue_id) {
      await submit(other, b.id);
      other = await claim(project.id, b.id);
    }
    expect((await submit(other, b.id)).late).toBe(false);
    expect(await submit(held, a.id)).toEqual({ accepted: held.task.units.length, late: true });

    const after = await queueOverflow(t.db, project.id, 1);
    const lateMetrics = held.task.units.map((u) => u.metric);
    expect(after.late).toBe(lateMetrics.length);
    expect(after.overK).toBe(lateMetrics.length);
    for (const m of after.metrics) {
      const hit = lateMetrics.includes(m.key) ? 1 : 0;
      expect(m).toMatchObject({ late: hit, over_k: hit });
    }
    // with k = 2 (as if k were raised) the same units are not over it
    expect((await queueOverflow(t.db, project.id, 2)).overK).toBe(0);

    // a gold unit rated twice is not over k: gold does not count toward k
    const gold = (await listUnits(t.db, project.id)).find((u) => !lateMetrics.includes(u.metric))!;
    await t.db.execute(sql`update units set is_gold = true where id = ${gold.id}`);
    const [c] = await makeAnnotators(t.db, 1);
    await addRatings(t.db, project.id, [{ unitId: gold.id, annotatorId: c.id, score: 2 }]);
    expect((await queueOverflow(t.db, project.id, 1)).overK).toBe(lateMetrics.length);

    // another project's late ratings are not counted here
    const { project: elsewhere } = await makeQueueProject(t.db, { dialogues: 1, models: 1, annotators: 0, k: 1 });
    expect(await queueOverflow(t.db, elsewhere.id, 1)).toEqual({
      late: 0,
      overK: 0,
      metrics: [expect.objectContaining({ key: "Fluency", late: 0, over_k: 0 })],
    });
  });
});
