// CLI commands of annotator quality (issue 20, product.md §9): `import gold` and `report annotators`.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "#db/client";
import { importGold } from "~/services/gold.server";
import { requireProjectBySlug } from "~/services/projects.server";
import { annotatorsReport } from "~/services/reports/annotators.server";
import { UsageError, type Args } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";

const shown = (v: number | null, digits = 2) => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(digits));

async function importGoldCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const file = a.required("file");
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`--file ${file}: no such file`);
  const r = await importGold(db, project.id, { source: fs.createReadStream(file), name: path.basename(file) });
  return {
    json: { project: project.slug, ...r },
    text: `Gold: ${r.written} unit(s) marked or changed, ${r.unchanged} unchanged; ${r.gold_units} gold unit(s) in ${project.slug}`,
  };
}

async function reportAnnotatorsCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const report = await annotatorsReport(db, { id: project.id, slug: project.slug });
  const head = ["annotator", "ratings", "gold_n", "accuracy", "bias", "mae", "straight", "ms/unit", "per hour"];
  const rows = report.annotators.map((r) => [
    r.annotator,
    String(r.ratings),
    String(r.gold_n),
    shown(r.gold_accuracy),
    shown(r.gold_bias),
    shown(r.mae_vs_others),
    shown(r.straightlining),
    shown(r.median_active_ms_per_unit, 0),
    shown(r.ratings_per_hour, 1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const text = rows.length ? [line(head), ...rows.map(line)].join("\n") : `No annotators in ${project.slug} yet`;
  return { json: report, text };
}

/** Registered in app/cli/main.ts. */
export const qualityCommands: Record<string, Command> = {
  "import gold": {
    flags: ["project", "file"],
    run: importGoldCommand,
    usage: "--project S --file F   (CSV/JSONL: dialogue_id, model, metric, score[, tolerance]; all or nothing)",
  },
  "report annotators": { flags: ["project"], run: reportAnnotatorsCommand, usage: "--project S [--json]" },
};
