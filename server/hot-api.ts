// The task API's hot endpoints (claim, submit, heartbeat), sent straight to their Remix route modules.
// Remix's handler matches every request against all ~45 routes, twice (flattening and ranking them
// each time), and streams even a 300-byte JSON answer; for a claim or a submit that was about a quarter
// of the server's CPU. Here Express matches the three paths and calls the same route module's action
// with the same Request: same guards, same services, same responses. Everything else goes to Remix.
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import type express from "express";

type Hot = { path: RegExp; route: string; params: (m: RegExpExecArray) => Record<string, string> };

const HOT: Hot[] = [
  { path: /^\/api\/projects\/([^/]+)\/tasks\/next$/, route: "routes/api.projects.$slug.tasks.next", params: (m) => ({ slug: decodeURIComponent(m[1]) }) },
  { path: /^\/api\/tasks\/(\d+)\/submit$/, route: "routes/api.tasks.$id.submit", params: (m) => ({ id: m[1] }) },
  { path: /^\/api\/tasks\/(\d+)\/heartbeat$/, route: "routes/api.tasks.$id.heartbeat", params: (m) => ({ id: m[1] }) },
];

const MAX_BODY = 1_000_000;

/** The Fetch Request the action expects, built from a body read whole (these bodies are small JSON):
 *  the adapter's createRemixRequest wraps the body in streams and an AbortController, which cost more
 *  than the rest of a claim's work in Node. Too large a body → null (413). */
async function toRequest(req: express.Request): Promise<Request | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
  return new Request(url, { method: req.method, headers, body: size ? Buffer.concat(chunks) : undefined });
}

/** Small JSON answers: headers and body in one write. */
async function send(res: express.Response, response: Response) {
  const body = response.body ? await response.text() : "";
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.status(response.status).end(body);
}

export function hotApi(build: ServerBuild, getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext): express.RequestHandler {
  return async (req, res, next) => {
    if (req.method !== "POST") return next();
    let hit: { hot: Hot; m: RegExpExecArray } | null = null;
    for (const hot of HOT) {
      const m = hot.path.exec(req.path);
      if (m) {
        hit = { hot, m };
        break;
      }
    }
    const action = hit && build.routes[hit.hot.route]?.module.action;
    if (!hit || !action) return next();
    try {
      let params: Record<string, string>;
      try {
        params = hit.hot.params(hit.m);
      } catch {
        return next(); // a malformed escape: Remix answers it
      }
      const request = await toRequest(req);
      if (!request) {
        res.status(413).type("text/plain").end("Request body too large");
        return;
      }
      const result = await action({ request, params, context: getLoadContext(req, res) });
      await send(res, result instanceof Response ? result : Response.json(result));
    } catch (e) {
      if (e instanceof Response) await send(res, e);
      else next(e);
    }
  };
}
