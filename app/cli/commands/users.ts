import type { Db } from "#db/client";
import { requireProjectBySlug } from "~/services/projects.server";
import { createApiToken } from "~/services/tokens.server";
import { createUser, findUserByEmail } from "~/services/users.server";
import { notFound } from "~/lib/errors";
import { Args, UsageError } from "../args";
import type { CommandResult } from "../output";
import { readStdin } from "../stdin";

export async function userCreate(db: Db, a: Args): Promise<CommandResult> {
  const email = a.required("email");
  let password: string | null = null;
  if (a.has("password-stdin")) {
    password = (await readStdin().catch((e) => {
      throw new UsageError(String(e.message));
    })).replace(/\r?\n$/, "");
  }
  const u = await createUser(db, { email, password, name: a.optional("name"), isAdmin: a.has("admin") });
  return {
    json: { id: u.id, email: u.email, name: u.name, is_admin: u.isAdmin, can_sign_in: !!u.passwordHash },
    text: `Created ${u.isAdmin ? "admin " : ""}user ${u.email}${u.passwordHash ? "" : " (no password: cannot sign in until invited)"}`,
  };
}

export async function tokenCreate(db: Db, a: Args): Promise<CommandResult> {
  const email = a.required("email");
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound(`No user with the e-mail ${email}`);
  const slug = a.optional("project");
  const project = slug ? await requireProjectBySlug(db, slug) : null;
  const t = await createApiToken(db, { userId: user.id, projectId: project?.id ?? null, name: a.optional("name") ?? "cli" });
  return { json: { token: t.token }, text: `${t.token}\n(shown once; store it now)` };
}
