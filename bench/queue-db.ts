// The queue's database side alone (issue 4): claim + submit pairs straight through rolecall_claim_many
// and rolecall_submit, one call at a time, no HTTP, on the CharacterEval-sized project with 200 annotators. It tells what the
// database can do from what the app servers add (compare with bench/queue.ts), and prints the CPU the
// PostgreSQL backends and this process spent per pair (read from /proc; Linux only).
// Run: DATABASE_URL=postgres://… npx tsx bench/queue-db.ts   (BENCH_CONNS=1,10,40, BENCH_SECONDS=15)
import crypto from "node:crypto";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { closeDatabase, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { cpuPer, cpuSeconds } from "./cpu";
import { benchAnnotators, charactereValProject } from "./queue-setup";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL");
const SECONDS = Number(process.env.BENCH_SECONDS || 15);
const CONNS = (process.env.BENCH_CONNS || "1,10,40").split(",").map(Number);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const handle = await openDatabase();
await migrateDatabase(handle);
await handle.db.execute(sql`vacuum analyze`);
console.log("setting up the CharacterEval-sized project…");
const project = await charactereValProject(handle.db);
const { users } = await benchAnnotators(handle.db, project.id, 200);
/** 200 annotators in a closed loop over `conns` connections for `seconds`: pairs done, claim times, CPU. */
async function run(conns: number, seconds: number) {
  const pg = postgres(url!, { max: conns, onnotice: () => {} });
  const claims: number[] = [];
  let pairs = 0;
  const cpu0 = cpuSeconds();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    users.map(async (u) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const [{ rs }] = await pg`select rolecall_claim_many(${[project.id]}::int[], ${[u.id]}::text[]) as rs`;
        const r = rs[0];
        claims.push(performance.now() - t0);
        if (!r.task_id) continue;
        const units: number[] = r.task.units.map((x: { unit_id: number }) => x.unit_id);
        await pg`select rolecall_submit(${r.task_id}, ${u.id}, null, ${crypto.randomUUID()}, ${units}::bigint[],
                 ${units.map(() => 3)}::int[], ${units.map(() => "")}::text[], 100)`;
        pairs++;
      }
    }),
  );
  const cpu1 = cpuSeconds();
  await pg.end();
  return { pairs, claims, cpu: cpuPer(cpu0, cpu1, pairs, "pair") };
}

try {
  console.log(`200 annotators in a closed loop, ${SECONDS} s per run`);
  // warm-up, then statistics of a running system (the vacuum above analysed the queue's tables empty)
  await run(4, 3);
  await handle.db.execute(sql`analyze ratings, task_units, tasks, skips, submissions, unit_fill`);
  for (const conns of CONNS) {
    const r = await run(conns, SECONDS);
    console.log(
      `${String(conns).padStart(2)} connections: ${(r.pairs / SECONDS).toFixed(0)} pairs/s, claim p50 ${pct(r.claims, 50).toFixed(1)} ms ` +
        `(200 callers share the connections); ${r.cpu}`,
    );
  }
} finally {
  await handle.db.execute(sql`delete from projects where id = ${project.id}`);
  await closeDatabase();
}
