// One judge request to an OpenAI-compatible /v1/chat/completions endpoint, with a timeout per attempt
// and retries with backoff on 429/5xx/network errors (Retry-After honoured). The key goes only into the
// Authorization header: nothing this module returns (errors, raw text) ever contains a response body of
// a refused request, which is where endpoints echo (parts of) keys.
import { Agent, request } from "undici";
import { backoffMs, isRetryableStatus, parseRetryAfter } from "~/domain/judge/backoff";
import { invalid } from "~/lib/errors";

// undici's request with a keep-alive pool: on this machine about four times the throughput of the global
// fetch (bench/judge-runner.ts), which made the client, not the endpoint, the bottleneck. Redirects are
// not followed (undici's default), so an allowed endpoint cannot forward the key elsewhere.
const agent = new Agent({ keepAliveTimeout: 30_000, connections: null });

export type ChatMessage = { role: "system" | "user"; content: string };

export type RequestPolicy = { timeoutMs: number; maxAttempts: number; backoffBaseMs: number; backoffCapMs: number };
export const DEFAULT_POLICY: RequestPolicy = { timeoutMs: 60_000, maxAttempts: 5, backoffBaseMs: 1000, backoffCapMs: 30_000 };

export type JudgeReply =
  | { kind: "reply"; content: string; promptTokens: number; completionTokens: number; attempts: number }
  /** the unit failed (retries used up, or a reply without text); the run goes on */
  | { kind: "failed"; error: string; raw: string | null; attempts: number }
  /** the endpoint refuses every request (wrong key, URL or model): the run stops */
  | { kind: "fatal"; error: string }
  | { kind: "aborted" };

/** The chat-completions URL of what a person typed: a base ("http://h:8000", ".../v1") or the full path. */
export function completionsUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    throw invalid("judgeRuns.errors.endpoint", undefined, "endpoint");
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) {
    throw invalid("judgeRuns.errors.endpoint", undefined, "endpoint");
  }
  url.search = "";
  url.hash = "";
  const path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith("/chat/completions")) url.pathname = path;
  else if (path.endsWith("/v1")) url.pathname = `${path}/chat/completions`;
  else url.pathname = `${path}/v1/chat/completions`;
  return url.toString();
}

export function requestBody(model: string, messages: ChatMessage[]) {
  return { model, messages, temperature: 0, stream: false };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

type Usage = { prompt_tokens?: unknown; completion_tokens?: unknown };
const tokens = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0);

function contentOf(body: unknown): string | null {
  const choice = (body as { choices?: { message?: { content?: unknown }; text?: unknown }[] })?.choices?.[0];
  const content = choice?.message?.content ?? choice?.text;
  return typeof content === "string" ? content : null;
}

/** Sends one prompt; `signal` aborts the run (cancel), each attempt also has its own timeout. */
export async function askJudge(
  url: string,
  model: string,
  messages: ChatMessage[],
  opts: { apiKey?: string; policy: RequestPolicy; signal: AbortSignal },
): Promise<JudgeReply> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
  const payload = JSON.stringify(requestBody(model, messages));
  let lastError = "";
  for (let attempt = 1; attempt <= opts.policy.maxAttempts; attempt++) {
    if (opts.signal.aborted) return { kind: "aborted" };
    let wait: number | null = null;
    // one controller per attempt, aborted by its timer or by the run; AbortSignal.any over the run's
    // long-lived signal keeps every attempt's signal alive on Node 20 (slow and growing memory)
    const attemptAbort = new AbortController();
    const timer = setTimeout(() => attemptAbort.abort(new DOMException("timeout", "TimeoutError")), opts.policy.timeoutMs);
    const onRunAbort = () => attemptAbort.abort(opts.signal.reason);
    opts.signal.addEventListener("abort", onRunAbort, { once: true });
    try {
      const res = await request(url, { method: "POST", headers, body: payload, signal: attemptAbort.signal, dispatcher: agent });
      if (res.statusCode >= 200 && res.statusCode < 300) {
        const text = await res.body.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          return { kind: "failed", error: "the reply is not JSON", raw: text.slice(0, 10_000), attempts: attempt };
        }
        const content = contentOf(body);
        if (content === null) {
          return { kind: "failed", error: "the reply has no choices[0].message.content", raw: text.slice(0, 10_000), attempts: attempt };
        }
        const usage = ((body as { usage?: Usage }).usage ?? {}) as Usage;
        return {
          kind: "reply",
          content,
          promptTokens: tokens(usage.prompt_tokens),
          completionTokens: tokens(usage.completion_tokens),
          attempts: attempt,
        };
      }
      await res.body.dump().catch(() => {});
      const status = res.statusCode;
      if (status === 401 || status === 403) return { kind: "fatal", error: `the endpoint refused the key (HTTP ${status})` };
      if (status === 404) return { kind: "fatal", error: "the endpoint answered HTTP 404: check the URL and the model name" };
      lastError = `HTTP ${status}`;
      if (!isRetryableStatus(status)) return { kind: "failed", error: lastError, raw: null, attempts: attempt };
      const retryAfter = res.headers["retry-after"];
      wait = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, Date.now());
    } catch (e) {
      if (opts.signal.aborted) return { kind: "aborted" };
      const err = e as Error & { code?: string; cause?: { code?: string } };
      const timedOut = attemptAbort.signal.aborted && (attemptAbort.signal.reason as Error)?.name === "TimeoutError";
      lastError = timedOut ? `timeout after ${opts.policy.timeoutMs} ms` : `network error: ${err.code ?? err.cause?.code ?? err.name}`;
    } finally {
      clearTimeout(timer);
      opts.signal.removeEventListener("abort", onRunAbort);
    }
    if (attempt < opts.policy.maxAttempts) {
      await sleep(wait ?? backoffMs(attempt, opts.policy.backoffBaseMs, opts.policy.backoffCapMs), opts.signal);
    }
  }
  return {
    kind: "failed",
    error: `${lastError} (after ${opts.policy.maxAttempts} attempts)`,
    raw: null,
    attempts: opts.policy.maxAttempts,
  };
}
