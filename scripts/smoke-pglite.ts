// Smoke test of the embedded mode as a new user meets it: start the built server on a new PGlite
// folder, read the demo admin's password from its output, sign in over HTTP, see the demo project,
// check the CLI is refused while the server holds the folder, and stop it with SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-smoke-")), "nested", "pglite");
// a port nobody holds now (a random one in a fixed range could be another process's)
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PGLITE_DIR: dir, PORT: String(port) };
delete env.DATABASE_URL;
delete env.ROLECALL_SECRET;

let passed = 0,
  failed = 0;
const check = (name: string, ok: boolean, detail = "") => {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
  ok ? passed++ : failed++;
};

const server = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/main.ts"], { cwd: root, env });
let out = "";
server.stdout.on("data", (d) => (out += d));
server.stderr.on("data", (d) => (out += d));

const deadline = Date.now() + 90_000;
while (!/running at/.test(out) && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
check("server starts on a new embedded folder", /running at/.test(out), out.split("\n").slice(-3).join(" | "));
// the sign-ins are printed after the "running at" line, and may arrive in a later chunk of output
const demoLine = /admin\s+admin@demo\.rolecall\s+(\S+)\n/;
const printed = Date.now() + 5_000;
while (!demoLine.test(out) && Date.now() < printed && server.exitCode === null) await new Promise((r) => setTimeout(r, 100));
const password = out.match(demoLine)?.[1];
check("prints the demo admin sign-in", !!password);

const base = `http://127.0.0.1:${port}`;
try {
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email: "admin@demo.rolecall", password: password ?? "" }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  check("signs in as the demo admin", login.status === 302 && cookie.startsWith("rc_session="), `status ${login.status}`);
  const home = await fetch(`${base}/`, { headers: { Cookie: cookie, "Accept-Language": "en" } });
  const html = await home.text();
  check("sees the seeded demo project", home.status === 200 && html.includes("/projects/demo"), `status ${home.status}`);
  const overview = await fetch(`${base}/projects/demo`, { headers: { Cookie: cookie } });
  check("opens the demo project", overview.status === 200);
  const pairwise = await fetch(`${base}/projects/demo-pairwise/reports/pairwise`, { headers: { Cookie: cookie } });
  check("opens the pairwise demo project's report", pairwise.status === 200, `status ${pairwise.status}`);
  const wrong = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email: "admin@demo.rolecall", password: "wrong-password" }),
  });
  check("refuses a wrong password", wrong.status === 401);
} catch (e) {
  // the cause says why (refused, reset), and the server's own last lines say what it saw
  const cause = (e as { cause?: unknown }).cause;
  check("HTTP", false, `${String(e)}${cause ? ` (${String(cause)})` : ""} | server: ${out.split("\n").slice(-8).join(" | ")}`);
}

const cli = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["app/cli/main.ts", "project", "stats", "--project", "demo"], {
  cwd: root,
  env,
  encoding: "utf8",
});
check(
  "the CLI is refused while the server holds the folder",
  cli.status === 1 && /in use by another Rolecall process/.test(cli.stderr),
  cli.stderr.trim(),
);

server.kill("SIGTERM");
const code = await new Promise<number | null>((resolve) => {
  const t = setTimeout(() => resolve(null), 15_000);
  server.on("exit", (c) => (clearTimeout(t), resolve(c)));
});
check("stops on SIGTERM and releases the folder", code === 0 && !fs.existsSync(path.join(dir, "rolecall.lock")), `exit ${code}`);

const after = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["app/cli/main.ts", "project", "stats", "--project", "demo", "--json"], {
  cwd: root,
  env,
  encoding: "utf8",
});
check(
  "the data survives the restart (CLI reads it)",
  after.status === 0 && JSON.parse(after.stdout || "{}").dialogues === 12,
  after.stderr.trim(),
);

console.log(`\nsmoke: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
