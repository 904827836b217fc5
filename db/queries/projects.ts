import { and, asc, eq, sql } from "drizzle-orm";
import { Batcher, batcherFor } from "../batch";
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

type Access = { slug: string; userId: string };
type Found = { project: Project; membership: typeof projectMembers.$inferSelect | null };

async function findOne(db: DbOrTx, a: Access): Promise<Found | null> {
  let q = projectAccess.get(db);
  if (!q) projectAccess.set(db, (q = projectAccessQuery(db)));
  const [row] = await q.execute(a);
  return row ?? null;
}

/** Several lookups in one query: the projects by slug, with the memberships of all the users asked about. */
async function findMany(db: DbOrTx, asked: Access[]): Promise<(Found | null)[]> {
  const rows = await db
    .select({ project: projects, membership: projectMembers })
    .from(projects)
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, projects.id), sql`${projectMembers.userId} = any(${sql.param(asked.map((a) => a.userId))}::text[])`),
    )
    .where(sql`${projects.slug} = any(${sql.param(asked.map((a) => a.slug))}::text[])`);
  return asked.map((a) => {
    const ofProject = rows.filter((r) => r.project.slug === a.slug);
    if (!ofProject.length) return null;
    return { project: ofProject[0].project, membership: ofProject.find((r) => r.membership?.userId === a.userId)?.membership ?? null };
  });
}

const accessBatchers = new WeakMap<DbOrTx, Batcher<Access, Found | null>>();

/** A project by slug with this user's membership (null when not a member), run by every project page
 *  and API call: a lone lookup is one prepared query; lookups of concurrent requests go together
 *  (db/batch.ts). */
export async function findProjectAccess(db: DbOrTx, slug: string, userId: string) {
  const b = batcherFor(
    accessBatchers,
    db,
    () => new Batcher<Access, Found | null>({ one: (a) => findOne(db, a), many: (as) => findMany(db, as) }),
  );
  return b.call({ slug, userId });
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
