import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { metrics, projectMembers, projects, users, type MemberRole, memberRoles } from "#db/schema";
import { badRequest, invalid, keyedError, notFound } from "~/lib/errors";
import { OVERLAP, SLUG } from "~/lib/forms/schemas/project";
import { metricRows, resolveMetricSet } from "./metric-sets.server";
import { recordAudit } from "./audit.server";
import { bumpRatingsVersion } from "./reports/cache.server";
import { findUserByEmail } from "./users.server";

// the project queries routes need, so that routes reach the database through this service only
export { listMembers, listProjectsForUser, type Project } from "#db/queries/projects";

export { SLUG };

export type ProjectInput = {
  slug: string;
  name: string;
  description?: string;
  metricSetKey?: string;
  overlapK?: number;
  hideModelNames?: boolean;
  groupMode?: boolean;
  leaseSeconds?: number;
  /** product.md §11: "pairwise" compares two responses per unit; which pairs is `pairs` */
  mode?: "scoring" | "pairwise";
  pairs?: PairDesignInput;
};

export type PairDesignInput = { design: "all" | "reference" | "balanced"; reference?: string | null; perPair?: number };

function checkPairs(input: ProjectInput) {
  if (input.mode !== undefined && input.mode !== "scoring" && input.mode !== "pairwise") throw invalid("errors.mode", undefined, "mode");
  const p = input.pairs;
  if (!p || input.mode !== "pairwise") return;
  if (p.design === "reference" && !p.reference?.trim()) throw invalid("pairwise.errors.reference", undefined, "reference");
  if (p.design === "balanced" && !(Number.isInteger(p.perPair) && p.perPair! >= 1 && p.perPair! <= 1_000_000))
    throw invalid("pairwise.errors.perPair", { min: 1, max: 1_000_000 }, "per-pair");
}

function checkProjectInput(input: ProjectInput) {
  if (!SLUG.test(input.slug)) throw invalid("errors.slugRule", undefined, "slug");
  if (!input.name.trim()) throw invalid("errors.nameEmpty", undefined, "name");
  const k = input.overlapK ?? 2;
  if (!Number.isInteger(k) || k < OVERLAP.min || k > OVERLAP.max) throw invalid("errors.wholeNumber", OVERLAP, "overlap");
  const lease = input.leaseSeconds ?? 1200;
  if (!Number.isInteger(lease) || lease < 60 || lease > 86400) throw badRequest("The lease must be 60–86400 seconds", "leaseSeconds");
  checkPairs(input);
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
        ...(input.mode === "pairwise"
          ? {
              mode: "pairwise" as const,
              pairDesign: input.pairs?.design ?? "all",
              pairReferenceModel: input.pairs?.design === "reference" ? input.pairs.reference!.trim() : null,
              pairTarget: input.pairs?.design === "balanced" ? input.pairs.perPair! : 0,
              // a choice has no range to disagree on, and gold holds reference scores, not choices
              disagreementRange: 0,
              goldRate: 0,
            }
          : {}),
        createdBy,
      })
      .onConflictDoNothing()
      .returning();
    if (!project) throw keyedError(409, "errors.slugTaken", { slug: input.slug }, "slug");
    await tx.insert(metrics).values(metricRows(project.id, set));
    return project;
  });
}

export function parseRole(role: string): MemberRole {
  if (!(memberRoles as readonly string[]).includes(role)) throw invalid("errors.role", { roles: memberRoles.join(", ") }, "role");
  return role as MemberRole;
}

/** Adds an existing user to a project, or changes their role/group when already a member. */
export async function addMember(
  db: DbOrTx,
  projectId: number,
  email: string,
  role: MemberRole,
  groupName?: string | null,
  actorId: string | null = null,
) {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound(`No user with the e-mail ${email}; create the account first or send an invitation`);
  await db
    .insert(projectMembers)
    .values({ projectId, userId: user.id, role, groupName: groupName || null })
    .onConflictDoUpdate({
      target: [projectMembers.projectId, projectMembers.userId],
      set: { role, groupName: groupName || null },
    });
  await recordAudit(db, { projectId, actorId, kind: "member_added", detail: { member: user.email, role, group: groupName || null } });
  return { userId: user.id, email: user.email, role, group: groupName || null };
}

/** Changes a member's role and group, or removes them (role null). A project keeps at least one
 *  manager: the project row is locked first, so two managers demoting each other at once cannot both win. */
export async function changeMember(
  db: Db,
  projectId: number,
  userId: string,
  change: { role: MemberRole; groupName: string | null } | null,
  actorId: string | null = null,
) {
  await db.transaction(async (tx) => {
    await queryRows(tx, sql`select 1 from projects where id = ${projectId} for update`);
    const member = and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId));
    const [current] = await tx
      .select({ role: projectMembers.role, groupName: projectMembers.groupName, email: users.email })
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(member);
    if (!current) throw keyedError(404, "errors.notMember");
    if (current.role === "manager" && change?.role !== "manager") {
      const [{ n }] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from project_members where project_id = ${projectId} and role = 'manager'`,
      );
      if (n <= 1) throw keyedError(409, "errors.lastManager");
    }
    if (change) await tx.update(projectMembers).set({ role: change.role, groupName: change.groupName }).where(member);
    else await tx.delete(projectMembers).where(member);
    // groups decide the between-group agreement: a changed group makes the reports stale
    if (change?.groupName !== current.groupName) await bumpRatingsVersion(tx, projectId);
    const was = { role: current.role, group: current.groupName };
    await recordAudit(tx, {
      projectId,
      actorId,
      kind: change ? "member_role_changed" : "member_removed",
      detail: change
        ? { member: current.email, from: was, to: { role: change.role, group: change.groupName } }
        : { member: current.email, was },
    });
  });
}

export const removeMember = (db: Db, projectId: number, userId: string, actorId: string | null = null) =>
  changeMember(db, projectId, userId, null, actorId);

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

/** Work that only makes sense on scores (gold, judges, score imports, score exports) is refused on a
 *  pairwise project with a message that says where its choices go instead (product.md §11). */
export async function requireScoringProject(db: DbOrTx, projectId: number, what: "gold" | "judges" | "ratings" | "export") {
  const [p] = await db.select({ mode: projects.mode }).from(projects).where(eq(projects.id, projectId)).limit(1);
  if (p?.mode === "pairwise") throw invalid(`pairwise.errors.scoringOnly.${what}`);
}

export async function requireProjectBySlug(db: DbOrTx, slug: string) {
  const [p] = await db.select().from(projects).where(eq(projects.slug, slug)).limit(1);
  if (!p) throw notFound(`No project with the slug "${slug}"`);
  return p;
}
