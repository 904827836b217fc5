import { data } from "@remix-run/node";
import { AppError } from "./errors";

/** Turns an AppError into the Response a loader/action throws; anything else is rethrown. */
export function toHttp(e: unknown): never {
  if (e instanceof AppError) {
    throw data({ error: e.message, field: e.field ?? null }, { status: e.status });
  }
  throw e;
}

export function jsonError(status: number, error: string, field?: string) {
  return Response.json(field ? { error, field } : { error }, { status });
}

/** For API routes: AppError → JSON error response. */
export async function apiHandler(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) return jsonError(e.status, e.message, e.field);
    if (e instanceof Response) {
      if (e.status === 401 || e.status === 403 || e.status === 404) {
        return jsonError(e.status, e.status === 401 ? "Unauthorized" : e.status === 403 ? "Forbidden" : "Not found");
      }
      return e;
    }
    throw e;
  }
}

/** Marks an answer an API action hands over unwrapped (a global symbol: server/hot-api.ts runs its
 *  own copy of the app's modules next to the Remix build). */
export const RAW_ANSWER = Symbol.for("rolecall.rawAnswer");
export type RawAnswer = { [RAW_ANSWER]: true; status: number; body: string; headers: Record<string, string> };

/** A JSON answer of a task API action. The hot path (server/hot-api.ts) asks for it unwrapped with
 *  `{ rawAnswers: true }` in the load context and writes it to Node's response itself: building an
 *  undici Response and reading its body back cost about a fifth of the server's CPU per claim. Remix
 *  gets the Response. */
export function apiJson(context: unknown, json: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const status = init.status ?? 200;
  if ((context as { rawAnswers?: boolean } | undefined)?.rawAnswers) {
    const raw: RawAnswer = {
      [RAW_ANSWER]: true,
      status,
      body: json === undefined ? "" : JSON.stringify(json),
      headers: init.headers ?? {},
    };
    return raw as unknown as Response;
  }
  return json === undefined
    ? new Response(null, { status, headers: init.headers })
    : Response.json(json, { status, headers: init.headers });
}
