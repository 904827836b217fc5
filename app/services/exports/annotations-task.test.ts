// The annotations export's task fields: a task's active time is stored on each of its ratings; the
// export splits it over them (active_ms) and gives it whole once per task (task_active_ms).
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { activeShare } from "~/domain/export";
import { claimNextTask } from "~/services/queue/claim.server";
import { submitRatings } from "~/services/queue/submit.server";
import { makeAnnotators } from "../../../seeds/corpus-factory";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { addRatings, exportText, jsonLines, listUnits } from "./testing/helpers";

const t = useTestDb();

type Row = { task_id: number | null; task_active_ms: number | null; active_ms: number | null; metric: string };

describe("activeShare", () => {
  it("splits evenly and gives the remainder a millisecond at a time to the first ratings", () => {
    expect([0, 1, 2].map((i) => activeShare(1001, 3, i))).toEqual([334, 334, 333]);
    expect([0, 1, 2, 3].map((i) => activeShare(10, 4, i))).toEqual([3, 3, 2, 2]);
    expect(activeShare(500, 1, 0)).toBe(500);
    expect([0, 1].map((i) => activeShare(0, 2, i))).toEqual([0, 0]);
  });
});

describe("annotations export: task_id and task_active_ms", () => {
  let project: Awaited<ReturnType<typeof makeQueueProject>>["project"];
  const times = new Map<number, { ms: number; units: number }>();

  beforeAll(async () => {
    // dialogues carry 1–4 metrics, so tasks have 1–4 ratings
    const made = await makeQueueProject(t.db, { dialogues: 4, models: 1, annotators: 1, k: 1, maxMetrics: 4 });
    project = made.project;
    const annotator = made.annotators[0];
    for (let i = 0; i < 4; i++) {
      const c = await claimNextTask(t.db, project, annotator.id);
      if (c.taskId === null) throw new Error(`nothing to claim: ${c.reason}`);
      const ms = 1001 + 7 * i;
      times.set(c.taskId, { ms, units: c.task.units.length });
      await submitRatings(
        t.db,
        { taskId: c.taskId, annotatorId: annotator.id },
        { idempotencyKey: crypto.randomUUID(), activeMs: ms, ratings: c.task.units.map((u) => ({ unit_id: u.unit_id, score: 4 })) },
      );
    }
    // an imported rating has no task: its own time, no task fields
    const [unit] = await listUnits(t.db, project.id);
    const [other] = await makeAnnotators(t.db, 1);
    await addRatings(t.db, project.id, [{ unitId: unit.id, annotatorId: other.id, score: 2, activeMs: 777 }]);
  });

  it("gives every rating its task, the task's whole time once, and shares that add up to it", async () => {
    const rows: Row[] = jsonLines((await exportText(project, "annotations", { format: "jsonl" })).text);
    const fromTasks = rows.filter((r) => r.task_id !== null);
    expect(new Set(fromTasks.map((r) => r.task_id))).toEqual(new Set(times.keys()));
    expect([...times.values()].some((x) => x.units > 1)).toBe(true);
    for (const [taskId, { ms, units }] of times) {
      const mine = fromTasks.filter((r) => r.task_id === taskId);
      expect(mine).toHaveLength(units);
      expect(mine.map((r) => r.task_active_ms)).toEqual([ms, ...Array(units - 1).fill(null)]);
      expect(mine.reduce((sum, r) => sum + r.active_ms!, 0)).toBe(ms);
      expect(Math.max(...mine.map((r) => r.active_ms!)) - Math.min(...mine.map((r) => r.active_ms!))).toBeLessThanOrEqual(1);
    }
    const imported = rows.filter((r) => r.task_id === null);
    expect(imported).toEqual([expect.objectContaining({ task_id: null, task_active_ms: null, active_ms: 777 })]);
  });

  it("keeps the task's time once when a filter leaves out the task's first rating", async () => {
    const all: Row[] = jsonLines((await exportText(project, "annotations", { format: "jsonl" })).text);
    const [taskId] = [...times].find(([, x]) => x.units > 1)!;
    const second = all.filter((r) => r.task_id === taskId)[1];
    const rows: Row[] = jsonLines((await exportText(project, "annotations", { format: "jsonl", metric: second.metric })).text);
    const mine = rows.filter((r) => r.task_id === taskId);
    expect(mine).toEqual([expect.objectContaining({ task_active_ms: times.get(taskId)!.ms, active_ms: second.active_ms })]);
  });

  it("writes the task fields as the last two CSV columns, numbers as they are", async () => {
    const { text } = await exportText(project, "annotations");
    const [header, first] = text.split("\r\n");
    expect(header.endsWith(",gold,task_id,task_active_ms")).toBe(true);
    const [taskId, { ms }] = [...times][0];
    expect(first.endsWith(`,false,${taskId},${ms}`)).toBe(true);
  });
});
