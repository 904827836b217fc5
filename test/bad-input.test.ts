// Issue 16, hole 8: numbers out of the range of the column they go to, and text with a NUL character,
// reached the database and came back as 500s. Now each is a 400 naming the field, on both ways a submit
// arrives (Remix's route and the hot path, server/hot-api.ts, which calls the same action and so the
// same parseSubmission). CR/LF in the sign-in's `next`: test/redirect.test.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import * as nextRoute from "~/routes/api.projects.$slug.tasks.next";
import { action as flagAction } from "~/routes/api.tasks.$id.flag";
import { action as skipAction } from "~/routes/api.tasks.$id.skip";
import * as submitRoute from "~/routes/api.tasks.$id.submit";
import { loader as dialogues } from "~/routes/projects.$slug.dialogues._index";
import { action as settingsAction } from "~/routes/settings";
import { addMember } from "~/services/projects.server";
import { createApiToken } from "~/services/tokens.server";
import { makeUser } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { hotApi } from "../server/hot-api";
import { useTestDb } from "./db";
import { callRoute, sessionCookie } from "./route-call";

const t = useTestDb();

let hotBase = "";
let close = () => {};
beforeAll(async () => {
  const build = { routes: { "routes/api.tasks.$id.submit": { module: submitRoute } } } as unknown as ServerBuild;
  const hot = hotApi(build, { origin: null, uploadLimitBytes: 5_000_000, formLimitBytes: 1_000_000 } as Parameters<typeof hotApi>[1]);
  const server = http.createServer((req, res) => {
    if (!hot(req, res)) res.writeHead(599).end();
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  hotBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

async function claimedTask() {
  const q = await makeQueueProject(t.db, { dialogues: 2, models: 1, annotators: 0, k: 2 });
  const a = await makeUser(t.db);
  await addMember(t.db, q.project.id, a.email, "annotator");
  const { token } = await createApiToken(t.db, { userId: a.id });
  const claimed = await callRoute(nextRoute.action, "/api/x", { method: "POST", token, params: { slug: q.project.slug } });
  const { task } = (await claimed.json()) as { task: { id: number; units: { unit_id: number }[] } };
  return { q, a, token, task };
}

const ratingsOf = async (taskId: number) =>
  Number((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ratings where task_id = ${taskId}`))[0].n);

describe("numbers out of range are a 400 naming the field", () => {
  it.each([2147483648, -2147483649, 1e308])("a score of %d on submit, through Remix's route and the hot path", async (score) => {
    const { token, task } = await claimedTask();
    const body = { idempotency_key: `big-score-${score}`, ratings: [{ unit_id: task.units[0].unit_id, score }] };
    const viaRemix = await callRoute(submitRoute.action, `/api/tasks/${task.id}/submit`, {
      token,
      json: body,
      params: { id: String(task.id) },
    });
    expect(viaRemix.status).toBe(400);
    expect(await viaRemix.json()).toMatchObject({ field: "ratings[0].score" });
    const viaHot = await fetch(`${hotBase}/api/tasks/${task.id}/submit`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ...body, idempotency_key: `${body.idempotency_key}-hot` }),
    });
    expect(viaHot.status).toBe(400);
    expect(await viaHot.json()).toMatchObject({ field: "ratings[0].score" });
    expect(await ratingsOf(task.id)).toBe(0);
  });

  it("?character=1e309 (and other non-ids) on the dialogue list", async () => {
    const { q } = await claimedTask();
    const manager = await makeUser(t.db);
    await addMember(t.db, q.project.id, manager.email, "manager");
    const cookie = await sessionCookie(manager.id);
    const params = { slug: q.project.slug };
    for (const character of ["1e309", "2147483648", "-1", "1.5", "abc"]) {
      const res = await callRoute(dialogues, `/projects/${q.project.slug}/dialogues?character=${character}`, { cookie, params });
      expect(res.status, character).toBe(400);
      expect(await res.json()).toMatchObject({ field: "character" });
    }
    expect((await callRoute(dialogues, `/projects/${q.project.slug}/dialogues?page=1e309`, { cookie, params })).status).toBe(400);
    expect((await callRoute(dialogues, `/projects/${q.project.slug}/dialogues?character=`, { cookie, params })).status).toBe(200);
  });

  it("token ids and project ids on the settings page", async () => {
    const u = await makeUser(t.db);
    const cookie = await sessionCookie(u.id);
    for (const [intent, field] of [
      ["revoke-token", "tokenId"],
      ["create-token", "projectId"],
    ]) {
      for (const value of ["2147483648", "1e309", "NaN"]) {
        const res = await callRoute(settingsAction, "/settings", { cookie, form: { intent, [field]: value } });
        expect(res.status, `${intent} ${value}`).toBe(400);
        // a refused form names the field its keyed message belongs to (docs/decisions/012)
        expect((await res.json()).error).toMatchObject({ [field]: [{ key: "errors.wholeNumber" }] });
      }
    }
  });
});

describe("text PostgreSQL cannot store is a 400 naming the field", () => {
  it("a NUL character in a submit's comment or key, a skip's reason, a flag's note", async () => {
    const { token, task } = await claimedTask();
    const params = { id: String(task.id) };
    const unit = task.units[0].unit_id;
    const comment = await callRoute(submitRoute.action, "/api/x", {
      token,
      params,
      json: { idempotency_key: "nul-comment-1", ratings: [{ unit_id: unit, score: 3, comment: "a\u0000b" }] },
    });
    expect([comment.status, await comment.json()]).toMatchObject([400, { field: "ratings[0].comment" }]);
    const key = await callRoute(submitRoute.action, "/api/x", {
      token,
      params,
      json: { idempotency_key: "nul-key-\u0000", ratings: [{ unit_id: unit, score: 3 }] },
    });
    expect([key.status, await key.json()]).toMatchObject([400, { field: "idempotency_key" }]);
    const skip = await callRoute(skipAction, "/api/x", { token, params, json: { reason: "bad\u0000" } });
    expect([skip.status, await skip.json()]).toMatchObject([400, { field: "reason" }]);
    const flag = await callRoute(flagAction, "/api/x", { token, params, json: { note: "bad\u0000" } });
    expect([flag.status, await flag.json()]).toMatchObject([400, { field: "note" }]);
    expect(await ratingsOf(task.id)).toBe(0);
  });

  it("a NUL character in a form field is dropped (a token's name)", async () => {
    const u = await makeUser(t.db);
    const cookie = await sessionCookie(u.id);
    const res = await callRoute(settingsAction, "/settings", { cookie, form: { intent: "create-token", name: "ci\u0000bot" } });
    expect(res.status).toBe(200);
    const [row] = await queryRows<{ name: string }>(t.db, sql`select name from api_tokens where user_id = ${u.id}`);
    expect(row.name).toBe("cibot");
  });
});
