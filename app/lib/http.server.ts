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
