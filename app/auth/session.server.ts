import { redirect } from "@remix-run/node";
import { getLucia, SESSION_COOKIE, ABSOLUTE_LIFETIME_MS } from "./lucia.server";
import { hashToken, loadEnv, randomToken } from "~/lib/env.server";
import { authenticateApiToken, bearerToken } from "./api-token.server";

export type CurrentUser = { id: string; email: string; name: string; isAdmin: boolean; locale: string | null };
type Auth = { user: CurrentUser; sessionId: string | null; tokenProjectId: number | null; setCookie: string | null };

/** Secure cookies in production, except on a plain-http loopback demo, where browsers refuse them. */
function secureCookie(request: Request) {
  const env = loadEnv();
  if (!env.production) return false;
  const url = new URL(env.origin ?? request.url);
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  return !(url.protocol === "http:" && loopback);
}

function serialize(request: Request, value: string, maxAge: number | null) {
  const parts = [`${SESSION_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (maxAge !== null) parts.push(`Max-Age=${maxAge}`);
  if (secureCookie(request)) parts.push("Secure");
  return parts.join("; ");
}

function readCookie(request: Request) {
  const header = request.headers.get("Cookie") ?? "";
  const m = header.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`));
  return m ? m[1] : null;
}

/** The cookie holds a random token; the sessions table holds only its keyed hash (as API tokens are), so a
 *  leaked table row is not a cookie. Anything not shaped like our token is refused without a lookup. */
function sessionIdOf(token: string | null): string | null {
  return token !== null && /^[A-Za-z0-9_-]{43}$/.test(token) ? hashToken(token) : null;
}

/** API tokens are for the task, report and export API only: account pages and actions (settings, which
 *  mints tokens; the home page, which lists every project) need a browser session, whatever the token's
 *  scope. Deciding it here, by path, keeps every page route closed to tokens without a check per route. */
const isApiPath = (request: Request) => new URL(request.url).pathname.startsWith("/api/");

const authCache = new WeakMap<Request, Promise<Auth | null>>();

async function authenticate(request: Request): Promise<Auth | null> {
  const bearer = bearerToken(request);
  if (bearer) {
    if (!isApiPath(request)) return null;
    const t = await authenticateApiToken(bearer);
    return t ? { user: t.user, sessionId: null, tokenProjectId: t.projectId, setCookie: null } : null;
  }
  const token = readCookie(request);
  const id = sessionIdOf(token);
  if (!token || !id) return null;
  const lucia = await getLucia();
  const { session, user } = await lucia.validateSession(id);
  if (!session || !user || user.disabledAt) return null;
  if (Date.now() - session.createdAt.getTime() > ABSOLUTE_LIFETIME_MS) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  const setCookie = session.fresh ? serialize(request, token, null) : null;
  return {
    user: { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, locale: user.locale },
    sessionId: session.id,
    tokenProjectId: null,
    setCookie,
  };
}

export function getAuth(request: Request) {
  let p = authCache.get(request);
  if (!p) {
    p = authenticate(request);
    authCache.set(request, p);
  }
  return p;
}

export async function getUser(request: Request) {
  return (await getAuth(request))?.user ?? null;
}

/** For pages: no user → to the sign-in page; for API routes (Bearer or /api/) → 401. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const auth = await getAuth(request);
  if (auth) return auth.user;
  const url = new URL(request.url);
  if (url.pathname.startsWith("/api/") || request.headers.has("Authorization")) {
    throw Response.json({ error: "Unauthorized" }, { status: 401 });
  }
  throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}

export async function startSession(request: Request, userId: string) {
  const lucia = await getLucia();
  const token = randomToken(32);
  await lucia.createSession(userId, { createdAt: new Date() }, { sessionId: hashToken(token) });
  return serialize(request, token, null);
}

export async function endSession(request: Request) {
  const id = sessionIdOf(readCookie(request));
  if (id) await (await getLucia()).invalidateSession(id);
  return serialize(request, "", 0);
}

export async function endAllSessions(userId: string) {
  await (await getLucia()).invalidateUserSessions(userId);
}
