// Row factories shared by tests, e2e fixtures and benchmarks: each call makes unique names.
import crypto from "node:crypto";
import type { Db } from "#db/client";
import type { MemberRole } from "~/domain/roles";
import { addMember, createProject } from "~/services/projects.server";
import { createUser } from "~/services/users.server";

export const uniq = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString("hex")}`;

export async function makeUser(db: Db, opts: { password?: string | null; isAdmin?: boolean; name?: string } = {}) {
  const email = `${uniq("user")}@test.rolecall`;
  const password = opts.password === undefined ? "correct-horse-battery" : opts.password;
  const user = await createUser(db, { email, password, isAdmin: opts.isAdmin, name: opts.name });
  return { ...user, password };
}

export async function makeProject(db: Db, opts: { metricSetKey?: string; overlapK?: number; createdBy?: string | null } = {}) {
  return createProject(
    db,
    { slug: uniq("p"), name: "Test project", metricSetKey: opts.metricSetKey, overlapK: opts.overlapK },
    opts.createdBy ?? null,
  );
}

export async function makeMember(db: Db, projectId: number, role: MemberRole, group?: string) {
  const user = await makeUser(db);
  await addMember(db, projectId, user.email, role, group);
  return user;
}
