// A fake OpenAI-compatible /v1/chat/completions server for the judge runner's tests: node:http on a
// free port of the loopback interface, a behaviour per request, and counters (requests, requests per
// prompt, the most requests in flight at once). Nothing leaves the machine.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeRequest = { prompt: string; model: string; authorization: string | undefined; attempt: number };
export type FakeAnswer =
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number }; delayMs?: number }
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

export async function startFakeJudge(behave: (r: FakeRequest) => FakeAnswer) {
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0, perPrompt: new Map<string, number>() };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      stats.requests++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { model: string; messages: { content: string }[] };
        const prompt = body.messages.map((m) => m.content).join("\n");
        const attempt = (stats.perPrompt.get(prompt) ?? 0) + 1;
        stats.perPrompt.set(prompt, attempt);
        const answer = behave({ prompt, model: body.model, authorization: req.headers.authorization, attempt });
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
        if ("content" in answer) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              id: "chatcmpl-fake",
              object: "chat.completion",
              choices: [{ index: 0, message: { role: "assistant", content: answer.content }, finish_reason: "stop" }],
              ...(answer.usage
                ? { usage: { ...answer.usage, total_tokens: answer.usage.prompt_tokens + answer.usage.completion_tokens } }
                : {}),
            }),
          );
        } else {
          res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
          res.end(answer.body ?? JSON.stringify({ error: { message: `fake ${answer.status}` } }));
        }
      } catch {
        if (!res.headersSent) res.writeHead(400);
        res.end();
      } finally {
        stats.inFlight--;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
