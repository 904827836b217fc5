import type { ActionFunctionArgs } from "@remix-run/node";
import { type Db, getDb } from "#db/client";
import { apiTokenHash, authenticateTokenHash, bearerToken } from "~/auth/api-token.server";
import { apiUser, parseJson } from "~/lib/api.server";
import { apiHandler, apiJson, jsonError } from "~/lib/http.server";
import { afterSubmit } from "~/services/quality/after-submit.server";
import { parseSubmission, submitForToken, submitRatings } from "~/services/queue/submit.server";

/** POST /api/tasks/:id/submit { idempotency_key, ratings: [{ unit_id, score, comment? }], active_ms? } → { accepted, late }.
 *  Only the annotator's own task (inside the token's project) is found; everything else is a 404.
 *  With an API token and a well-formed body the token is resolved in the submit's own database call
 *  (submitForToken); otherwise the user is authenticated first, so a bad body from nobody is a 401. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const db = await getDb();
    const text = await request.text();
    const bearer = bearerToken(request);
    const hash = bearer ? apiTokenHash(bearer) : null;
    const input = hash ? wellFormed(text) : null;
    if (hash && input) {
      const result = await submitForToken(db, { tokenHash: hash, taskId: Number(params.id), authenticate: authenticateTokenHash }, input);
      return apiJson(context, await withGoldChecks(db, Number(params.id), input, result));
    }
    const { user, tokenProjectId } = await apiUser(request);
    const parsed = parseSubmission(parseJson(text));
    const result = await submitRatings(db, { taskId: Number(params.id), annotatorId: user.id, tokenProjectId }, parsed);
    return apiJson(context, await withGoldChecks(db, Number(params.id), parsed, result));
  });
}

/** Gold (product.md §9): the qualification and pause checks once the ratings are stored, and the
 *  references as `feedback` when the project shows them; nothing is added for a task without gold. */
async function withGoldChecks<T extends object>(db: Db, taskId: number, input: { ratings: { unit_id: number }[] }, result: T) {
  const feedback = await afterSubmit(
    db,
    taskId,
    input.ratings.map((r) => r.unit_id),
  ).catch((e) => {
    // the ratings are stored: a failed check must not turn the submit into an error the client retries
    console.error("gold checks after a submit failed", e);
    return null;
  });
  return feedback ? { ...result, feedback } : result;
}

function wellFormed(text: string) {
  try {
    return parseSubmission(parseJson(text));
  } catch {
    return null;
  }
}

export const loader = () => jsonError(405, "Use POST");
