import { getAuth, requireUser } from "~/auth/session.server";
import { badRequest } from "./errors";

/** Reads a JSON body (bounded), or a 400 naming the problem. */
export async function readJson(request: Request, maxBytes = 1_000_000): Promise<unknown> {
  return parseJson(await request.text(), maxBytes);
}

/** A body already read, as readJson takes it. */
export function parseJson(text: string, maxBytes = 1_000_000): unknown {
  if (text.length > maxBytes) throw badRequest("The body is too large", "body");
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The body is not valid JSON", "body");
  }
}

/** The signed-in user and, for a project-scoped API token, its project. */
export async function apiUser(request: Request) {
  const user = await requireUser(request);
  const auth = await getAuth(request);
  return { user, tokenProjectId: auth?.tokenProjectId ?? null };
}
