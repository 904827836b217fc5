// The production server as a child process, for tests of what only a whole process shows: that it
// survives a request, stops reading a body at its limit, rides out a database outage. It runs the built
// app (build/, made by `npm run build`) exactly as `npm run serve` does, on a port of its own.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const BUILT = path.join(root, "build/server/index.js");

export type Fixture = { email: string; password: string; slug: string; token: string };

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** everything the process wrote so far, stdout and stderr interleaved */
  output(): string;
  fixture: Fixture | null;
  alive(): boolean;
  /** resolves once the output matches (or rejects with the output when it exits or time runs out) */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited(): Promise<number | null>;
  /** resident memory of the server, in bytes */
  rss(): number;
  stop(): Promise<void>;
};

const running = new Set<ServerProcess>();

/** Starts `server/main.ts` (with `seed`: after making a fixture, test/support/seeded-server.ts) with
 *  NODE_ENV=production on `port`, and waits until it listens (unless `ready: false`). Without
 *  DATABASE_URL it runs on its own in-memory embedded database. */
export async function startServer(opts: {
  port: number;
  seed?: boolean;
  env?: Record<string, string>;
  ready?: boolean;
}): Promise<ServerProcess> {
  if (!fs.existsSync(BUILT)) {
    throw new Error(`${BUILT} is missing: this test runs the production server, so build first (npm run build).`);
  }
  const script = opts.seed ? "test/support/seeded-server.ts" : "server/main.ts";
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(opts.port),
    ROLECALL_SECRET: process.env.ROLECALL_SECRET || "server-process-test-secret-0123456789abcdef",
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DIR: "memory://" }),
    ...opts.env,
  };
  // node itself (not the tsx wrapper), so that the pid is the server's: its memory is measured
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"] as const,
  });
  let out = "";
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exit.then((c) => {
    exitCode = c;
    for (const l of listeners) l();
  });

  const server: ServerProcess = {
    url: `http://127.0.0.1:${opts.port}`,
    child,
    output: () => out,
    get fixture() {
      const m = out.match(/^FIXTURE (.*)$/m);
      return m ? (JSON.parse(m[1]) as Fixture) : null;
    },
    alive: () => exitCode === undefined,
    waitFor: (pattern, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(out)) done(null);
          else if (exitCode !== undefined) done(new Error(`the server exited (${exitCode}) before ${pattern}:\n${out}`));
        };
        const timer = setTimeout(() => done(new Error(`no ${pattern} from the server within ${ms} ms:\n${out}`)), ms);
        const done = (e: Error | null) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (e) reject(e);
          else resolve();
        };
        listeners.add(check);
        check();
      }),
    exited: () => exit,
    rss: () => {
      const m = fs.readFileSync(`/proc/${child.pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      return m ? Number(m[1]) * 1024 : NaN;
    },
    stop: async () => {
      running.delete(server);
      if (exitCode !== undefined) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
  running.add(server);
  if (opts.ready !== false) await server.waitFor(/Rolecall is running at/);
  return server;
}

/** Stops every server this test file started (for afterAll). */
export async function stopServers() {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Signs the fixture's manager in and returns the session cookie. */
export async function signIn(server: ServerProcess): Promise<string> {
  const { email, password } = server.fixture!;
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, next: "/" }),
    redirect: "manual",
  });
  const cookie = res.headers.getSetCookie().find((c) => c.length > 0);
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie.split(";", 1)[0];
}
