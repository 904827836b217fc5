import { getDb } from "#db/client";
import { findProjectAccess, type Project } from "#db/queries/projects";
import type { MemberRole } from "~/domain/roles";
import { can, type Capability } from "./capabilities";
import { getAuth, requireUser, type CurrentUser } from "./session.server";

export type ProjectAccess = { user: CurrentUser; project: Project; role: MemberRole | null; groupName: string | null };

const notFound = () => new Response("Not found", { status: 404 });

/** The one place that decides project access: outsiders get 404 (the project's existence is not
 *  revealed), members without the capability get 403. A token scoped to another project is an outsider. */
export async function requireProject(request: Request, slug: string, capability: Capability = "viewProject"): Promise<ProjectAccess> {
  const user = await requireUser(request);
  const auth = await getAuth(request);
  const db = await getDb();
  const found = await findProjectAccess(db, slug, user.id);
  if (!found) throw notFound();
  const { project, membership } = found;
  if (auth?.tokenProjectId != null && auth.tokenProjectId !== project.id) throw notFound();
  if (!membership && !user.isAdmin) throw notFound();
  const role = membership?.role ?? null;
  if (!can(role, user.isAdmin, capability)) throw new Response("Forbidden", { status: 403 });
  return { user, project, role, groupName: membership?.groupName ?? null };
}

export async function requireAdmin(request: Request) {
  const user = await requireUser(request);
  if (!user.isAdmin) throw new Response("Forbidden", { status: 403 });
  return user;
}
