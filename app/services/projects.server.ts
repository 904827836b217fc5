import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { metrics, projectMembers, projects, type MemberRole, memberRoles } from "#db/schema";
import { badRequest, conflict, notFound } from "~/lib/errors";
import { resolveMetricSet } from "./metric-sets.server";
import { findUserByEmail } from "./users.server";

export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export type ProjectInput = {
  slug: string;
  name: string;
  description?: string;
  metricSetKey?: string;
  overlapK?: number;
  hideModelNames?: boolean;
  groupMode?: boolean;
  leaseSeconds?: number;
};

function checkProjectInput(input: ProjectInput) {
  if (!SLUG.test(input.slug)) throw badRequest("The slug takes 2–63 lower-case letters, digits and dashes", "slug");
  if (!input.name.trim()) throw badRequest("The name is empty", "name");
  const k = input.overlapK ?? 2;
  if (!Number.isInteger(k) || k < 1 || k > 20) throw badRequest("Overlap k must be a whole number from 1 to 20", "overlap");
  const lease = input.leaseSeconds ?? 1200;
  if (!Number.isInteger(lease) || lease < 60 || lease > 86400) throw badRequest("The lease must be 60–86400 seconds", "leaseSeconds");
}

/** Creates a project with its own copy of the metric set, in one transaction. */
export async function createProject(db: Db, input: ProjectInput, createdBy: string | null) {
  checkProjectInput(input);
  const set = await resolveMetricSet(db, input.metricSetKey ?? "charactereval");
  return db.transaction(async (tx) => {
    const [project] = await tx
      .insert(projects)
      .values({
        slug: input.slug,
        name: input.name.trim(),
        description: input.description ?? "",
        metricSetKey: set.key,
        overlapK: input.overlapK ?? 2,
        hideModelNames: input.hideModelNames ?? true,
        groupMode: input.groupMode ?? false,
        leaseSeconds: input.leaseSeconds ?? 1200,
        createdBy,
      })
      .onConflictDoNothing()
      .returning();
    if (!project) throw conflict(`A project with the slug "${input.slug}" already exists`);
    const dims = new Map(set.dimensions.map((d) => [d.key, d]));
    await tx.insert(metrics).values(
      set.metrics.map((m, i) => ({
        projectId: project.id,
        ...m, // MetricDefinition's keys are the metrics table's columns
        dimensionNameEn: dims.get(m.dimension)?.nameEn ?? m.dimension,
        dimensionNameZh: dims.get(m.dimension)?.nameZh ?? m.dimension,
        position: i,
      })),
    );
    return project;
  });
}

export function parseRole(role: string): MemberRole {
  if (!(memberRoles as readonly string[]).includes(role)) throw badRequest(`Role must be one of ${memberRoles.join(", ")}`, "role");
  return role as MemberRole;
}

/** Adds an existing user to a project, or changes their role/group when already a member. */
export async function addMember(db: DbOrTx, projectId: number, email: string, role: MemberRole, groupName?: string | null) {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound(`No user with the e-mail ${email}; create the account first or send an invitation`);
  await db
    .insert(projectMembers)
    .values({ projectId, userId: user.id, role, groupName: groupName || null })
    .onConflictDoUpdate({
      target: [projectMembers.projectId, projectMembers.userId],
      set: { role, groupName: groupName || null },
    });
  return { userId: user.id, email: user.email, role, group: groupName || null };
}

export async function removeMember(db: DbOrTx, projectId: number, userId: string) {
  await db.delete(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

export async function listProjectMetrics(db: DbOrTx, projectId: number) {
  return db.select().from(metrics).where(eq(metrics.projectId, projectId)).orderBy(metrics.position);
}

export type ProjectStats = {
  dialogues: number;
  characters: number;
  models: number;
  responses: number;
  units: number;
  subset_metrics: number;
  ratings: number;
  annotators: number;
  judges: number;
};

export async function projectStats(db: DbOrTx, projectId: number): Promise<ProjectStats> {
  const [row] = await queryRows<Record<keyof ProjectStats, string | number>>(
    db,
    sql`select
      (select count(*) from dialogues where project_id = ${projectId}) as dialogues,
      (select count(*) from characters where project_id = ${projectId}) as characters,
      (select count(*) from models where project_id = ${projectId}) as models,
      (select count(*) from responses where project_id = ${projectId}) as responses,
      (select count(*) from units where project_id = ${projectId}) as units,
      (select count(*) from dialogue_metrics where project_id = ${projectId}) as subset_metrics,
      (select count(*) from ratings where project_id = ${projectId}) as ratings,
      (select count(*) from project_members where project_id = ${projectId} and role = 'annotator') as annotators,
      (select count(*) from judges where project_id = ${projectId}) as judges`,
  );
  const out = {} as ProjectStats;
  for (const [k, v] of Object.entries(row)) out[k as keyof ProjectStats] = Number(v);
  return out;
}

export async function requireProjectBySlug(db: DbOrTx, slug: string) {
  const [p] = await db.select().from(projects).where(eq(projects.slug, slug)).limit(1);
  if (!p) throw notFound(`No project with the slug "${slug}"`);
  return p;
}
