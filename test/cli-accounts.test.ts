// The operator's side of account security (issue 16): no admin without a password, one-time password
// links for accounts that have none, and ratings imports that enrol existing accounts only when asked.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { uniq } from "../seeds/factories";
import { cliRunner } from "./cli-helper";

const cli = cliRunner();
// every call is a process that opens the database (an embedded one migrates first): minutes on a busy machine
const SLOW = 300_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-cli-accounts-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe("user accounts from the CLI", () => {
  it(
    "refuses to create an admin without a password (exit 2), and creates none",
    () => {
      const email = `${uniq("root")}@test.rolecall`;
      const r = cli.run(["user", "create", "--email", email, "--admin", "--json"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/admin account needs a password/);
      expect(r.json()).toEqual({ error: expect.stringMatching(/password/) });
      // nothing was made: the same e-mail is still free
      const ok = cli.run(["user", "create", "--email", email, "--admin", "--password-stdin", "--json"], "a-long-password\n");
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.json()).toMatchObject({ email, is_admin: true, can_sign_in: true });
    },
    SLOW,
  );

  it(
    "issues a one-time password link for an account without a password, and only for one",
    () => {
      const email = `${uniq("imp")}@test.rolecall`;
      expect(cli.run(["user", "create", "--email", email]).code).toBe(0);
      const r = cli.run(["user", "password-link", "--email", email.toUpperCase(), "--json"]);
      expect(r.code, r.stderr).toBe(0);
      const out = r.json();
      expect(Object.keys(out)).toEqual(["email", "link", "expires_at"]);
      expect(out.email).toBe(email);
      expect(out.link).toMatch(/\/password\/[A-Za-z0-9_-]{32}$/);
      expect(new Date(out.expires_at).getTime()).toBeGreaterThan(Date.now());
      const text = cli.run(["user", "password-link", "--email", email]);
      expect(text.stdout).toMatch(/shown once/);

      const withPassword = `${uniq("pw")}@test.rolecall`;
      cli.run(["user", "create", "--email", withPassword, "--password-stdin"], "a-long-password\n");
      const refused = cli.run(["user", "password-link", "--email", withPassword]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/already has a password/);
      const unknown = cli.run(["user", "password-link", "--email", `${uniq("nobody")}@test.rolecall`]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/No user/);
    },
    SLOW,
  );
});

describe("import ratings and existing accounts", () => {
  it(
    "refuses records naming an existing non-member by line and e-mail, and enrols them with --enrol-existing",
    () => {
      const slug = uniq("enrol");
      expect(cli.run(["project", "create", "--slug", slug, "--name", "Enrol"]).code).toBe(0);
      const g = cli.run([
        "import",
        "generic",
        "--project",
        slug,
        "--dialogues",
        file(`${slug}-d.csv`, "id,role,context\nd1,role,甲：你好。\n"),
        "--responses",
        file(`${slug}-r.csv`, "dialogue_id,model,text\nd1,m1,hi\n"),
        "--subsets",
        file(`${slug}-s.csv`, "dialogue_id,metric\nd1,Fluency\n"),
      ]);
      expect(g.code, g.stderr).toBe(0);
      const existing = `${uniq("someone")}@test.rolecall`;
      cli.run(["user", "create", "--email", existing, "--password-stdin"], "a-long-password\n");
      const ratings = file(
        `${slug}-ratings.csv`,
        `dialogue_id,model,metric,annotator,score\nd1,m1,Fluency,${uniq("rater")},4\nd1,m1,Fluency,${existing},5\n`,
      );

      const refused = cli.run(["import", "ratings", "--project", slug, "--file", ratings, "--json"]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`record 2 (line 3), field "annotator": ${existing} is not a member of this project`);
      const stats = cli.run(["project", "stats", "--project", slug, "--json"]).json();
      expect(stats).toMatchObject({ ratings: 0, annotators: 0 });

      const enrolled = cli.run(["import", "ratings", "--project", slug, "--file", ratings, "--enrol-existing", "--json"]);
      expect(enrolled.code, enrolled.stderr).toBe(0);
      expect(enrolled.json()).toMatchObject({ inserted: 2, ratings: 2 });
      expect(cli.run(["project", "stats", "--project", slug, "--json"]).json()).toMatchObject({ annotators: 2 });
    },
    SLOW,
  );

  it(
    "names the consequence of --enrol-existing in the usage",
    () => {
      const r = cli.run(["import", "ratings"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--enrol-existing: existing accounts outside the project become its annotators, with these ratings/);
    },
    SLOW,
  );
});
