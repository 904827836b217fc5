// server/hot-api.ts over real HTTP: the claim, submit and heartbeat paths reach their route modules'
// actions without Remix's router, with the same answers (guards included); anything else falls through.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import * as nextRoute from "~/routes/api.projects.$slug.tasks.next";
import * as heartbeatRoute from "~/routes/api.tasks.$id.heartbeat";
import * as submitRoute from "~/routes/api.tasks.$id.submit";
import { addMember } from "~/services/projects.server";
import { createApiToken } from "~/services/tokens.server";
import { makeUser } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { hotApi } from "../server/hot-api";
import { useTestDb } from "./db";

const t = useTestDb();
const build = {
  routes: {
    "routes/api.projects.$slug.tasks.next": { module: nextRoute },
    "routes/api.tasks.$id.submit": { module: submitRoute },
    "routes/api.tasks.$id.heartbeat": { module: heartbeatRoute },
  },
} as unknown as ServerBuild;

let base = "";
const fellThrough: string[] = [];
let close = () => {};
beforeAll(async () => {
  // as server/app.ts does: the hot path first, everything else to the next handler
  const hot = hotApi(build, { origin: null, uploadLimitBytes: 5_000_000, formLimitBytes: 1_000_000 });
  const server = http.createServer((req, res) => {
    if (hot(req, res)) return;
    fellThrough.push(`${req.method} ${req.url}`);
    res.statusCode = 599;
    res.end();
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const post = (path: string, token: string | null, body?: unknown) =>
  fetch(base + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("the hot task API path", () => {
  it("claims, heartbeats and submits over HTTP, with the routes' guards and errors", async () => {
    const q = await makeQueueProject(t.db, { dialogues: 4, models: 2, annotators: 0, k: 2 });
    const [a, b] = await Promise.all([makeUser(t.db), makeUser(t.db)]);
    await addMember(t.db, q.project.id, a.email, "annotator");
    const ta = (await createApiToken(t.db, { userId: a.id })).token;
    const tb = (await createApiToken(t.db, { userId: b.id })).token;

    expect((await post(`/api/projects/${q.project.slug}/tasks/next`, null)).status).toBe(401);
    expect((await post(`/api/projects/${q.project.slug}/tasks/next`, tb)).status).toBe(404); // not a member
    const claimed = await post(`/api/projects/${encodeURIComponent(q.project.slug)}/tasks/next`, ta);
    expect(claimed.status).toBe(200);
    expect(claimed.headers.get("content-type")).toMatch(/application\/json/);
    const { task } = (await claimed.json()) as { task: { id: number; units: { unit_id: number }[] } };

    const beat = await post(`/api/tasks/${task.id}/heartbeat`, ta);
    expect(beat.status).toBe(200);
    expect(Date.parse(((await beat.json()) as { lease_expires_at: string }).lease_expires_at)).toBeGreaterThan(Date.now());

    const body = { idempotency_key: "hot-path-key-1", ratings: task.units.map((u) => ({ unit_id: u.unit_id, score: 2 })) };
    expect((await post(`/api/tasks/${task.id}/submit`, tb, body)).status).toBe(404); // someone else's task
    const bad = await post(`/api/tasks/${task.id}/submit`, ta, { ...body, ratings: [{ unit_id: task.units[0].unit_id, score: 9 }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "ratings[0].score" });
    const ok = await post(`/api/tasks/${task.id}/submit`, ta, body);
    expect(await ok.json()).toEqual({ accepted: task.units.length, late: false });
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from ratings where task_id = ${task.id} and score = 2`,
    );
    expect(Number(n)).toBe(task.units.length);
    const again = await post(`/api/tasks/${task.id}/submit`, ta, body); // the same key: the same answer
    expect([again.status, await again.json()]).toEqual([200, { accepted: task.units.length, late: false }]);

    // nothing left for a paused annotator: 204, the reason in a header, no body
    await t.db.execute(sql`update project_members set paused = true where project_id = ${q.project.id} and user_id = ${a.id}`);
    const paused = await post(`/api/projects/${q.project.slug}/tasks/next`, ta);
    expect([paused.status, paused.headers.get("x-rolecall-reason"), await paused.text()]).toEqual([204, "paused", ""]);
    // the hot path meets the same edge checks as every other request: the security headers, the CSRF
    // origin check, the size limit (the API's is the small one, not the uploads')
    expect(paused.headers.get("x-content-type-options")).toBe("nosniff");
    expect(paused.headers.get("x-frame-options")).toBe("DENY");
    const foreign = await fetch(`${base}/api/projects/${q.project.slug}/tasks/next`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ta}`, Origin: "https://evil.example" },
    });
    expect([foreign.status, await foreign.text()]).toEqual([403, "Cross-origin request refused"]);
    const own = await fetch(`${base}/api/projects/${q.project.slug}/tasks/next`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ta}`, Origin: base },
    });
    expect(own.status).toBe(204); // still paused, but let through
    const huge = await post(`/api/tasks/${task.id}/submit`, ta, { idempotency_key: "k", ratings: [], pad: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
    const over = await post(`/api/tasks/${task.id}/submit`, ta, { idempotency_key: "k", ratings: [], pad: "x".repeat(5_100_000) });
    expect([over.status, await over.text()]).toEqual([413, "Request larger than the limit of 1000000 bytes"]);
    expect(fellThrough).toEqual([]);
  });

  it("leaves other methods and paths to Remix", async () => {
    fellThrough.length = 0;
    await fetch(`${base}/api/tasks/1/submit`);
    await post("/api/tasks/abc/submit", null);
    await post("/api/tasks/1/skip", null);
    await post("/api/projects/a/b/tasks/next", null);
    await post("/api/tasks/1/submitx", null);
    expect(fellThrough).toEqual([
      "GET /api/tasks/1/submit",
      "POST /api/tasks/abc/submit",
      "POST /api/tasks/1/skip",
      "POST /api/projects/a/b/tasks/next",
      "POST /api/tasks/1/submitx",
    ]);
  });
});
