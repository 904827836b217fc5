import type { Db } from "#db/client";
import { openDatabase } from "#db/client";
import { writeChunksToFile } from "~/services/exports/file.server";
import { exportHfFolder } from "~/services/exports/hf-folder.server";
import { BOOLEAN_FILTERS, KIND_FILTERS, parseExportOptions, type ExportKind, type FilterSource } from "~/services/exports/options";
import { startExport } from "~/services/exports/run.server";
import { requireProjectBySlug } from "~/services/projects.server";
import type { Args } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";

/** The given CLI flags as export filters (names are the same as the API's query parameters). */
function filterSource(a: Args, names: readonly string[]): FilterSource {
  const isBool = (n: string) => (BOOLEAN_FILTERS as readonly string[]).includes(n);
  return {
    names: () => names.filter((n) => a.has(n)),
    all: (n) => (isBool(n) ? (a.has(n) ? ["1"] : []) : a.all(n)),
  };
}

async function runExport(kind: ExportKind, db: Db, a: Args): Promise<CommandResult> {
  const out = a.required("out");
  const project = await requireProjectBySlug(db, a.required("project"));
  const options = parseExportOptions(kind, filterSource(a, KIND_FILTERS[kind]));
  const run = await startExport(await openDatabase(), project, options);
  try {
    await writeChunksToFile(run.chunks, out);
  } finally {
    await run.close();
  }
  return {
    json: { project: project.slug, kind, records: run.records, out },
    text: `Wrote ${run.records} ${kind} records to ${out}`,
  };
}

async function runHfFolder(db: Db, a: Args): Promise<CommandResult> {
  const out = a.required("out");
  const project = await requireProjectBySlug(db, a.required("project"));
  const options = parseExportOptions("pairs", filterSource(a, KIND_FILTERS.pairs));
  const r = await exportHfFolder(await openDatabase(), project, options, out);
  return {
    json: { project: project.slug, kind: "hf-folder", out, files: r.files },
    text: [`Wrote ${out}/README.md and:`, ...Object.entries(r.files).map(([f, n]) => `  ${f.padEnd(22)} ${n}`)].join("\n"),
  };
}

const usageOf = (names: readonly string[]) =>
  names
    .map((n) => ((BOOLEAN_FILTERS as readonly string[]).includes(n) ? `[--${n}]` : `[--${n} ${n === "metric" || n === "model" ? "X[,Y]" : "V"}]`))
    .join(" ");

function exportCommand(kind: ExportKind, usage: string): Command {
  const names = KIND_FILTERS[kind];
  return {
    flags: ["project", "out", ...names.filter((n) => !(BOOLEAN_FILTERS as readonly string[]).includes(n))],
    booleans: names.filter((n) => (BOOLEAN_FILTERS as readonly string[]).includes(n)),
    run: (db, a) => runExport(kind, db, a),
    usage: `${usage} ${usageOf(names.filter((n) => !usage.includes(`--${n}`)))}`,
  };
}

/** CLI commands of the exports feature (registered in app/cli/main.ts). */
export const exportsCommands: Record<string, Command> = {
  "export charrm": exportCommand("charrm", "--project S --out F"),
  "export generation-trans": exportCommand("generation-trans", "--project S --model M --out F"),
  "export pairs": exportCommand("pairs", "--project S --out F [--min-margin 1]"),
  "export annotations": exportCommand("annotations", "--project S --out F [--format csv|jsonl]"),
  "export hf-folder": {
    ...exportCommand("pairs", "--project S --out DIR"),
    run: runHfFolder,
  },
};
