import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeCorpus } from "../../seeds/corpus-factory";
import { makeMember, makeProject, makeUser, uniq } from "../../seeds/factories";
import { useTestDb } from "../../test/db";
import { ImportRejected } from "./import.server";
import { importedAnnotatorEmail, importRatings } from "./ratings-import.server";
import { verifyCredentials } from "./users.server";

const t = useTestDb();
const bytes = (text: string) => [Buffer.from(text)];

/** A project with dialogues d-0…d-3, models m1 and m2; dialogue i is scored on metric i mod 12 (+ the next). */
async function setup() {
  const project = await makeProject(t.db);
  await makeCorpus(t.db, project.id, { dialogues: 4, models: ["m1", "m2"], metricsPerDialogue: 2 });
  const count = async (table: "ratings" | "units" | "dialogue_metrics") =>
    Number((await queryRows<{ n: string }>(t.db, sql`select count(*) as n from ${sql.raw(table)} where project_id = ${project.id}`))[0].n);
  const version = async () =>
    Number((await queryRows<{ v: string }>(t.db, sql`select ratings_version as v from projects where id = ${project.id}`))[0].v);
  return { project, count, version };
}

const CSV_HEADER = "dialogue_id,model,metric,annotator,score,comment,active_ms\n";

async function rejection(p: Promise<unknown>): Promise<ImportRejected> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportRejected) return e;
    throw e;
  }
  throw new Error("the import was accepted");
}

