import { describe, expect, it } from "vitest";
import { acquireFolderLock } from "../db/lock";
import { uniq } from "../seeds/factories";
import { cliRunner } from "./cli-helper";

const cli = cliRunner();

describe("CLI contract (product.md §5)", () => {
  const email = `${uniq("cli")}@test.rolecall`;
  const slug = uniq("cli");

  it("creates a user from a password on stdin, a project, a member, a token, and prints stats", () => {
    const u = cli.run(["user", "create", "--email", email, "--password-stdin", "--admin", "--json"], "a-long-password\n");
    expect(u.code).toBe(0);
    expect(u.json()).toMatchObject({ email, is_admin: true, can_sign_in: true });

    const p = cli.run(["project", "create", "--slug", slug, "--name", "CLI project", "--overlap", "3", "--json"]);
    expect(p.code).toBe(0);
    expect(p.json()).toMatchObject({ slug, overlap: 3, metric_set: "charactereval" });

    const m = cli.run(["project", "add-member", "--project", slug, "--email", email, "--role", "annotator", "--group", "A", "--json"]);
    expect(m.json()).toEqual({ project: slug, email, role: "annotator", group: "A" });

    const tk = cli.run(["token", "create", "--email", email, "--project", slug, "--json"]);
    expect(Object.keys(tk.json())).toEqual(["token"]);
    expect(tk.json().token).toMatch(/^rc_/);

    const s = cli.run(["project", "stats", "--project", slug, "--json"]);
    expect(s.code).toBe(0);
    const stats = s.json();
    for (const k of ["dialogues", "characters", "responses", "units", "subset_metrics", "ratings"]) expect(typeof stats[k]).toBe("number");
    expect(stats.annotators).toBe(1);
  });

  it("exits 2 with the problem named on bad input and usage", () => {
    const cases: [string[], RegExp][] = [
      [["project", "create", "--slug", "NO WAY", "--name", "x", "--json"], /slug/],
      [["project", "create", "--name", "x"], /--slug is required/],
      [["project", "stats", "--project", "does-not-exist"], /does-not-exist/],
      [["project", "add-member", "--project", slug, "--email", email, "--role", "king"], /Role must be one of/],
      [["project", "frobnicate"], /unknown command/],
      [["user", "create", "--email", "not-an-email", "--json"], /e-mail/],
      [["project", "stats", "--project", slug, "--bogus", "1"], /Unknown flag --bogus/],
    ];
    for (const [args, message] of cases) {
      const r = cli.run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it("refuses clearly when the embedded folder is held by another process", () => {
    if (cli.env.DATABASE_URL) return; // PostgreSQL needs no folder lock
    const release = acquireFolderLock(cli.env.PGLITE_DIR!);
    try {
      const r = cli.run(["project", "stats", "--project", slug]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/in use by another Rolecall process/);
    } finally {
      release();
    }
  });
});
