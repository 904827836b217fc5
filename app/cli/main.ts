// `npm run cli -- <command> [flags]`: the contract of product.md §5. Exit 0 ok, 2 bad input/usage, 1 otherwise.
import { closeDatabase, openDatabase } from "#db/client";
import { DatabaseLockedError } from "#db/lock";
import { migrateDatabase } from "#db/migrate";
import { isAppError } from "~/lib/errors";
import { Args, parseFlags, UsageError } from "./args";
import { adjudicationCommands } from "./commands/adjudication";
import { exportsCommands } from "./commands/exports";
import { importsCommands } from "./commands/imports";
import { judgesCommands } from "./commands/judges";
import { metricSetCommands } from "./commands/metric-sets";
import { projectAddMember, projectCreate, projectStatsCommand } from "./commands/projects";
import { qualityCommands } from "./commands/quality";
import { reportsCommands } from "./commands/reports";
import { usersCommands } from "./commands/users";
import { emit } from "./output";
import type { Command } from "./registry";

export const commands: Record<string, Command> = {
  ...usersCommands,
  "project create": {
    flags: ["slug", "name", "metric-set", "overlap", "description", "mode", "pairs", "reference", "per-pair"],
    run: projectCreate,
    usage:
      "--slug S --name N [--metric-set KEY] [--overlap K] [--mode scoring|pairwise [--pairs all|reference|balanced] [--reference MODEL] [--per-pair N]]",
  },
  "project stats": { flags: ["project"], run: projectStatsCommand, usage: "--project S" },
  "project add-member": {
    flags: ["project", "email", "role", "group"],
    run: projectAddMember,
    usage: "--project S --email E --role annotator|manager|adjudicator [--group G]",
  },
  ...metricSetCommands,
  ...importsCommands,
  ...reportsCommands,
  ...qualityCommands,
  ...exportsCommands,
  ...judgesCommands,
  ...adjudicationCommands,
};

function usage() {
  return (
    "Usage: npm run cli -- <command> [flags] [--json]\n\n" +
    Object.entries(commands)
      .map(([n, c]) => `  ${n} ${c.usage}`)
      .join("\n")
  );
}

export async function runCli(argv: string[]): Promise<number> {
  const name = argv.slice(0, 2).join(" ");
  const command = commands[name];
  const wantsJson = argv.includes("--json");
  const fail = (code: number, message: string) => {
    process.stderr.write(`error: ${message}\n`);
    if (wantsJson) process.stdout.write(JSON.stringify({ error: message }) + "\n");
    return code;
  };
  if (!command) return fail(2, argv.length ? `unknown command "${name}"\n${usage()}` : usage());
  let args: Args;
  try {
    args = new Args(parseFlags(argv.slice(2), ["json", ...(command.booleans ?? [])]), [...command.flags, ...(command.booleans ?? [])]);
  } catch (e) {
    return fail(2, `${(e as Error).message}\n  ${name} ${command.usage}`);
  }
  try {
    const handle = await openDatabase();
    await migrateDatabase(handle);
    emit(await command.run(handle.db, args), args.json);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return fail(2, `${e.message}\n  ${name} ${command.usage}`);
    if (isAppError(e)) return fail(e.status === 401 || e.status === 403 ? 1 : 2, e.message);
    if (e instanceof DatabaseLockedError) return fail(1, e.message);
    return fail(1, (e as Error)?.stack ?? String(e));
  } finally {
    await closeDatabase().catch(() => {});
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isMain) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
