// Issue 16, hole 4: the body limit was checked against Content-Length only, so a chunked body (no
// length) of 100 MB to /login was read and parsed whole (the server's memory went from 214 to 499 MB).
// Against the real production server process: chunked bodies past the limit to every kind of route get
// 413 while the client is still sending, the server stops reading (the client is cut off long before
// its body is out) and its memory stays put; bodies within the limits still work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendChunked } from "./support/chunked-client";
import { signIn, startServer, stopServers, type ServerProcess } from "./support/server-process";

const MB = 1024 * 1024;
let server: ServerProcess;
let cookie = "";
beforeAll(async () => {
  // uploads up to 2 MB here, to see the import's own limit without sending hundreds of MB
  server = await startServer({ port: 3232, seed: true, env: { UPLOAD_LIMIT_MB: "2", FORM_LIMIT_KB: "64" } });
  cookie = await signIn(server);
});
afterAll(stopServers);

const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("a chunked body past the limit", () => {
  it("to /login (no sign-in needed): 413, the reading stopped, the memory stayed put", async () => {
    const before = server.rss();
    const out = await sendChunked(`${server.url}/login`, { total: 100 * MB, headers: form, prefix: "email=a%40b.c&password=" });
    expect([out.status, out.body]).toEqual([413, `Request larger than the limit of ${64 * 1024} bytes`]);
    // what the client got out before the cut went into socket buffers, not into the server
    expect(out.sent).toBeLessThan(24 * MB);
    expect(server.rss() - before).toBeLessThan(48 * MB);
  });

  it("to a signed-in form (settings) and to the JSON task API (the hot path): 413 each", async () => {
    const settings = await sendChunked(`${server.url}/settings`, { total: 100 * MB, headers: { ...form, Cookie: cookie } });
    expect(settings.status).toBe(413);
    expect(settings.sent).toBeLessThan(24 * MB);
    const submit = await sendChunked(`${server.url}/api/tasks/1/submit`, {
      total: 100 * MB,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${server.fixture!.token}` },
    });
    expect(submit.status).toBe(413);
    expect(submit.sent).toBeLessThan(24 * MB);
  });

  it("to the import upload: 413 at UPLOAD_LIMIT_MB, not before", async () => {
    const url = `${server.url}/projects/${server.fixture!.slug}/import/run`;
    const boundary = "----rolecall-limit";
    const headers = { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` };
    const prefix = `--${boundary}\r\nContent-Disposition: form-data; name="dialogues"; filename="d.jsonl"\r\n\r\n`;
    const over = await sendChunked(url, { total: 100 * MB, headers, prefix });
    expect([over.status, over.body]).toEqual([413, `Request larger than the limit of ${2 * MB} bytes`]);
    expect(over.sent).toBeLessThan(24 * MB);
    // 1.5 MB (more than the forms' 64 KB) is read: a broken multipart body, refused by the route
    const within = await sendChunked(url, { total: 1.5 * MB, headers, prefix });
    expect([within.status, within.error]).toEqual([400, null]);
  });

  it("leaves the server serving, with nothing unexpected logged", async () => {
    expect(server.alive()).toBe(true);
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: server.fixture!.email, password: server.fixture!.password }),
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(server.output()).not.toMatch(/Unexpected|BodyTooLarge|Error:/);
  });
});
