import fs from "node:fs";
import path from "node:path";
import type { Db } from "#db/client";
import { badRequest } from "~/lib/errors";
import { importCharacterEval, importGeneric, type ImportSummary } from "~/services/import.server";
import { importPreferences } from "~/services/pairwise/preferences-import.server";
import { requireProjectBySlug } from "~/services/projects.server";
import { UsageError, type Args } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";

export function fileSource(file: string, flag: string) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw badRequest(`--${flag}: cannot read ${file}`, flag);
  }
  if (!stat.isFile()) throw badRequest(`--${flag}: ${file} is not a file`, flag);
  return { source: fs.createReadStream(file, { highWaterMark: 1 << 20 }), name: path.basename(file) };
}

/** `--responses MODEL=FILE`; a bare FILE takes the model name from the file name (gpt4.jsonl → gpt4). */
export function parseResponsesFlag(value: string) {
  const eq = value.indexOf("=");
  if (eq === 0) throw new UsageError(`--responses ${value}: the model name is empty`);
  const model =
    eq > 0
      ? value.slice(0, eq)
      : path
          .basename(value)
          .replace(/\.(jsonl?|csv)$/i, "")
          .replace(/[._-]?generation$/i, "");
  const file = eq > 0 ? value.slice(eq + 1) : value;
  if (!model || !file) throw new UsageError(`--responses takes MODEL=FILE, got "${value}"`);
  return { model, file };
}

function summaryText(s: ImportSummary) {
  const lines = [
    `${s.dry_run ? "Would add" : "Added"}: ${s.added.dialogues} dialogues, ${s.added.characters} characters, ${s.added.responses} responses, ${s.added.subset_metrics} dialogue×metric pairs, ${s.added.units} units`,
    `Project now: ${s.dialogues} dialogues, ${s.characters} characters, ${s.responses} responses, ${s.units} units, ${s.ratings} ratings`,
  ];
  for (const k of s.skipped) if (k.null + k.error) lines.push(`Skipped for ${k.model}: ${k.null} null, ${k.error} "ERROR" outputs`);
  if (s.planned_subsets) lines.push("No metric map given: subsets were planned (least-covered metric first).");
  return lines.join("\n");
}

async function importCharacterEvalCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const responses = a
    .all("responses")
    .map(parseResponsesFlag)
    .map((r) => ({ model: r.model, ...fileSource(r.file, "responses") }));
  const s = await importCharacterEval(
    db,
    project,
    {
      dialogues: fileSource(a.required("dialogues"), "dialogues"),
      profiles: fileSource(a.required("profiles"), "profiles"),
      metrics: a.optional("metrics") ? fileSource(a.required("metrics"), "metrics") : undefined,
      responses,
    },
    { dryRun: a.has("dry-run") },
  );
  return { json: s, text: summaryText(s) };
}

async function importGenericCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const f = (flag: string) => {
    const src = fileSource(a.required(flag), flag);
    return { chunks: src.source, file: src.name };
  };
  const s = await importGeneric(
    db,
    project,
    {
      dialogues: f("dialogues"),
      profiles: a.optional("profiles") ? f("profiles") : undefined,
      subsets: a.optional("subsets") ? f("subsets") : undefined,
      responses: a.all("responses").map((file) => {
        const src = fileSource(file, "responses");
        return { chunks: src.source, file: src.name };
      }),
    },
    { dryRun: a.has("dry-run") },
  );
  return { json: s, text: summaryText(s) };
}

async function importPreferencesCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const r = await importPreferences(db, project.id, fileSource(a.required("file"), "file"), { enrolExisting: a.has("enrol-existing") });
  return {
    json: { project: project.slug, ...r },
    text:
      `Imported ${r.preferences} preference(s) into ${project.slug} (${r.unchanged} already there)` +
      `; ${r.comparisons_created} comparison(s), ${r.units_created} unit(s) and ${r.annotators_created} annotator account(s) created`,
  };
}

/** CLI commands of the imports feature (registered in app/cli/main.ts). */
export const importsCommands: Record<string, Command> = {
  "import charactereval": {
    flags: ["project", "dialogues", "profiles", "metrics", "responses..."],
    booleans: ["dry-run"],
    run: importCharacterEvalCommand,
    usage: "--project S --dialogues F --profiles F [--metrics F] [--responses MODEL=F ...] [--dry-run]",
  },
  "import generic": {
    flags: ["project", "dialogues", "profiles", "subsets", "responses..."],
    booleans: ["dry-run"],
    run: importGenericCommand,
    usage: "--project S --dialogues F [--profiles F] [--subsets F] [--responses F ...] [--dry-run]  (JSONL, JSON array or CSV)",
  },
  "import preferences": {
    flags: ["project", "file"],
    booleans: ["enrol-existing"],
    run: importPreferencesCommand,
    usage:
      "--project S --file F [--enrol-existing]  (pairwise projects; CSV or JSONL: dialogue_id, metric, model_a, model_b, winner, annotator)",
  },
};
