import type { Db } from "#db/client";
import { addMember, createProject, parseRole, projectStats, requireProjectBySlug } from "~/services/projects.server";
import type { Args } from "../args";
import type { CommandResult } from "../output";

export async function projectCreate(db: Db, a: Args): Promise<CommandResult> {
  const p = await createProject(
    db,
    {
      slug: a.required("slug"),
      name: a.required("name"),
      metricSetKey: a.optional("metric-set") ?? "charactereval",
      overlapK: a.int("overlap", 2, 1, 20),
      description: a.optional("description"),
      mode: a.oneOf("mode", ["scoring", "pairwise"] as const, "scoring"),
      pairs: {
        design: a.oneOf("pairs", ["all", "reference", "balanced"] as const, "all"),
        reference: a.optional("reference"),
        perPair: a.optional("per-pair") === undefined ? undefined : a.int("per-pair", 1, 1, 1_000_000),
      },
    },
    null,
  );
  return {
    json: { id: p.id, slug: p.slug, name: p.name, metric_set: p.metricSetKey, overlap: p.overlapK, mode: p.mode },
    text: `Created ${p.mode === "pairwise" ? "pairwise " : ""}project ${p.slug} (${p.metricSetKey}, overlap ${p.overlapK})`,
  };
}

export async function projectAddMember(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const m = await addMember(db, project.id, a.required("email"), parseRole(a.required("role")), a.optional("group"));
  return {
    json: { project: project.slug, email: m.email, role: m.role, group: m.group },
    text: `${m.email} is now ${m.role}${m.group ? ` (group ${m.group})` : ""} in ${project.slug}`,
  };
}

export async function projectStatsCommand(db: Db, a: Args): Promise<CommandResult> {
  const project = await requireProjectBySlug(db, a.required("project"));
  const s = await projectStats(db, project.id);
  return {
    json: { project: project.slug, ...s },
    text: Object.entries(s)
      .map(([k, v]) => `${k.padEnd(16)} ${v}`)
      .join("\n"),
  };
}
