// `npm run bench`: every benchmark in turn, each in its own process (they print their own figures).
// The targets are PostgreSQL's: set DATABASE_URL to a database the benchmarks may fill and empty.
// BENCH_ONLY=queue,export runs a subset. Run them on a quiet machine: they need both cores.
import { spawnSync } from "node:child_process";
import path from "node:path";

const ALL = [
  "import",
  "queue",
  "queue-db",
  "workspace",
  "reports",
  "export",
  "annotators",
  "adjudication",
  "judge-runner",
  "bradley-terry",
];
if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL=postgres://… (the benchmarks measure PostgreSQL; see the README's table)");
  process.exit(2);
}
const only = process.env.BENCH_ONLY?.split(",").filter(Boolean) ?? ALL;
const unknown = only.filter((n) => !ALL.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; choose from ${ALL.join(", ")}`);
  process.exit(2);
}
const tsx = path.join(import.meta.dirname, "../node_modules/.bin/tsx");
let failed = 0;
for (const name of only) {
  console.log(`\n== bench/${name}.ts`);
  const r = spawnSync(tsx, [path.join(import.meta.dirname, `${name}.ts`)], { stdio: "inherit", env: process.env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
