// Opaque annotator ids for per-annotator exports (docs/decisions/016): an HMAC of the project and the
// user id under the server secret. Stable across runs while the secret stays; no e-mail or name goes
// in, and without the secret an id cannot be traced back to a user, nor matched across projects.
import crypto from "node:crypto";
import { loadEnv } from "~/lib/env.server";

export function opaqueAnnotatorId(projectId: number, userId: string, secret = loadEnv().secret): string {
  const mac = crypto.createHmac("sha256", secret).update(`rolecall:annotator:${projectId}:${userId}`).digest("hex");
  return `ann-${mac.slice(0, 20)}`;
}

/** The same, remembered per user for one export. */
export function annotatorIds(projectId: number, secret = loadEnv().secret) {
  const known = new Map<string, string>();
  return (userId: string) => {
    let id = known.get(userId);
    if (id === undefined) known.set(userId, (id = opaqueAnnotatorId(projectId, userId, secret)));
    return id;
  };
}
