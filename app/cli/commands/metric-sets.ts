// metric-set create | list | export | update (product.md §10): the same documents the browser editor saves.
import fs from "node:fs";
import type { Db } from "#db/client";
import { badRequest } from "~/lib/errors";
import { createCustomMetricSet, getMetricSetDocument, listMetricSetSummaries, updateCustomMetricSet } from "~/services/metric-sets.server";
import type { Args } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";

function readDocument(file: string) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw badRequest(`--file: cannot read ${file}`, "file");
  }
}

async function create(db: Db, a: Args): Promise<CommandResult> {
  const doc = await createCustomMetricSet(db, readDocument(a.required("file")), null);
  return { json: { key: doc.key, metrics: doc.metrics.length }, text: `Created metric set ${doc.key} (${doc.metrics.length} metrics)` };
}

/** The CLI acts as an admin: whoever can run it can already open the database. */
async function update(db: Db, a: Args): Promise<CommandResult> {
  const r = await updateCustomMetricSet(db, a.required("key"), readDocument(a.required("file")), { id: "", isAdmin: true });
  return {
    json: { key: r.document.key, metrics: r.document.metrics.length, projects_updated: r.projectsUpdated },
    text: `Updated metric set ${r.document.key}${r.projectsUpdated.length ? `; projects updated: ${r.projectsUpdated.join(", ")}` : ""}`,
  };
}

async function list(db: Db): Promise<CommandResult> {
  const sets = await listMetricSetSummaries(db);
  return {
    json: { sets: sets.map((s) => ({ key: s.key, builtin: s.builtin, metrics: s.metrics })) },
    text: sets
      .map((s) => `${s.key.padEnd(24)} ${s.builtin ? "built-in" : "custom  "} ${s.metrics} metrics, ${s.scales.join(" / ")}`)
      .join("\n"),
  };
}

/** Prints the document itself (with or without --json), so `export > f && create --file f` round-trips. */
async function exportSet(db: Db, a: Args): Promise<CommandResult> {
  const { document } = await getMetricSetDocument(db, a.required("key"));
  return { json: document, text: JSON.stringify(document, null, 2) };
}

export const metricSetCommands: Record<string, Command> = {
  "metric-set create": { flags: ["file"], run: create, usage: "--file F" },
  "metric-set update": { flags: ["key", "file"], run: update, usage: "--key K --file F" },
  "metric-set list": { flags: [], run: list, usage: "" },
  "metric-set export": { flags: ["key"], run: exportSet, usage: "--key K" },
};
