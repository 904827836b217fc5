// Requests as a browser would send them to a route's loader or action: a session cookie, a multipart form
// body (files too), and the answer whether the route returned or threw it (test/route-call.ts).
import { answerOf, BASE, sessionCookie, type RouteFn } from "./route-call";

export { BASE, sessionCookie };

export function formRequest(path: string, fields: Record<string, string | Blob>, cookie?: string | null) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(BASE + path, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
}

export function getRequest(path: string, cookie?: string | null) {
  return new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {} });
}

/** Calls a loader or action with a request made here. */
export function callRoute(fn: RouteFn, request: Request, params: Record<string, string>): Promise<Response> {
  return answerOf(fn, request, params);
}
