import type { Db } from "#db/client";
import { openDatabase } from "#db/client";
import { writeChunksToFile } from "~/services/exports/file.server";
import { exportHfFolder } from "~/services/exports/hf-folder.server";
import { BOOLEAN_FILTERS, KIND_FILTERS, type ExportKind } from "~/domain/export/options";
import { flagSource, parseExportOptions, type FilterSource } from "~/lib/forms/schemas/exports";
import { encodeChunks, startExport } from "~/services/exports/run.server";
import { requireProjectBySlug } from "~/services/projects.server";
import { PREFERENCE_FILTERS, preferencesExportOptions, startPreferencesExport } from "~/services/pairwise/preferences-export.server";
import type { Args } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";

/** The given CLI flags as export filters (names are the same as the API's query parameters). */
function filterSource(a: Args, names: readonly string[]): FilterSource {
  return flagSource(
    (n) => a.has(n),
    (n) => a.all(n),
    names,
  );
}

/** x.jsonl → x.annotators.jsonl (any other name: name.annotators.jsonl). */
export const profilePath = (out: string) => `${out.replace(/\.jsonl$/, "")}.annotators.jsonl`;

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
  if (kind === "pairs" && options.perAnnotator) {
    // the profile of the very pairs just written (same snapshot), beside them
    const profile = profilePath(out);
    const lines = run.annotatorProfile();
    await writeChunksToFile(encodeChunks([lines]), profile);
    return {
      json: { project: project.slug, kind, records: run.records, out, annotators: lines.length, profile },
      text: `Wrote ${run.records} per-annotator pairs to ${out} and ${lines.length} annotator profiles to ${profile}`,
    };
  }
  return {
    json: { project: project.slug, kind, records: run.records, out },
    text: `Wrote ${run.records} ${kind} records to ${out}`,
  };
}

async function runHfFolder(db: Db, a: Args): Promise<CommandResult> {
  const out = a.required("out");
  const project = await requireProjectBySlug(db, a.required("project"));
  const options = parseExportOptions("pairs", filterSource(a, HF_FILTERS));
  const r = await exportHfFolder(await openDatabase(), project, options, out);
  return {
    json: { project: project.slug, kind: "hf-folder", out, files: r.files },
    text: [`Wrote ${out}/README.md and:`, ...Object.entries(r.files).map(([f, n]) => `  ${f.padEnd(22)} ${n}`)].join("\n"),
  };
}

const usageOf = (names: readonly string[]) =>
  names
    .map((n) =>
      (BOOLEAN_FILTERS as readonly string[]).includes(n) ? `[--${n}]` : `[--${n} ${n === "metric" || n === "model" ? "X[,Y]" : "V"}]`,
    )
    .join(" ");

/** The Hugging Face folder is built from consensus pairs only. */
const HF_FILTERS = KIND_FILTERS.pairs.filter((n) => n !== "per-annotator");

function exportCommand(kind: ExportKind, usage: string, names: readonly string[] = KIND_FILTERS[kind]): Command {
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
  "export pairs": exportCommand("pairs", "--project S --out F [--min-margin 1] [--per-annotator]"),
  "export annotations": exportCommand("annotations", "--project S --out F [--format csv|jsonl]"),
  "export hf-folder": {
    ...exportCommand("pairs", "--project S --out DIR", HF_FILTERS),
    run: runHfFolder,
  },
  "export preferences": {
    flags: ["project", "out", "split-by", "split", "seed"],
    booleans: ["per-annotator", "ties"],
    run: runPreferences,
    usage:
      "--project S --out F [--per-annotator] [--ties] [--split-by dialogue|character] [--split 80/10/10] [--seed S]  (pairwise projects)",
  },
};

/** `export preferences` (pairwise projects): its own options, read by the same function as the API's. */
async function runPreferences(db: Db, a: Args): Promise<CommandResult> {
  const out = a.required("out");
  const project = await requireProjectBySlug(db, a.required("project"));
  const options = preferencesExportOptions({
    names: () => PREFERENCE_FILTERS.filter((n) => a.has(n)),
    all: (n) => (!a.has(n) ? [] : n === "per-annotator" || n === "ties" ? ["1"] : a.all(n)),
  });
  const run = await startPreferencesExport(await openDatabase(), project, options);
  try {
    await writeChunksToFile(run.chunks, out);
  } finally {
    await run.close();
  }
  if (options.perAnnotator) {
    // the profile of the records just written, beside them, as export pairs --per-annotator does
    const profile = profilePath(out);
    const lines = run.annotatorProfile();
    await writeChunksToFile(encodeChunks([lines]), profile);
    return {
      json: { project: project.slug, kind: "preferences", records: run.records, out, annotators: lines.length, profile },
      text: `Wrote ${run.records} per-annotator preference records to ${out} and ${lines.length} annotator profiles to ${profile}`,
    };
  }
  return {
    json: { project: project.slug, kind: "preferences", records: run.records, out },
    text: `Wrote ${run.records} preference records to ${out}`,
  };
}
