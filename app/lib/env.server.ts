import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Configuration from the environment. Production refuses to start without its secret;
 *  the embedded demo keeps a generated one in its data folder (docs/decisions/003). */
export type AppEnv = {
  production: boolean;
  embedded: boolean;
  secret: string;
  port: number;
  host: string;
  /** the public origin, when the app sits behind a proxy; otherwise taken from the request */
  origin: string | null;
  /** the largest import upload (UPLOAD_LIMIT_MB) */
  uploadLimitBytes: number;
  /** the largest body of every other request: forms, the JSON API (FORM_LIMIT_KB) */
  formLimitBytes: number;
  /** how long start-up waits for an unreachable database before giving up (DATABASE_WAIT_SECONDS) */
  databaseWaitSeconds: number;
};

let cached: AppEnv | null = null;

export class ConfigError extends Error {
  name = "ConfigError";
}

/** A generated secret kept in a file (mode 600) beside the data: the embedded demo's, or a development
 *  server's, so the CLI and the server (separate processes) hash tokens alike. Never used in production
 *  with PostgreSQL, where ROLECALL_SECRET is required. */
function fileSecret(): string {
  const pglite = process.env.PGLITE_DIR || "./.data/pglite";
  const file =
    process.env.DATABASE_URL || pglite.startsWith("memory://")
      ? path.resolve("./.data/development.secret")
      : path.join(path.dirname(path.resolve(pglite)), `${path.basename(path.resolve(pglite))}.secret`);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const s = crypto.randomBytes(32).toString("hex");
    fs.writeFileSync(file, s, { mode: 0o600 });
    return s;
  }
}

export function loadEnv(): AppEnv {
  if (cached) return cached;
  const production = process.env.NODE_ENV === "production";
  const embedded = !process.env.DATABASE_URL;
  let secret = process.env.ROLECALL_SECRET ?? "";
  if (!secret) {
    if (production && !embedded) {
      throw new ConfigError(
        "ROLECALL_SECRET is not set. Production needs a random secret of at least 32 characters, e.g. `openssl rand -hex 32`.",
      );
    }
    secret = fileSecret();
  } else if (secret.length < 32) {
    throw new ConfigError("ROLECALL_SECRET must be at least 32 characters long.");
  }
  const mb = Number(process.env.UPLOAD_LIMIT_MB || 200);
  const formKb = envNumber("FORM_LIMIT_KB", 1024);
  cached = {
    production,
    embedded,
    secret,
    port: Number(process.env.PORT || 3000),
    host: process.env.HOST || "127.0.0.1",
    origin: process.env.ORIGIN?.replace(/\/$/, "") || null,
    uploadLimitBytes: Math.round(mb * 1024 * 1024),
    formLimitBytes: Math.round(formKb * 1024),
    databaseWaitSeconds: envNumber("DATABASE_WAIT_SECONDS", 60, { zero: true }),
  };
  return cached;
}

/** A numeric variable, or its default when unset; anything else than a number ≥ 0 (> 0 unless zero
 *  is allowed) stops the start with the variable named. */
function envNumber(name: string, fallback: number, opts: { zero?: boolean } = {}): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !opts.zero))
    throw new ConfigError(`${name} must be a number${opts.zero ? " ≥ 0" : " > 0"} (got "${raw}").`);
  return n;
}

/** Keyed hash for one-time tokens (API tokens, invitations): a leaked table alone gives nothing. */
export function hashToken(token: string) {
  return crypto.createHmac("sha256", loadEnv().secret).update(token).digest("hex");
}

export function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString("base64url");
}
