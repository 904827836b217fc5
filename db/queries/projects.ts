import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { projectMembers, projects, users } from "../schema";

export type Project = typeof projects.$inferSelect;

export async function findProjectBySlug(db: DbOrTx, slug: string) {
  const [p] = await db.select().from(projects).where(eq(projects.slug, slug)).limit(1);
  return p ?? null;
}

function projectAccessQuery(db: DbOrTx) {
  return db
    .select({ project: projects, membership: projectMembers })
    .from(projects)
    .leftJoin(projectMembers, and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, sql.placeholder("userId"))))
    .where(eq(projects.slug, sql.placeholder("slug")))
    .limit(1)
    .prepare("find_project_access");
}
const projectAccess = new WeakMap<DbOrTx, ReturnType<typeof projectAccessQuery>>();

/** A project by slug with this user's membership (null when not a member): one prepared query, run by
 *  every project page and API call. */
export async function findProjectAccess(db: DbOrTx, slug: string, userId: string) {
  let q = projectAccess.get(db);
  if (!q) projectAccess.set(db, (q = projectAccessQuery(db)));
  const [row] = await q.execute({ slug, userId });
  return row ?? null;
}

export async function findMembership(db: DbOrTx, projectId: number, userId: string) {
  const [m] = await db
    .select()
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .limit(1);
  return m ?? null;
}

/** Projects a user sees on the home page, with their role (admins see all). */
export async function listProjectsForUser(db: DbOrTx, userId: string, isAdmin: boolean) {
  const rows = await db
    .select({ project: projects, role: projectMembers.role })
    .from(projects)
    .leftJoin(projectMembers, and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, userId)))
    .where(isAdmin ? sql`true` : sql`${projectMembers.userId} is not null`)
    .orderBy(asc(projects.name));
  return rows;
}

export async function listMembers(db: DbOrTx, projectId: number) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      canSignIn: sql<boolean>`${users.passwordHash} is not null`,
      role: projectMembers.role,
      groupName: projectMembers.groupName,
      paused: projectMembers.paused,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.role), asc(users.email));
}
