// The task API for a pairwise project (product.md §11), over HTTP: the task shape, a submit of
// preferences, refusals of bad choices, and skips as for scoring.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { action as next } from "~/routes/api.projects.$slug.tasks.next";
import { action as skip } from "~/routes/api.tasks.$id.skip";
import { action as submit } from "~/routes/api.tasks.$id.submit";
import { addMember } from "~/services/projects.server";
import { createApiToken } from "~/services/tokens.server";
import { makeUser } from "../seeds/factories";
import { makeQueueProject } from "../seeds/queue-factory";
import { useTestDb } from "./db";

const t = useTestDb();

function call(fn: typeof next, path: string, token: string, body: unknown, params: Record<string, string>) {
  const request = new Request(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return fn({ request, params, context: {} }) as Promise<Response>;
}

describe("task API of a pairwise project", () => {
  it("hands out two anonymous replies, takes a/tie/b once per key, refuses anything else, and skips", async () => {
    const q = await makeQueueProject(t.db, { dialogues: 3, models: 3, annotators: 0, k: 1, pairs: { design: "all" } });
    const user = await makeUser(t.db);
    await addMember(t.db, q.project.id, user.email, "annotator");
    const token = (await createApiToken(t.db, { userId: user.id })).token;
    const slug = q.project.slug;
    const claim = async () => {
      const res = await call(next, `/api/projects/${slug}/tasks/next`, token, undefined, { slug });
      expect(res.status).toBe(200);
      return (await res.json()).task;
    };

    const task = await claim();
    expect(Object.keys(task).sort()).toEqual(["a", "b", "dialogue_id", "id", "kind", "lease_expires_at", "units"]);
    expect(task.kind).toBe("pairwise");
    expect(Object.keys(task.a)).toEqual(["response_text"]);
    expect(Object.keys(task.units[0]).sort()).toEqual(["metric", "unit_id"]);
    const send = (body: unknown) => call(submit, `/api/tasks/${task.id}/submit`, token, body, { id: String(task.id) });

    const bad = await send({ idempotency_key: "pair-key-0001", preferences: [{ unit_id: task.units[0].unit_id, choice: "left" }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('preferences[0].choice must be "a", "b" or "tie"');
    const scores = await send({
      idempotency_key: "pair-key-0002",
      ratings: task.units.map((u: { unit_id: number }) => ({ unit_id: u.unit_id, score: 3 })),
    });
    expect(scores.status).toBe(400);

    const body = {
      idempotency_key: "pair-key-0003",
      preferences: task.units.map((u: { unit_id: number }) => ({ unit_id: u.unit_id, choice: "b" })),
    };
    const first = await send(body);
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer).toEqual({ accepted: task.units.length, late: false });
    expect(await (await send(body)).json()).toEqual(answer);
    // "b" is the side shown right: the comparison's b unless the task was swapped
    const stored = await queryRows<{ score: number; swapped: boolean }>(
      t.db,
      sql`select r.score, tk.swapped from ratings r join tasks tk on tk.id = r.task_id where r.task_id = ${task.id}`,
    );
    expect(stored).toHaveLength(task.units.length);
    for (const r of stored) expect(r.score).toBe(r.swapped ? 1 : 3);

    const second = await claim();
    const skipped = await call(
      skip,
      `/api/tasks/${second.id}/skip`,
      token,
      { reason: "both replies are cut off" },
      { id: String(second.id) },
    );
    expect(skipped.status).toBe(200);
    const third = await claim();
    expect(third.id).not.toBe(second.id);
  });
});