describe("importRatings", () => {
  it("refuses a file with unknown names or scores off the scale, naming file, line and field, and writes nothing", async () => {
    const { project, count } = await setup();
    const file =
      CSV_HEADER +
      "d-0,m1,Fluency,ann-a,4,,\n" + // fine (line 2)
      "d-99,m1,Fluency,ann-a,4,,\n" + // unknown dialogue (line 3)
      "d-0,gpt-9,Fluency,ann-a,4,,\n" + // unknown model (line 4)
      "d-0,m1,Charisma,ann-a,4,,\n" + // unknown metric (line 5)
      "d-0,m2,Fluency,ann-a,9,,\n"; // off the 1–5 scale (line 6)
    const e = await rejection(importRatings(t.db, project.id, { source: bytes(file), name: "ratings.csv" }));
    expect(e.status).toBe(400);
    const found = e.errors.map((x) => [x.file, x.line, x.field]);
    expect(found).toEqual([
      ["ratings.csv", 3, "dialogue_id"],
      ["ratings.csv", 4, "model"],
      ["ratings.csv", 5, "metric"],
      ["ratings.csv", 6, "score"],
    ]);
    expect(e.message).toMatch(/ratings\.csv: record 2 \(line 3\), field "dialogue_id": no dialogue "d-99"/);
    expect(await count("ratings")).toBe(0);
    const [{ n }] = await queryRows<{ n: string }>(t.db, sql`select count(*) as n from project_members where project_id = ${project.id}`);
    expect(Number(n)).toBe(0);
  });

  it("creates accounts without a password for unknown annotators, adds them as annotators, and keeps e-mails", async () => {
    const { project, count, version } = await setup();
    const before = await version();
    const bob = `Bob-${uniq("b")}@Example.org`; // a new address (the suite's database may be shared)
    const file = CSV_HEADER + `d-0,m1,Fluency,Alice,4,good,1200\nd-0,m2,Fluency,张三,3,,\nd-0,m1,Fluency,${bob},5,,\n`;
    const r = await importRatings(t.db, project.id, { source: bytes(file), name: "r.csv" });
    expect(r).toMatchObject({ rows: 3, inserted: 3, unchanged: 0, units_created: 0, ratings: 3 });
    expect(await count("ratings")).toBe(3);
    expect(await version()).toBe(before + 1);

    expect(importedAnnotatorEmail("Alice")).toBe("alice@imported.rolecall");
    expect(importedAnnotatorEmail("Bob@Example.org")).toBe("bob@example.org");
    expect(importedAnnotatorEmail("张三")).toMatch(/^annotator-[0-9a-f]{8}@imported\.rolecall$/);
    expect(importedAnnotatorEmail("Ann Lee")).not.toBe(importedAnnotatorEmail("ann-lee"));
    const members = await queryRows<{ email: string; name: string; role: string; password_hash: string | null }>(
      t.db,
      sql`select u.email, u.name, m.role, u.password_hash from project_members m join users u on u.id = m.user_id
          where m.project_id = ${project.id} order by u.email`,
    );
    expect(members.map((m) => [m.email, m.role, m.password_hash])).toEqual(
      [
        [importedAnnotatorEmail("张三"), "annotator", null],
        ["alice@imported.rolecall", "annotator", null],
        [bob.toLowerCase(), "annotator", null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(members.find((m) => m.email === importedAnnotatorEmail("张三"))?.name).toBe("张三");
    expect(await verifyCredentials(t.db, "alice@imported.rolecall", "")).toBeNull();
    const [c] = await queryRows<{ comment: string; active_ms: number; source: string }>(
      t.db,
      sql`select comment, active_ms, source from ratings r join users u on u.id = r.annotator_id where r.project_id = ${project.id} and u.email = 'alice@imported.rolecall'`,
    );
    expect(c).toEqual({ comment: "good", active_ms: 1200, source: "import" });
  });

  it("re-importing the same file changes nothing; a different score for a rated unit is refused by line", async () => {
    const { project, count, version } = await setup();
    const jsonl = [
      { dialogue_id: "d-1", model: "m1", metric: "Coherence", annotator: "r1", score: 2 },
      { dialogue_id: "d-1", model: "m1", metric: "Coherence", annotator: "r2", score: 3 },
    ]
      .map((x) => JSON.stringify(x))
      .join("\n");
    await importRatings(t.db, project.id, { source: bytes(jsonl), name: "a.jsonl" });
    const v1 = await version();
    const again = await importRatings(t.db, project.id, { source: bytes(jsonl), name: "a.jsonl" });
    expect(again).toMatchObject({ rows: 2, inserted: 0, unchanged: 2, annotators_created: 0, ratings: 2 });
    expect(await version()).toBe(v1);

    const changed = CSV_HEADER + "d-2,m1,Consistency,r3,4,,\nd-1,m1,Coherence,r2,5,,\n";
    const e = await rejection(importRatings(t.db, project.id, { source: bytes(changed), name: "b.csv" }));
    expect(e.errors.map((x) => [x.line, x.field])).toEqual([[3, "score"]]);
    expect(e.errors[0].problem).toMatch(/already gave this unit 3/);
    expect(await count("ratings")).toBe(2); // the new row on line 2 was not written either
    expect(await version()).toBe(v1);
  });

  it("creates the units a rating needs outside the metric subset, and keeps rating_count", async () => {
    const { project, count } = await setup();
    const units = await count("units");
    const subsets = await count("dialogue_metrics");
    // d-0 is scored on Fluency and Coherence; Empathy is new for it
    const r = await importRatings(t.db, project.id, {
      source: bytes(CSV_HEADER + "d-0,m1,Empathy,r1,5,,\nd-0,m1,Empathy,r2,4,,\n"),
      name: "new-units.csv",
    });
    expect(r.units_created).toBe(2); // both responses of d-0 get the Empathy unit
    expect(await count("units")).toBe(units + 2);
    expect(await count("dialogue_metrics")).toBe(subsets + 1);
    const [u] = await queryRows<{ rating_count: number; n: string }>(
      t.db,
      sql`select f.rating_count, (select count(*) from ratings r where r.unit_id = u.id) as n
          from units u join unit_fill f on f.unit_id = u.id join metrics m on m.id = u.metric_id join responses s on s.id = u.response_id join models md on md.id = s.model_id
          where u.project_id = ${project.id} and m.key = 'Empathy' and md.name = 'm1'`,
    );
    expect(u.rating_count).toBe(2);
    expect(Number(u.n)).toBe(2);
  });

  it("refuses existing accounts outside the project by record, unless asked to enrol them; unclaimed placeholders join as before", async () => {
    const { project, count } = await setup();
    const other = await makeProject(t.db);
    const admin = await makeUser(t.db, { isAdmin: true });
    const elsewhere = await makeMember(t.db, other.id, "annotator");
    const passwordless = await makeUser(t.db, { password: null });
    const name = uniq("rater"); // a placeholder another project's import made, never claimed
    await makeCorpus(t.db, other.id, { dialogues: 1, models: ["m1"] });
    await importRatings(t.db, other.id, { source: bytes(CSV_HEADER + `d-0,m1,Fluency,${name},4,,\n`), name: "other.csv" });
    const file =
      CSV_HEADER +
      `d-0,m1,Fluency,${name},4,,\n` +
      `d-0,m1,Fluency,${admin.email},4,,\n` +
      `d-0,m2,Fluency,${elsewhere.email},3,,\n` +
      `d-0,m1,Coherence,${passwordless.email},2,,\n` +
      `d-0,m2,Coherence,${admin.email},5,,\n`;
    const e = await rejection(importRatings(t.db, project.id, { source: bytes(file), name: "r.csv" }));
    expect(e.errors.map((x) => [x.line, x.field])).toEqual([
      [3, "annotator"],
      [4, "annotator"],
      [5, "annotator"],
      [6, "annotator"],
    ]);
    expect(e.errors[0].problem).toBe(
      `${admin.email} is not a member of this project, and an import does not add existing accounts to a project: invite it first, or leave its records out`,
    );
    expect(await count("ratings")).toBe(0);

    const enrolled = await importRatings(t.db, project.id, { source: bytes(file), name: "r.csv" }, { enrolExisting: true });
    expect(enrolled).toMatchObject({ inserted: 5 });
    const roles = await queryRows<{ email: string; role: string }>(
      t.db,
      sql`select lower(u.email) as email, m.role from project_members m join users u on u.id = m.user_id where m.project_id = ${project.id}`,
    );
    expect(roles.map((r) => r.email).sort()).toEqual(
      [admin.email, elsewhere.email, passwordless.email, importedAnnotatorEmail(name)].sort(),
    );
    expect(roles.every((r) => r.role === "annotator")).toBe(true);
  });

  it("refuses a placeholder once its owner has claimed it with a password", async () => {
    const { project } = await setup();
    const name = uniq("rater");
    const other = await makeProject(t.db);
    await makeCorpus(t.db, other.id, { dialogues: 1, models: ["m1"] });
    await importRatings(t.db, other.id, { source: bytes(CSV_HEADER + `d-0,m1,Fluency,${name},4,,\n`), name: "other.csv" });
    await t.db.execute(sql`update users set password_hash = 'claimed' where email = ${importedAnnotatorEmail(name)}`);
    const e = await rejection(
      importRatings(t.db, project.id, { source: bytes(CSV_HEADER + `d-0,m1,Fluency,${name},4,,\n`), name: "r.csv" }),
    );
    expect(e.errors.map((x) => [x.line, x.field])).toEqual([[2, "annotator"]]);
  });
});
