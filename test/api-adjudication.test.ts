import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { action as resolve } from "~/routes/api.adjudications.$id.resolve";
import { action as next } from "~/routes/api.projects.$slug.adjudications.next";
import { action as workspaceAction } from "~/routes/projects.$slug_.adjudicate.$responseId";
import { addMember } from "~/services/projects.server";
import { claimNextTask } from "~/services/queue/claim.server";
import { submitRatings } from "~/services/queue/submit.server";
import { createApiToken } from "~/services/tokens.server";
import { makeMember, makeUser } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { useTestDb } from "./db";
import { callRoute, sessionCookie } from "./route-call";

const t = useTestDb();

/** A project whose every unit has a 1 and a 5, with an adjudicator, a manager and an annotator. */
async function setup() {
  const q = await makeQueueProject(t.db, { dialogues: 3, models: 2, annotators: 2, k: 2, maxMetrics: 2 });
  for (let round = 0; round < 20; round++) {
    let any = false;
    for (const [i, a] of q.annotators.entries()) {
      const c = await claimNextTask(t.db, q.project, a.id);
      if (c.taskId === null) continue;
      any = true;
      await submitRatings(
        t.db,
        { taskId: c.taskId, annotatorId: a.id },
        { idempotencyKey: crypto.randomUUID(), activeMs: 1, ratings: c.task.units.map((u) => ({ unit_id: u.unit_id, score: i ? 5 : 1 })) },
      );
    }
    if (!any) break;
  }
  const adjudicator = await makeMember(t.db, q.project.id, "adjudicator");
  const manager = await makeMember(t.db, q.project.id, "manager");
  const annotator = await makeMember(t.db, q.project.id, "annotator");
  const tok = async (id: string, projectId?: number) => (await createApiToken(t.db, { userId: id, projectId })).token;
  return { ...q, adjudicator, manager, annotator, tok };
}

const nextOf = (slug: string, c: { token?: string; cookie?: string }) =>
  callRoute(next, `/api/projects/${slug}/adjudications/next`, { method: "POST", params: { slug }, ...c });
const resolveOf = (unit: number, body: unknown, c: { token?: string; cookie?: string }) =>
  callRoute(resolve, `/api/adjudications/${unit}/resolve`, { json: body, params: { id: String(unit) }, ...c });

describe("adjudication API", () => {
  it("hands an adjudicator the next item and lets them resolve it; annotators and managers get 403", async () => {
    const s = await setup();
    const ta = await s.tok(s.adjudicator.id);
    const res = await nextOf(s.project.slug, { token: ta });
    expect(res.status).toBe(200);
    const { item } = await res.json();
    expect(item.units.length).toBeGreaterThan(0);
    expect(item.units[0].ratings.map((r: { score: number }) => r.score).sort()).toEqual([1, 5]);
    expect(item.units[0].ratings[0].annotator).toMatch(/@/);
    const unit = item.units[0].unit_id;
    for (const who of [s.manager, s.annotator]) {
      const tok = await s.tok(who.id);
      expect((await nextOf(s.project.slug, { token: tok })).status).toBe(403);
      expect((await resolveOf(unit, { score: 3 }, { token: tok })).status).toBe(403);
      expect((await resolveOf(unit, { score: 3 }, { cookie: await sessionCookie(who.id) })).status).toBe(403);
    }
    const bad = await resolveOf(unit, { score: 7 }, { token: ta });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe("score");
    expect((await resolveOf(unit, { score: "3" }, { token: ta })).status).toBe(400);
    const ok = await resolveOf(unit, { score: 3, note: "read the context" }, { cookie: await sessionCookie(s.adjudicator.id) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ unit_id: unit, final_score: 3, previous_score: null, note: "read the context" });
  });

  it("answers 404 for another project's unit or project, and 409 for a unit another adjudicator holds", async () => {
    const s = await setup();
    const other = await setup();
    const ta = await s.tok(s.adjudicator.id);
    const item = (await (await nextOf(other.project.slug, { token: await other.tok(other.adjudicator.id) })).json()).item;
    const foreignUnit = item.units[0].unit_id;
    expect((await resolveOf(foreignUnit, { score: 3 }, { token: ta })).status).toBe(404);
    expect((await nextOf(other.project.slug, { token: ta })).status).toBe(404);
    expect((await resolveOf(999999999, { score: 3 }, { token: ta })).status).toBe(404);
    // a token scoped to another project is an outsider here, even for its own user
    const second = await makeUser(t.db);
    await addMember(t.db, s.project.id, second.email, "adjudicator");
    await addMember(t.db, other.project.id, second.email, "adjudicator");
    const scoped = await s.tok(second.id, s.project.id);
    expect((await resolveOf(foreignUnit, { score: 3 }, { token: scoped })).status).toBe(404);
    // held by other's adjudicator: the second adjudicator of that project is refused
    const held = await resolveOf(foreignUnit, { score: 3 }, { token: await other.tok(second.id) });
    expect(held.status).toBe(409);
  });

  it("an adjudicator who leaves a response (L on the page) gives it to the next adjudicator", async () => {
    const s = await setup();
    const other = await makeMember(t.db, s.project.id, "adjudicator");
    const { item } = await (await nextOf(s.project.slug, { token: await s.tok(s.adjudicator.id) })).json();
    // held: the other adjudicator gets another response
    const held = await (await nextOf(s.project.slug, { token: await s.tok(other.id) })).json();
    expect(held.item.response_id).not.toBe(item.response_id);
    const path = `/projects/${s.project.slug}/adjudicate/${item.response_id}`;
    const params = { slug: s.project.slug, responseId: String(item.response_id) };
    // someone else's leave changes nothing; the holder's own does
    const refused = await callRoute(workspaceAction, path, {
      form: { intent: "release" },
      params,
      cookie: await sessionCookie(s.annotator.id),
    }).catch((e: Response) => e);
    expect(refused.status).toBe(403);
    const left = await callRoute(workspaceAction, path, {
      form: { intent: "release" },
      params,
      cookie: await sessionCookie(s.adjudicator.id),
    }).catch((e: Response) => e);
    expect(left.status).toBe(302);
    expect(left.headers.get("location")).toBe(`/projects/${s.project.slug}/adjudicate?state=left`);
    const third = await makeMember(t.db, s.project.id, "adjudicator");
    const again = await (await nextOf(s.project.slug, { token: await s.tok(third.id) })).json();
    expect(again.item.response_id).toBe(item.response_id);
  });
});
