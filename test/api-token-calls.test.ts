// The task API with an API token: claims and submits authenticate inside their one database call
// (rolecall_token_claim_many / rolecall_token_submit_many, migrations/0009). The answers must be those
// of the route's guards (requireProject, apiUser) — for each request of a batch its own — and a
// browser session, which takes the guards' path, must get the same.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { startSession } from "~/auth/session.server";
import { action as next } from "~/routes/api.projects.$slug.tasks.next";
import { action as submit } from "~/routes/api.tasks.$id.submit";
import { addMember } from "~/services/projects.server";
import { tokenClaimBatchesSent } from "~/services/queue/claim.server";
import { tokenSubmitBatchesSent } from "~/services/queue/submit.server";
import { createApiToken, revokeApiToken } from "~/services/tokens.server";
import { makeProject, makeUser } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { useTestDb } from "./db";

const t = useTestDb();
const base = "http://127.0.0.1:3000";

type Auth = { token?: string; cookie?: string };
function call(fn: typeof next, path: string, auth: Auth, body?: unknown, params: Record<string, string> = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (auth.token !== undefined) headers.Authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.Cookie = auth.cookie.split(";")[0];
  const request = new Request(base + path, {
    method: "POST",
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return fn({ request, params, context: {} }) as Promise<Response>;
}
const claim = (slug: string, auth: Auth) => call(next, `/api/projects/${slug}/tasks/next`, auth, undefined, { slug });
const answer = async (r: Promise<Response>) => {
  const res = await r;
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

describe("claims by API token", () => {
  it("answer every request of a batch as the route's guards would: 401, 404, 403, 204 or a task", async () => {
    const q = await makeQueueProject(t.db, { dialogues: 6, models: 2, annotators: 0, k: 2 });
    const other = await makeProject(t.db);
    const [annotator, manager, outsider, admin, disabled, paused, revokedUser] = await Promise.all(
      [false, false, false, true, false, false, false].map((isAdmin) => makeUser(t.db, { isAdmin })),
    );
    for (const u of [annotator, disabled, paused, revokedUser]) await addMember(t.db, q.project.id, u.email, "annotator");
    await addMember(t.db, q.project.id, manager.email, "manager");
    await t.db.execute(sql`update users set disabled_at = now() where id = ${disabled.id}`);
    await t.db.execute(sql`update project_members set paused = true where project_id = ${q.project.id} and user_id = ${paused.id}`);
    const tok = async (userId: string, projectId?: number) => (await createApiToken(t.db, { userId, projectId })).token;
    const revoked = await createApiToken(t.db, { userId: revokedUser.id });
    await revokeApiToken(t.db, revokedUser.id, revoked.id);

    const slug = q.project.slug;
    const asked: [string, Auth, string][] = [
      ["annotator", { token: await tok(annotator.id) }, slug],
      ["annotator, token of this project", { token: await tok(annotator.id, q.project.id) }, slug],
      ["annotator, token of another project", { token: await tok(annotator.id, other.id) }, slug],
      ["unknown project", { token: await tok(annotator.id) }, "no-such-project"],
      ["manager", { token: await tok(manager.id) }, slug],
      ["not a member", { token: await tok(outsider.id) }, slug],
      ["admin, not an annotator", { token: await tok(admin.id) }, slug],
      ["disabled user", { token: await tok(disabled.id) }, slug],
      ["revoked token", { token: revoked.token }, slug],
      ["unknown token", { token: "rc_" + "x".repeat(30) }, slug],
      ["not a token", { token: "password" }, slug],
      ["paused", { token: await tok(paused.id) }, slug],
    ];
    const before = tokenClaimBatchesSent(t.db).largest;
    const got = await Promise.all(asked.map(([, auth, s]) => answer(claim(s, auth))));
    expect(tokenClaimBatchesSent(t.db).largest).toBeGreaterThan(Math.max(before, 1)); // they did go together
    const statuses = Object.fromEntries(asked.map(([name], i) => [name, got[i].status]));
    expect(statuses).toEqual({
      annotator: 200,
      "annotator, token of this project": 200,
      "annotator, token of another project": 404,
      "unknown project": 404,
      manager: 403,
      "not a member": 404,
      "admin, not an annotator": 403,
      "disabled user": 401,
      "revoked token": 401,
      "unknown token": 401,
      "not a token": 401,
      paused: 204,
    });
    // one annotator asking twice in one batch holds one task
    expect(got[0].body.task.id).toBe(got[1].body.task.id);
    expect(got[6].body).toEqual({ error: "Only annotators of this project take tasks" });
    expect(got[4].body).toEqual({ error: "Forbidden" });
    expect(got[7].body).toEqual({ error: "Unauthorized" });
    const [{ leases }] = await queryRows<{ leases: number }>(
      t.db,
      sql`select count(*)::int as leases from tasks where project_id = ${q.project.id}`,
    );
    expect(Number(leases)).toBe(1); // nobody else got a task
  });

  it("give a browser session (no token) the same task and answers", async () => {
    const q = await makeQueueProject(t.db, { dialogues: 3, models: 2, annotators: 0, k: 1 });
    const [a, m] = await Promise.all([makeUser(t.db), makeUser(t.db)]);
    await addMember(t.db, q.project.id, a.email, "annotator");
    await addMember(t.db, q.project.id, m.email, "manager");
    const cookie = await startSession(new Request(base), a.id);
    const first = await answer(claim(q.project.slug, { cookie }));
    expect(first.status).toBe(200);
    const byToken = await answer(claim(q.project.slug, { token: (await createApiToken(t.db, { userId: a.id })).token }));
    expect(byToken.body).toEqual({
      ...first.body,
      resumed: true,
      task: { ...first.body.task, lease_expires_at: byToken.body.task.lease_expires_at },
    });
    expect((await answer(claim(q.project.slug, { cookie: await startSession(new Request(base), m.id) }))).status).toBe(403);
    expect((await answer(claim(q.project.slug, {}))).status).toBe(401);
    const done = await answer(
      call(
        submit,
        `/api/tasks/${first.body.task.id}/submit`,
        { cookie },
        {
          idempotency_key: crypto.randomUUID(),
          ratings: first.body.task.units.map((u: { unit_id: number }) => ({ unit_id: u.unit_id, score: 3 })),
        },
        { id: String(first.body.task.id) },
      ),
    );
    expect(done).toEqual({ status: 200, body: { accepted: first.body.task.units.length, late: false } });
  });
});

describe("submits by API token", () => {
  it("store a batch of submits in one call, and give a revoked token among them its own 401", async () => {
    const q = await makeQueueProject(t.db, { dialogues: 12, models: 2, annotators: 6, k: 2 });
    const tokens = await Promise.all(q.annotators.map(async (a) => (await createApiToken(t.db, { userId: a.id })).token));
    const tasks = await Promise.all(tokens.map(async (token) => (await answer(claim(q.project.slug, { token }))).body.task));
    expect(tasks.every((x) => x && x.id)).toBe(true);
    const [{ id: revokedId }] = await queryRows<{ id: number }>(t.db, sql`select id from api_tokens where user_id = ${q.annotators[3].id}`);
    await revokeApiToken(t.db, q.annotators[3].id, Number(revokedId));
    const before = tokenSubmitBatchesSent(t.db).largest;
    const results = await Promise.all(
      tasks.map((task, i) =>
        answer(
          call(
            submit,
            `/api/tasks/${task.id}/submit`,
            { token: tokens[i] },
            {
              idempotency_key: crypto.randomUUID(),
              ratings: task.units.map((u: { unit_id: number }) => ({ unit_id: u.unit_id, score: 4 })),
            },
            { id: String(task.id) },
          ),
        ),
      ),
    );
    expect(tokenSubmitBatchesSent(t.db).largest).toBeGreaterThan(Math.max(before, 1));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 401, 200, 200]);
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(distinct annotator_id)::int as n from ratings where project_id = ${q.project.id}`,
    );
    expect(Number(n)).toBe(5);
    // a token scoped to another project finds no task here; a bad body from an unknown token is a 401
    const elsewhere = (await createApiToken(t.db, { userId: q.annotators[0].id, projectId: (await makeProject(t.db)).id })).token;
    const next0 = (await answer(claim(q.project.slug, { token: tokens[0] }))).body.task;
    const scoped = await answer(
      call(
        submit,
        `/api/tasks/${next0.id}/submit`,
        { token: elsewhere },
        { idempotency_key: crypto.randomUUID(), ratings: [{ unit_id: next0.units[0].unit_id, score: 3 }] },
        { id: String(next0.id) },
      ),
    );
    expect(scoped.status).toBe(404);
    expect(
      (await answer(call(submit, `/api/tasks/${next0.id}/submit`, { token: "rc_" + "y".repeat(30) }, "{bad", { id: String(next0.id) })))
        .status,
    ).toBe(401);
    expect(
      (await answer(call(submit, `/api/tasks/${next0.id}/submit`, { token: tokens[0] }, "{bad", { id: String(next0.id) }))).body,
    ).toMatchObject({ field: "body" });
  });
});
