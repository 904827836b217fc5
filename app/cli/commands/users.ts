import type { Db } from "#db/client";
import { loadEnv } from "~/lib/env.server";
import { notFound } from "~/lib/errors";
import { issuePasswordLink, PASSWORD_LINK_HOURS } from "~/services/password-links.server";
import { requireProjectBySlug } from "~/services/projects.server";
import { createApiToken } from "~/services/tokens.server";
import { createUser, findUserByEmail } from "~/services/users.server";
import { Args, UsageError } from "../args";
import type { CommandResult } from "../output";
import type { Command } from "../registry";
import { readStdin } from "../stdin";

export async function userCreate(db: Db, a: Args): Promise<CommandResult> {
  const email = a.required("email");
  let password: string | null = null;
  if (a.has("password-stdin")) {
    password = (
      await readStdin().catch((e) => {
        throw new UsageError(String(e.message));
      })
    ).replace(/\r?\n$/, "");
  }
  const u = await createUser(db, { email, password, name: a.optional("name"), isAdmin: a.has("admin") });
  return {
    json: { id: u.id, email: u.email, name: u.name, is_admin: u.isAdmin, can_sign_in: !!u.passwordHash },
    text: `Created ${u.isAdmin ? "admin " : ""}user ${u.email}${u.passwordHash ? "" : " (no password: cannot sign in until activated with `user password-link`)"}`,
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

/** The operator's way to let the owner of an account without a password claim it: the link is printed
 *  once, for the operator to hand to that person (and to nobody else). */
async function userPasswordLink(db: Db, a: Args): Promise<CommandResult> {
  const link = await issuePasswordLink(db, { email: a.required("email"), issuedBy: null });
  const origin = loadEnv().origin;
  const url = origin ? origin + link.path : link.path;
  return {
    json: { email: link.email, link: url, expires_at: link.expiresAt.toISOString() },
    text:
      `One-time link for ${link.email} to set the account's password (expires in ${PASSWORD_LINK_HOURS} h; shown once):\n${url}` +
      (origin ? "" : "\n(ORIGIN is not set: put the server's address in front of the path)"),
  };
}

/** CLI commands of the accounts feature (registered in app/cli/main.ts). */
export const usersCommands: Record<string, Command> = {
  "user create": {
    flags: ["email", "name"],
    booleans: ["password-stdin", "admin"],
    run: userCreate,
    usage: "--email E --password-stdin [--admin]  (an admin needs a password)",
  },
  "user password-link": {
    flags: ["email"],
    run: userPasswordLink,
    usage: "--email E  (one-time link to set the password of an account that has none)",
  },
  "token create": { flags: ["email", "project", "name"], run: tokenCreate, usage: "--email E [--project S]" },
};
