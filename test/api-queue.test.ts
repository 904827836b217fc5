import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { startSession } from "~/auth/session.server";
import { action as next } from "~/routes/api.projects.$slug.tasks.next";
import { action as skip } from "~/routes/api.tasks.$id.skip";
import { action as submit } from "~/routes/api.tasks.$id.submit";
import { loader as queuePage } from "~/routes/projects.$slug.queue";
import { addMember } from "~/services/projects.server";
import { releaseLeases, setPaused } from "~/services/queue/manage.server";
import { createApiToken } from "~/services/tokens.server";
import { makeUser } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { useTestDb } from "./db";

const t = useTestDb();
const base = "http://127.0.0.1:3000";

function call(fn: typeof next, path: string, token: string | null, body?: unknown, params: Record<string, string> = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const request = new Request(base + path, {
    method: "POST",
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return fn({ request, params, context: {} }) as Promise<Response>;
}

async function setup() {
  const q = await makeQueueProject(t.db, { dialogues: 6, models: 2, annotators: 0, k: 2 });
  const users = await Promise.all([makeUser(t.db), makeUser(t.db), makeUser(t.db)]);
  const [a, b, manager] = users;
  await addMember(t.db, q.project.id, a.email, "annotator");
  await addMember(t.db, q.project.id, b.email, "annotator");
  await addMember(t.db, q.project.id, manager.email, "manager");
  const tok = async (id: string) => (await createApiToken(t.db, { userId: id })).token;
  return { ...q, a, b, manager, ta: await tok(a.id), tb: await tok(b.id), tm: await tok(manager.id) };
}

describe("task API (product.md §6)", () => {
  it("hands out a task, accepts a submit once per key, and answers a repeat identically", async () => {
    const s = await setup();
    const res = await call(next, `/api/projects/${s.project.slug}/tasks/next`, s.ta, undefined, { slug: s.project.slug });
    expect(res.status).toBe(200);
    const { task } = await res.json();
    expect(Object.keys(task).sort()).toEqual(["dialogue_id", "id", "lease_expires_at", "response_text", "units"]);
    expect(task.units[0]).toMatchObject({ min: 1, max: 5 });
    const body = {
      idempotency_key: "key-12345678",
      ratings: task.units.map((u: { unit_id: number }) => ({ unit_id: u.unit_id, score: 4, comment: "=HYPERLINK(x)" })),
    };
    const first = await (await call(submit, `/api/tasks/${task.id}/submit`, s.ta, body, { id: String(task.id) })).json();
    const again = await call(submit, `/api/tasks/${task.id}/submit`, s.ta, body, { id: String(task.id) });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(first).toEqual({ accepted: task.units.length, late: false });
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ratings where task_id = ${task.id}`);
    expect(Number(n)).toBe(task.units.length);
  });

  it("answers bad input with 400 naming the field, a foreign unit with 409, and someone else's task with 404", async () => {
    const s = await setup();
    const { task } = await (await call(next, "/api/x", s.ta, undefined, { slug: s.project.slug })).json();
    const id = { id: String(task.id) };
    const bad = async (body: unknown) => (await call(submit, "/api/x", s.ta, body, id)).json();
    expect(await bad("{not json")).toMatchObject({ field: "body" });
    expect(await bad({ idempotency_key: "k", ratings: [] })).toMatchObject({ field: "idempotency_key" });
    expect(await bad({ idempotency_key: "key-abcdefgh", ratings: [{ unit_id: task.units[0].unit_id, score: 9 }] })).toMatchObject({
      field: "ratings[0].score",
    });
    expect(await bad({ idempotency_key: "key-abcdefgh2", ratings: [{ unit_id: task.units[0].unit_id, score: 2.5 }] })).toMatchObject({
      field: "ratings[0].score",
    });
    const foreign = await call(
      submit,
      "/api/x",
      s.ta,
      { idempotency_key: "key-abcdefgh3", ratings: [{ unit_id: 999999999, score: 3 }] },
      id,
    );
    expect(foreign.status).toBe(409);
    expect(
      (
        await call(
          submit,
          "/api/x",
          s.tb,
          { idempotency_key: "key-abcdefgh4", ratings: [{ unit_id: task.units[0].unit_id, score: 3 }] },
          id,
        )
      ).status,
    ).toBe(404);
    expect((await call(submit, "/api/x", null, {}, id)).status).toBe(401);
    expect((await call(next, "/api/x", s.tm, undefined, { slug: s.project.slug })).status).toBe(403);
    const other = await makeQueueProject(t.db, { dialogues: 1, models: 1, annotators: 0 });
    expect((await call(next, "/api/x", s.ta, undefined, { slug: other.project.slug })).status).toBe(404);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ratings where task_id = ${task.id}`);
    expect(Number(n)).toBe(0);
  });

  it("never hands back skipped units, frees released leases, and gives a paused annotator nothing", async () => {
    const s = await setup();
    const slug = { slug: s.project.slug };
    const { task } = await (await call(next, "/api/x", s.ta, undefined, slug)).json();
    expect((await call(skip, "/api/x", s.ta, { reason: "" }, { id: String(task.id) })).status).toBe(400);
    expect((await call(skip, "/api/x", s.ta, { reason: "unreadable" }, { id: String(task.id) })).status).toBe(200);
    const skipped = new Set(task.units.map((u: { unit_id: number }) => u.unit_id));
    for (;;) {
      const r = await call(next, "/api/x", s.ta, undefined, slug);
      if (r.status === 204) break;
      const { task: tk } = await r.json();
      for (const u of tk.units) expect(skipped.has(u.unit_id)).toBe(false);
      await call(
        submit,
        "/api/x",
        s.ta,
        { idempotency_key: `k-${tk.id}-xxxxxx`, ratings: tk.units.map((u: { unit_id: number }) => ({ unit_id: u.unit_id, score: 3 })) },
        { id: String(tk.id) },
      );
    }
    // b takes a task; the manager releases it; the units are open again for b's next claim
    const held = (await (await call(next, "/api/x", s.tb, undefined, slug)).json()).task;
    expect(await releaseLeases(t.db, s.project.id, s.b.id)).toBe(1);
    const again = (await (await call(next, "/api/x", s.tb, undefined, slug)).json()).task;
    expect(again.id).not.toBe(held.id);
    await setPaused(t.db, s.project.id, s.b.id, true);
    const paused = await call(next, "/api/x", s.tb, undefined, slug);
    expect(paused.status).toBe(204);
    expect(paused.headers.get("X-Rolecall-Reason")).toBe("paused");
  });

  it("keeps annotators out of the manager's queue page", async () => {
    const s = await setup();
    // pages take a browser session, never an API token (test/token-scope.test.ts)
    const req = async (userId: string) =>
      new Request(`${base}/projects/${s.project.slug}/queue`, {
        headers: { Cookie: (await startSession(new Request(base), userId)).split(";")[0] },
      });
    const status = async (userId: string) => {
      try {
        await queuePage({ request: await req(userId), params: { slug: s.project.slug }, context: {} });
        return 200;
      } catch (e) {
        return (e as Response).status;
      }
    };
    expect(await status(s.a.id)).toBe(403);
    expect(await status(s.manager.id)).toBe(200);
  });
});
