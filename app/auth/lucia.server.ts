// Every call into lucia stays in this folder: lucia v3 is deprecated upstream, and replacing it with
// own session code over the same tables must touch only app/auth/ (docs/decisions/002).
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { getDb } from "#db/client";
import { sessions, users } from "#db/schema";

export const SESSION_COOKIE = "rc_session";
/** lucia's sliding (idle) lifetime */
export const IDLE_LIFETIME = new TimeSpan(12, "h");
/** our absolute lifetime: a session older than this ends however active it is */
export const ABSOLUTE_LIFETIME_MS = 7 * 24 * 3600 * 1000;

function createLucia(db: Awaited<ReturnType<typeof getDb>>) {
  const adapter = new DrizzlePostgreSQLAdapter(db, sessions, users);
  return new Lucia(adapter, {
    sessionExpiresIn: IDLE_LIFETIME,
    sessionCookie: {
      name: SESSION_COOKIE,
      expires: false,
      attributes: { sameSite: "lax", secure: false, path: "/" },
    },
    getUserAttributes: (a) => ({ email: a.email, name: a.name, isAdmin: a.isAdmin, locale: a.locale, disabledAt: a.disabledAt }),
    getSessionAttributes: (a) => ({ createdAt: a.createdAt }),
  });
}

type AppLucia = ReturnType<typeof createLucia>;
let instance: Promise<AppLucia> | null = null;

export function getLucia(): Promise<AppLucia> {
  instance ??= getDb().then(createLucia);
  return instance;
}

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: { email: string; name: string; isAdmin: boolean; locale: string | null; disabledAt: Date | null };
    DatabaseSessionAttributes: { createdAt: Date };
  }
}
