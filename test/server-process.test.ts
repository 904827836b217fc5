// Issue 16, hole 3: one import request used to take the whole server down (a 400, then an unhandled
// 'error' of a read stream whose file had been removed). Against the real production server process:
// the bodies that did it, and an upload cut off halfway, then the server is used again. Nothing may
// reach the last line of defence either (server/failure.ts logs "Unexpected …"): the route closes its
// own files.
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startServer, stopServers, type ServerProcess } from "./support/server-process";

let server: ServerProcess;
let cookie = "";
beforeAll(async () => {
  server = await startServer({ port: 3231, seed: true });
  cookie = await signIn(server);
});
afterAll(stopServers);

const file = (text: string) => new Blob([text], { type: "application/octet-stream" });

function importForm(fields: Record<string, string>, files: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, v] of Object.entries(files)) form.append(k, file(v), `${k}.jsonl`);
  return form;
}

const postImport = (form: FormData) =>
  fetch(`${server.url}/projects/${server.fixture!.slug}/import/run`, { method: "POST", headers: { Cookie: cookie }, body: form });

/** The server answers a page that reads the database, and has logged nothing unexpected. */
async function stillServing() {
  await sleep(300); // the crash came just after the answer, when the stream tried to open its file
  expect(server.alive(), server.output()).toBe(true);
  const home = await fetch(`${server.url}/`, { headers: { Cookie: cookie } });
  expect(home.status).toBe(200);
  await home.text();
  expect(server.output()).not.toMatch(/Unexpected|ENOENT/);
}

const ceFiles = { dialogues: '{"id": 1}\n', profiles: "{}", responses_0: "[]", responses_1: "[]" };

describe("an import request that the route refuses", () => {
  it("a model name that fails validation: 400, and the server goes on", async () => {
    const res = await postImport(importForm({ mode: "charactereval", intent: "validate", model_0: "bad<name", model_1: "fine" }, ceFiles));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/bad<name/);
    await stillServing();
  });

  it("a responses file without its model name: 400 naming the field, and the server goes on", async () => {
    const res = await postImport(importForm({ mode: "charactereval", intent: "validate", model_0: "m0" }, ceFiles));
    expect([res.status, await res.json()]).toEqual([
      400,
      {
        ok: false,
        error: "Name the model of responses_1.jsonl.",
        field: "model_1",
        message: { key: "errors.modelOfFile", params: { file: "responses_1.jsonl" } },
      },
    ]);
    await stillServing();
  });

  it("ten of them at once", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postImport(importForm({ mode: "charactereval", intent: "validate", model_0: i % 2 ? "bad<name" : "m0" }, ceFiles)).then(
          (r) => r.status,
        ),
      ),
    );
    expect(answers).toEqual(Array(10).fill(400));
    await stillServing();
  });

  it("an upload cut off halfway by the client", async () => {
    const boundary = "----rolecall-cut-off";
    const req = http.request(`${server.url}/projects/${server.fixture!.slug}/import/run`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": "10000000" },
    });
    req.on("error", () => {});
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="dialogues"; filename="d.jsonl"\r\n\r\n`);
    req.write(Buffer.alloc(256 * 1024, "x"));
    await sleep(300);
    req.destroy();
    await stillServing();
  });

  it("and a good file is still imported (validated) afterwards", async () => {
    const res = await postImport(
      importForm(
        { mode: "generic", intent: "validate" },
        {
          g_dialogues: '{"id": "d1", "role": "Ann", "context": "Bob：你好", "novel_name": "N"}\n',
          g_responses: '{"dialogue_id": "d1", "model": "m1", "text": "你好"}\n',
        },
      ),
    );
    const body = (await res.json()) as { ok: boolean; summary?: { dry_run: boolean } };
    expect([res.status, body.ok, body.summary?.dry_run], JSON.stringify(body)).toEqual([200, true, true]);
    await stillServing();
  });
});
