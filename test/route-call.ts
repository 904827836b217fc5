// A route's loader or action called as the server calls it: a real Request (cookie, token, form or JSON
// body, forwarded headers) and a load context (the socket's peer address), and its answer as a Response
// whether the route returned it, returned data, or threw it.
import { startSession } from "~/auth/session.server";

export const BASE = "http://127.0.0.1:3000";

export type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

export type Call = {
  method?: string;
  form?: Record<string, string>;
  json?: unknown;
  cookie?: string | null;
  token?: string | null;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  context?: Record<string, unknown>;
};

export function routeRequest(path: string, c: Call = {}): Request {
  const headers = new Headers(c.headers);
  if (c.cookie) headers.set("Cookie", c.cookie);
  if (c.token) headers.set("Authorization", `Bearer ${c.token}`);
  let body: BodyInit | undefined;
  if (c.form) body = new URLSearchParams(c.form);
  else if (c.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = typeof c.json === "string" ? c.json : JSON.stringify(c.json);
  }
  return new Request(BASE + path, { method: c.method ?? (body ? "POST" : "GET"), headers, body });
}

/** The answer of `fn` to a request for `path`. */
export function callRoute(fn: RouteFn, path: string, c: Call = {}): Promise<Response> {
  return answerOf(fn, routeRequest(path, c), c.params ?? {}, c.context ?? {});
}

/** What `fn` answers to `request`, as a Response whether it returned one, returned data, or threw it. */
export async function answerOf(fn: RouteFn, request: Request, params: Record<string, string>, context: Record<string, unknown> = {}) {
  try {
    const out = await fn({ request, params, context });
    if (out instanceof Response) return out;
    if (out && typeof out === "object" && (out as { type?: unknown }).type === "DataWithResponseInit") {
      const d = out as unknown as { data: unknown; init: ResponseInit | null };
      return Response.json(d.data, d.init ?? undefined);
    }
    return Response.json(out ?? null);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** The Cookie header of a fresh session of this user. */
export async function sessionCookie(userId: string) {
  return (await startSession(new Request(`${BASE}/login`), userId)).split(";")[0];
}
