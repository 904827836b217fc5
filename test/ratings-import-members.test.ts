// Issue 16, hole 7: a manager's ratings import never makes an existing account that is not a member of
// the project into one of its annotators; placeholders for unknown names are made as before.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findMembership } from "#db/queries/projects";
import { queryRows } from "#db/sql";
import { problemText, type Translate } from "~/domain/import";
import { createI18n } from "~/i18n/config";
import { translate } from "~/lib/forms/message";
import { action as importAction } from "~/routes/projects.$slug.reports.import";
import { makeCorpus } from "../seeds/corpus-factory";
import { makeMember, makeProject, makeUser, uniq } from "../seeds/factories";
import { callRoute, formRequest, sessionCookie } from "./account-helpers";
import { useTestDb } from "./db";

const t = useTestDb();
const translator = (lang: "en" | "zh"): Translate => {
  const { t: tr } = createI18n(lang);
  return (msg) => translate(tr, msg) ?? "";
};
const HEADER = "dialogue_id,model,metric,annotator,score,comment,active_ms\n";

async function setup() {
  const project = await makeProject(t.db);
  await makeCorpus(t.db, project.id, { dialogues: 2, models: ["m1"], metricsPerDialogue: 2 });
  const manager = await makeMember(t.db, project.id, "manager");
  const upload = async (csv: string) =>
    callRoute(
      importAction,
      formRequest(
        `/projects/${project.slug}/reports/import`,
        { intent: "ratings", file: new File([csv], "ratings.csv", { type: "text/csv" }) },
        await sessionCookie(manager.id),
      ),
      { slug: project.slug },
    );
  const ratingsOf = async () =>
    Number((await queryRows<{ n: string }>(t.db, sql`select count(*) as n from ratings where project_id = ${project.id}`))[0].n);
  return { project, upload, ratingsOf };
}

describe("ratings import page and existing accounts", () => {
  it("refuses records naming an existing non-member (an admin, another project's annotator), by line, and writes nothing", async () => {
    const { project, upload, ratingsOf } = await setup();
    const admin = await makeUser(t.db, { isAdmin: true });
    const elsewhere = await makeMember(t.db, (await makeProject(t.db)).id, "annotator");
    const newcomer = uniq("newcomer");
    const csv =
      HEADER + `d-0,m1,Fluency,${newcomer},4,,\nd-0,m1,Fluency,${admin.email},5,,\nd-0,m1,Coherence,${elsewhere.email.toUpperCase()},3,,\n`;
    const res = await upload(csv);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [3, "annotator"],
      [4, "annotator"],
    ]);
    expect(body.problems[0].problem).toContain(admin.email);
    expect(body.problems[1].problem).toContain(elsewhere.email);
    // the same problem as a key, which the page shows in its language
    expect(body.problems[0].i18n).toEqual({ key: "imports.problem.notMember", params: { email: admin.email } });
    expect(problemText(translator("zh"), body.problems[0].i18n)).toBe(
      `${admin.email} 不是本项目的成员，而导入不会把已有账号加入项目：请先邀请此人，或去掉这些记录`,
    );
    expect(problemText(translator("en"), body.problems[0].i18n)).toBe(body.problems[0].problem);
    expect(await findMembership(t.db, project.id, admin.id)).toBeFalsy();
    expect(await findMembership(t.db, project.id, elsewhere.id)).toBeFalsy();
    expect(await ratingsOf()).toBe(0);
    // all or nothing: the placeholder for the unknown name on line 2 was not made either
    const [{ n }] = await queryRows<{ n: string }>(
      t.db,
      sql`select count(*) as n from users where email = ${newcomer + "@imported.rolecall"}`,
    );
    expect(Number(n)).toBe(0);
  });

  it("imports ratings of members and of unknown names (placeholders), and its summary names no e-mail", async () => {
    const { project, upload, ratingsOf } = await setup();
    const member = await makeMember(t.db, project.id, "annotator");
    const fresh = `${uniq("fresh")}@test.rolecall`;
    const res = await upload(
      HEADER + `d-0,m1,Fluency,${member.email},4,,\nd-0,m1,Fluency,${fresh},5,,\nd-1,m1,Coherence,Someone New,2,,\n`,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toMatchObject({ rows: 3, inserted: 3 });
    expect(JSON.stringify(body)).not.toContain("@");
    expect(await ratingsOf()).toBe(3);
    const [{ role }] = await queryRows<{ role: string }>(
      t.db,
      sql`select m.role from project_members m join users u on u.id = m.user_id where m.project_id = ${project.id} and u.email = ${fresh}`,
    );
    expect(role).toBe("annotator");
  });
});
