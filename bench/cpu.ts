// CPU time of the processes a benchmark drives, read from /proc/<pid>/stat (Linux; elsewhere zeros):
// PostgreSQL's processes, the other Node processes (the app servers) and this one (the load generator).
import fs from "node:fs";

export type CpuSample = { postgres: number; servers: number; self: number; steal: number; machine: number };

/** The machine's busy and stolen time (all CPUs), from /proc/stat: a hypervisor that takes the cores
 *  away for others slows everything the benchmark measures. */
function machineSeconds() {
  if (!fs.existsSync("/proc/stat")) return { steal: 0, machine: 0 };
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return { steal: (f[7] ?? 0) / 100, machine: f.reduce((a, b) => a + b, 0) / 100 };
}

export function cpuSeconds(): CpuSample {
  let postgres = 0;
  let servers = 0;
  const pids = fs.existsSync("/proc") ? fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)) : [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(f[11]) + Number(f[12]);
      if (name === "postgres") postgres += ticks;
      else if (name === "node") servers += ticks;
    } catch {
      /* the process ended meanwhile */
    }
  }
  const own = process.cpuUsage();
  return { postgres: postgres / 100, servers: servers / 100, self: (own.user + own.system) / 1e6, ...machineSeconds() };
}

/** "database 1.39, servers 2.10, load generator 0.30 ms of CPU per pair" between two samples. */
export function cpuPer(a: CpuSample, b: CpuSample, n: number, what: string) {
  const ms = (s: number) => ((s * 1000) / n).toFixed(2);
  const parts = [`database ${ms(b.postgres - a.postgres)}`];
  if (b.servers - a.servers > 0.05) parts.push(`app servers ${ms(b.servers - a.servers)}`);
  parts.push(`load generator ${ms(b.self - a.self)}`);
  const stolen = b.machine > a.machine ? (100 * (b.steal - a.steal)) / (b.machine - a.machine) : 0;
  return `CPU per ${what}: ${parts.join(", ")} ms${stolen >= 0.5 ? ` (${stolen.toFixed(0)}% of the machine's time stolen by its host)` : ""}`;
}
