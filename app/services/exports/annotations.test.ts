import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { goldUnits } from "#db/schema";
import { ANNOTATION_FIELDS } from "~/domain/export";
import { useTestDb } from "../../../test/db";
import { makeAnnotators, makeCorpus } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { addRatings, adjudicate, exportText, jsonLines, listUnits, type UnitRef } from "./testing/helpers";

const t = useTestDb();

/** RFC 4180 reader for the test: rows of cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(cell), (cell = ""));
    else if (ch === "\r" && text[i + 1] === "\n") (row.push(cell), rows.push(row), (row = []), (cell = ""), i++);
    else cell += ch;
  }
  return rows;
}

const COMMENTS = [
  '=HYPERLINK("http://evil.example","click")',
  "+1 great",
  "-2 bad",
  "@SUM(A1)",
  "\tTab",
  "\rCR",
  'multi\nline, "quoted"',
  null,
  "plain",
];

describe("annotations export", () => {
  let project: { id: number; slug: string };
  let other: { id: number; slug: string };
  let units: UnitRef[];
  let raters: { id: string; email: string }[];

  beforeAll(async () => {
    project = await makeProject(t.db);
    other = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 6, models: ["m-a", "m-b"], metricsPerDialogue: 2 });
    await makeCorpus(t.db, other.id, { dialogues: 3, models: ["m-a"] });
    units = await listUnits(t.db, project.id);
    raters = await makeAnnotators(t.db, 2);
    await addRatings(
      t.db,
      project.id,
      units.map((u, i) => ({
        unitId: u.id,
        annotatorId: raters[0].id,
        score: 1 + (i % 5),
        comment: COMMENTS[i % COMMENTS.length],
        activeMs: i % 2 ? 1000 + i : null,
      })),
    );
    await addRatings(
      t.db,
      project.id,
      units.slice(0, 4).map((u) => ({ unitId: u.id, annotatorId: raters[1].id, score: 3 })),
    );
    await addRatings(
      t.db,
      other.id,
      (await listUnits(t.db, other.id)).map((u) => ({ unitId: u.id, annotatorId: raters[0].id, score: 2 })),
    );
    await t.db.execute(sql`update units set is_gold = true where id = ${units[1].id}`);
    await t.db.insert(goldUnits).values({ unitId: units[2].id, projectId: project.id, expectedScore: 3 });
    await adjudicate(t.db, project.id, units[3].id, 4);
  });

  it("JSONL: every rating of this project, fields exactly, lossless", async () => {
    const { text, count } = await exportText(project, "annotations", { format: "jsonl" }, { count: true, batchSize: 5 });
    const rows = jsonLines(text);
    expect(rows.length).toBe(units.length + 4);
    expect(count).toBe(rows.length);
    expect(Object.keys(rows[0])).toEqual([...ANNOTATION_FIELDS]);
    rows.slice(0, units.length).forEach((r, i) => {
      expect(r).toEqual({
        project: project.slug,
        dialogue_id: units[i].dialogue,
        model: units[i].model,
        metric: units[i].metric,
        annotator: raters[0].email,
        score: 1 + (i % 5),
        comment: COMMENTS[i % COMMENTS.length],
        active_ms: i % 2 ? 1000 + i : null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        gold: i === 1 || i === 2,
        task_id: null,
        task_active_ms: null,
      });
    });
  });

  it("CSV: header, RFC 4180 quoting, and formula cells neutralised", async () => {
    const { text } = await exportText(project, "annotations");
    expect(text.split("\r\n")[0]).toBe(ANNOTATION_FIELDS.join(","));
    const [header, ...rows] = readCsv(text);
    expect(header).toEqual([...ANNOTATION_FIELDS]);
    expect(rows.length).toBe(units.length + 4);
    const comments = rows.map((r) => r[6]);
    expect(comments).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(comments).toContain("'+1 great");
    expect(comments).toContain("'-2 bad");
    expect(comments).toContain('multi\nline, "quoted"');
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("filters by metric, model, gold, adjudication and number of ratings", async () => {
    const rows = async (params: Record<string, string>) =>
      jsonLines((await exportText(project, "annotations", { format: "jsonl", ...params })).text);
    const metric = units[0].metric;
    expect((await rows({ metric })).every((r) => r.metric === metric)).toBe(true);
    const mb = await rows({ model: "m-b" });
    expect(mb.every((r) => r.model === "m-b")).toBe(true);
    expect(mb.length).toBe(units.filter((u) => u.model === "m-b").length + units.slice(0, 4).filter((u) => u.model === "m-b").length);
    expect((await rows({ "exclude-gold": "true" })).some((r) => r.gold)).toBe(false);
    expect((await rows({ "exclude-gold": "true" })).length).toBe(units.length + 4 - 4);
    expect((await rows({ "adjudicated-only": "1" })).map((r) => r.score)).toEqual([4, 3]);
    expect((await rows({ "min-ratings": "2" })).length).toBe(8);
    await expect(rows({ metric: "Nope" })).rejects.toMatchObject({ status: 400, field: "metric" });
    await expect(rows({ consensus: "mean" })).rejects.toMatchObject({ status: 400, field: "consensus" });
    await expect(rows({ format: "xml" })).rejects.toMatchObject({ status: 400, field: "format" });
  });

  it("never shows another project's ratings", async () => {
    const mine = jsonLines((await exportText(other, "annotations", { format: "jsonl" })).text);
    expect(mine.length).toBe(3);
    expect(mine.every((r) => r.project === other.slug && r.score === 2)).toBe(true);
  });
});
