// Adjudication, flags, audit and project settings on the command line (product.md §9).
import type { Db } from "#db/client";
import { badRequest, forbidden } from "~/lib/errors";
import { importAdjudications } from "~/services/adjudication/import.server";
import { listAdjudications, parseStatus, type ListedUnit } from "~/services/adjudication/list.server";
import { findUnit, mayAdjudicate, resolveUnit } from "~/services/adjudication/resolve.server";
import { listAudit } from "~/services/audit.server";
import { listFlags } from "~/services/flags.server";
import { readProjectSettings, updateProjectSettings } from "~/services/project-settings.server";
import { requireProjectBySlug } from "~/services/projects.server";
import { findUserByEmail } from "~/services/users.server";
import type { Args } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";
import { fileSource } from "./imports";

async function list(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const units: ListedUnit[] = [];
  for await (const u of listAdjudications(db, project.id, parseStatus(a.optional("status")))) units.push(u);
  const text = units.length
    ? units
        .map(
          (u) =>
            `${u.status}\t${u.dialogue_id}\t${u.model}\t${u.metric}\t[${u.scores.join(",")}] range ${u.range}${u.final_score !== undefined ? ` → ${u.final_score}` : ""}`,
        )
        .join("\n")
    : "No units.";
  return { json: { project: project.slug, units }, text };
}

async function resolve(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const email = a.required("as");
  const user = await findUserByEmail(db, email);
  if (!user || !(await mayAdjudicate(db, project.id, user.id))) throw forbidden(`${email} is not an adjudicator of ${project.slug}`);
  const raw = a.required("score");
  const score = Number(raw);
  if (!/^-?\d+$/.test(raw)) throw badRequest(`--score must be a whole number, got "${raw}"`, "score");
  const unitId = await findUnit(db, project.id, a.required("dialogue"), a.required("model"), a.required("metric"));
  const r = await resolveUnit(db, {
    projectId: project.id,
    unitId,
    adjudicatorId: user.id,
    score,
    note: a.optional("note"),
    source: "cli",
  });
  const json = {
    project: project.slug,
    dialogue_id: r.dialogue_id,
    model: r.model,
    metric: r.metric,
    final_score: r.score,
    previous_score: r.previous_score,
    adjudicator: user.email,
    note: r.note,
  };
  return {
    json,
    text: `${r.dialogue_id} ${r.model} ${r.metric}: final score ${r.score}${r.previous_score !== null ? ` (was ${r.previous_score})` : ""}`,
  };
}

async function importCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const r = await importAdjudications(db, project.id, fileSource(a.required("file"), "file"), null);
  return { json: r, text: `Adjudications: ${r.written} written, ${r.unchanged} unchanged; ${r.open} units still open` };
}

async function flags(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const rows = await listFlags(db, project.id);
  const out = rows.map((f) => ({
    id: f.id,
    dialogue_id: f.dialogue_id,
    model: f.model,
    annotator: f.annotator,
    note: f.note,
    created_at: f.created_at,
    resolved: f.resolved,
  }));
  const text = out.length
    ? out.map((f) => `#${f.id}\t${f.resolved ? "resolved" : "open"}\t${f.dialogue_id}\t${f.model}\t${f.annotator}\t${f.note}`).join("\n")
    : "No flags.";
  return { json: { flags: out }, text };
}

async function audit(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const entries = await listAudit(db, project.id, {
    kind: a.optional("kind"),
    actor: a.optional("actor"),
    limit: a.int("limit", 1000, 1, 5000),
  });
  const text = entries.length
    ? entries.map((e) => `${e.created_at}\t${e.kind}\t${e.actor ?? "-"}\t${JSON.stringify(e.detail)}`).join("\n")
    : "No entries.";
  return { json: { project: project.slug, entries }, text };
}

const number = (a: Args, flag: string): number | undefined => {
  const v = a.optional(flag);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw badRequest(`--${flag} must be a number, got "${v}"`, flag);
  return n;
};

async function settings(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const input = {
    overlap: number(a, "overlap"),
    disagreementRange: number(a, "disagreement-range"),
    goldRate: number(a, "gold-rate"),
    leaseMinutes: number(a, "lease-minutes"),
  };
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const s = Object.keys(given).length
    ? await updateProjectSettings(db, project.id, null, given)
    : await readProjectSettings(db, project.id);
  const text = Object.entries(s)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  return { json: s, text };
}

export const adjudicationCommands: Record<string, Command> = {
  "adjudication list": { flags: ["project", "status"], run: list, usage: "--project S [--status open|resolved|all]" },
  "adjudication resolve": {
    flags: ["project", "dialogue", "model", "metric", "score", "as", "note"],
    run: resolve,
    usage: "--project S --dialogue D --model M --metric K --score N --as EMAIL [--note T]",
  },
  "import adjudications": { flags: ["project", "file"], run: importCommand, usage: "--project S --file F" },
  "flags list": { flags: ["project"], run: flags, usage: "--project S" },
  "audit list": { flags: ["project", "kind", "actor", "limit"], run: audit, usage: "--project S [--kind K] [--actor EMAIL] [--limit N]" },
  "project settings": {
    flags: ["project", "overlap", "disagreement-range", "gold-rate", "lease-minutes"],
    run: settings,
    usage: "--project S [--overlap K] [--disagreement-range R] [--gold-rate X] [--lease-minutes M]",
  },
};
