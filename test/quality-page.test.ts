// The quality page's loader: each annotator's row carries the leave-one-out α of the agreement report
// (the same figure the agreement page shows), sorts by it, and is for managers only.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { loader } from "~/routes/projects.$slug.quality";
import { claimNextTask } from "~/services/queue/claim.server";
import { submitRatings } from "~/services/queue/submit.server";
import { getReport } from "~/services/reports/reports.server";
import { makeMember } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { useTestDb } from "./db";
import { callRoute, sessionCookie } from "./route-call";

const t = useTestDb();

describe("quality page", () => {
  it("shows the leave-one-out α beside each annotator and sorts by it; annotators get 403", async () => {
    const q = await makeQueueProject(t.db, { dialogues: 6, models: 2, annotators: 3, k: 3, maxMetrics: 2 });
    // three annotators who mostly agree, the third less so
    for (let round = 0; round < 40; round++) {
      let any = false;
      for (const [i, a] of q.annotators.entries()) {
        const c = await claimNextTask(t.db, q.project, a.id);
        if (c.taskId === null) continue;
        any = true;
        const ratings = c.task.units.map((u, j) => ({ unit_id: u.unit_id, score: 1 + ((u.unit_id + (i === 2 ? j * 3 : 0)) % 5) }));
        await submitRatings(t.db, { taskId: c.taskId, annotatorId: a.id }, { idempotencyKey: crypto.randomUUID(), activeMs: 1, ratings });
      }
      if (!any) break;
    }
    const manager = await makeMember(t.db, q.project.id, "manager");
    const path = `/projects/${q.project.slug}/quality`;
    const params = { slug: q.project.slug };
    const res = await callRoute(loader, `${path}?sort=alpha_without&sortdir=asc`, { params, cookie: await sessionCookie(manager.id) });
    expect(res.status).toBe(200);
    const { rows } = (await res.json()) as { rows: { annotator: string; alpha_without: number | null }[] };
    const agreement = await getReport(t.db, q.project, "agreement");
    const want = new Map(agreement.annotators.map((a) => [a.annotator, a.alpha_without]));
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.alpha_without).not.toBeNull();
      expect(r.alpha_without).toBe(want.get(r.annotator));
    }
    const alphas = rows.map((r) => r.alpha_without!);
    expect(alphas).toEqual([...alphas].sort((a, b) => a - b));
    const refused = await callRoute(loader, path, { params, cookie: await sessionCookie(q.annotators[0].id) }).catch((e: Response) => e);
    expect(refused.status).toBe(403);
  });
});
