import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");

/** A CLI invocation as a script would make it: its own process, the suite's database
 *  (PostgreSQL, or a PGlite folder of the test's own). */
export function cliRunner() {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!env.DATABASE_URL) env.PGLITE_DIR = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rc-cli-")), "pglite");
  return {
    env,
    run(args: string[], input?: string) {
      const r = spawnSync(tsx, ["app/cli/main.ts", ...args], { cwd: root, env, input, encoding: "utf8", timeout: 120_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
    },
  };
}
