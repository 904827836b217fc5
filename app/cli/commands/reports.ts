import fs from "node:fs";
import path from "node:path";
import type { Db } from "#db/client";
import { importJudgeScores } from "~/services/judge-import.server";
import { requireProjectBySlug } from "~/services/projects.server";
import { importRatings } from "~/services/ratings-import.server";
import { pairwiseReport } from "~/services/pairwise/report.server";
import { pairwiseText } from "~/services/pairwise/report-text";
import { getReport } from "~/services/reports/reports.server";
import { agreementText, judgesText, leaderboardText } from "~/domain/reports/text";
import type { ReportKind } from "~/domain/reports/types";
import { UsageError, type Args } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";

function openFile(a: Args) {
  const file = a.required("file");
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`--file ${file}: no such file`);
  return { source: fs.createReadStream(file), name: path.basename(file) };
}

async function importRatingsCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const r = await importRatings(db, project.id, openFile(a), { enrolExisting: a.has("enrol-existing") });
  return {
    json: { project: project.slug, ...r },
    text:
      `Imported ${r.inserted} rating(s) into ${project.slug} (${r.unchanged} already there)` +
      `; ${r.annotators_created} annotator account(s) and ${r.units_created} unit(s) created; ${r.ratings} ratings in the project`,
  };
}

async function importJudgeCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const r = await importJudgeScores(db, project.id, { judge: a.required("judge"), model: a.optional("model"), ...openFile(a) });
  return {
    json: { project: project.slug, ...r },
    text: `Judge ${r.judge}: ${r.inserted} score(s) added, ${r.updated} changed, ${r.unchanged} unchanged; ${r.judge_scores} in all`,
  };
}

function reportCommand(kind: ReportKind): Command {
  return {
    flags: ["project"],
    usage: "--project S [--json]",
    async run(db, a) {
      const project = await requireProjectBySlug(db, a.required("project"));
      // the CLI waits for the bootstrap intervals of α: a script wants the whole document
      const report = await getReport(
        db,
        { id: project.id, slug: project.slug, mode: project.mode },
        kind,
        kind === "agreement" ? "wait" : "none",
      );
      const text =
        kind === "agreement"
          ? agreementText(report as never)
          : kind === "judges"
            ? judgesText(report as never)
            : leaderboardText(report as never);
      return { json: report, text };
    },
  };
}

/** CLI commands of the reports feature (registered in app/cli/main.ts). */
export const reportsCommands: Record<string, Command> = {
  "import ratings": {
    flags: ["project", "file"],
    booleans: ["enrol-existing"],
    run: importRatingsCommand,
    // without the flag, records naming an existing account outside the project are refused
    usage: "--project S --file F [--enrol-existing: existing accounts outside the project become its annotators, with these ratings]",
  },
  "import judge": {
    flags: ["project", "judge", "file", "model"],
    run: importJudgeCommand,
    usage: "--project S --judge NAME --file F [--model M]",
  },
  "report agreement": reportCommand("agreement"),
  "report judges": reportCommand("judges"),
  "report leaderboard": reportCommand("leaderboard"),
  "report pairwise": {
    flags: ["project"],
    usage: "--project S [--json]",
    async run(db, a) {
      const project = await requireProjectBySlug(db, a.required("project"));
      const report = await pairwiseReport(db, project);
      return { json: report, text: pairwiseText(report) };
    },
  },
};
