// The task API's hot endpoints (claim, submit, heartbeat), sent straight to their Remix route modules.
// Remix's handler matches every request against all ~45 routes, twice (flattening and ranking them
// each time), and streams even a 300-byte JSON answer; for a claim or a submit that was about a quarter
// of the server's CPU. Express's own layers (its request and response prototypes, the query parser,
// the router, `req.protocol` parsing the peer's address) cost as much again. So these three paths are
// taken off Node's request event before Express sees them: the same edge checks (server/edge.ts),
// then the same route module's action with a light Request: same guards, same services, same answers,
// which come back unwrapped (apiJson) and are written in one go. Everything else goes to Express and
// Remix.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import type { RawAnswer } from "../app/lib/http.server";
import { answerUnavailable, databaseOutage } from "./database-outage";
import { bodyLimit, copyHeaders, passEdge, readBody, requestProtocol, type EdgeOptions } from "./edge";
import { failRequest } from "./failure";

type Hot = { path: RegExp; route: string; params: (m: RegExpExecArray) => Record<string, string> };

const HOT: Hot[] = [
  {
    path: /^\/api\/projects\/([^/]+)\/tasks\/next$/,
    route: "routes/api.projects.$slug.tasks.next",
    params: (m) => ({ slug: decodeURIComponent(m[1]) }),
  },
  { path: /^\/api\/tasks\/(\d+)\/submit$/, route: "routes/api.tasks.$id.submit", params: (m) => ({ id: m[1] }) },
  { path: /^\/api\/tasks\/(\d+)\/heartbeat$/, route: "routes/api.tasks.$id.heartbeat", params: (m) => ({ id: m[1] }) },
];

/** The Request the action reads, from a body read whole (these bodies are small JSON). A body over the
 *  limit → null (the edge has answered 413). The three hot actions read only method, url, headers.get/has and text(); undici's
 *  Request (URL and header validation, the body wrapped in a stream) cost more server CPU than the
 *  rest of a claim, so those members are served straight from Node's request (by classes: closures
 *  made per request cost more), and any other member (an action that one day reads more) builds the
 *  real Request on first use. */
async function toRequest(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Request | null> {
  const body = await readBody(req, res, limit);
  if (body === false) return null;
  const light = new LightRequest(req, `${requestProtocol(req)}://${req.headers.host ?? "localhost"}${req.url}`, body);
  return fallBack(light, () => light.real()) as unknown as Request;
}

class LightHeaders {
  constructor(private readonly req: IncomingMessage) {}
  get(name: string) {
    const v = this.req.headers[name.toLowerCase()];
    return v == null ? null : Array.isArray(v) ? v.join(", ") : v;
  }
  has(name: string) {
    return this.get(name) !== null;
  }
}

class LightRequest {
  readonly method: string;
  readonly headers: LightHeaders;
  // returned from an async function, the request is asked whether it is a thenable
  readonly then = undefined;
  private full: Request | undefined;
  constructor(
    private readonly req: IncomingMessage,
    readonly url: string,
    private readonly body: Buffer | null,
  ) {
    this.method = req.method ?? "GET";
    const headers = new LightHeaders(req);
    this.headers = fallBack(headers, () => this.real().headers);
  }
  async text() {
    return this.body ? this.body.toString("utf8") : "";
  }
  async json() {
    return JSON.parse(await this.text());
  }
  /** The real Request, made on first use. */
  real(): Request {
    if (!this.full) {
      const headers = new Headers();
      const raw = this.req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
      this.full = new Request(this.url, { method: this.method, headers, body: this.body ? new Uint8Array(this.body) : null });
    }
    return this.full;
  }
}

/** `light`, with every member it lacks read from `full()` (made on first use). */
function fallBack<T extends object>(light: T, full: () => object): T {
  return new Proxy(light, {
    get(target, prop) {
      if (prop in target) return Reflect.get(target, prop);
      const f = full();
      const v = Reflect.get(f, prop, f);
      return typeof v === "function" ? v.bind(f) : v;
    },
  });
}

// the value is not imported: this file and the Remix build each load their own copy of the app's modules
const RAW_ANSWER = Symbol.for("rolecall.rawAnswer");

/** Small JSON answers: headers and body in one write. A raw answer (apiJson) is written as it is. */
async function send(res: ServerResponse, response: Response | RawAnswer) {
  if (!(response instanceof Response)) {
    res.writeHead(response.status, {
      ...response.headers,
      ...(response.body ? { "Content-Type": "application/json" } : {}),
      "Content-Length": Buffer.byteLength(response.body),
    });
    res.end(response.body);
    return;
  }
  const body = response.body ? await response.text() : "";
  copyHeaders(res, response.headers);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.statusCode = response.status;
  res.end(body);
}

export type HotApi = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Takes the request if it is one of the hot three (answering it, errors included) and returns true;
 *  otherwise leaves it alone and returns false. */
export function hotApi(build: ServerBuild, edge: EdgeOptions, getLoadContext: () => AppLoadContext = () => ({})): HotApi {
  return (req, res) => {
    if (req.method !== "POST" || !req.url?.startsWith("/api/")) return false;
    const q = req.url.indexOf("?");
    const path = q < 0 ? req.url : req.url.slice(0, q);
    let hit: { hot: Hot; m: RegExpExecArray } | null = null;
    for (const hot of HOT) {
      const m = hot.path.exec(path);
      if (m) {
        hit = { hot, m };
        break;
      }
    }
    const action = hit && build.routes[hit.hot.route]?.module.action;
    if (!hit || !action) return false;
    let params: Record<string, string>;
    try {
      params = hit.hot.params(hit.m);
    } catch {
      return false; // a malformed escape: Remix answers it
    }
    if (!passEdge(req, res, edge)) return true;
    if (databaseOutage.down) answerUnavailable(req, res);
    else answer(req, res, action, params, bodyLimit(req.url, edge), getLoadContext).catch((e) => failRequest(e, req, res));
    return true;
  };
}

type Action = NonNullable<ServerBuild["routes"][string]["module"]["action"]>;

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  action: Action,
  params: Record<string, string>,
  limit: number,
  getLoadContext: () => AppLoadContext,
) {
  const request = await toRequest(req, res, limit);
  if (!request) return;
  const context = Object.assign(getLoadContext(), { rawAnswers: true });
  try {
    const result = await action({ request, params, context });
    await send(
      res,
      result instanceof Response
        ? result
        : result && typeof result === "object" && RAW_ANSWER in result
          ? (result as unknown as RawAnswer)
          : Response.json(result),
    );
  } catch (e) {
    if (e instanceof Response) await send(res, e);
    else throw e;
  }
}
