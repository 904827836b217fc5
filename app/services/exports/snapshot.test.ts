// An export reads one consistent snapshot: what was committed when it started, however long it runs
// and whatever annotators submit meanwhile. And an abandoned export gives its connection back.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client";
import { useTestDb } from "../../../test/db";
import { makeAnnotators, makeCorpus } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { parseExportOptions, searchParamsSource } from "~/lib/forms/schemas/exports";
import { startExport } from "./run.server";
import { addRatings, adjudicate, decodeChunk, exportText, jsonLines, listUnits, type UnitRef } from "./testing/helpers";

const t = useTestDb();

describe("export snapshots", () => {
  let project: { id: number; slug: string };
  let units: UnitRef[];
  let raters: { id: string }[];

  beforeAll(async () => {
    project = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 40, models: ["m-a", "m-b"] });
    units = await listUnits(t.db, project.id);
    raters = await makeAnnotators(t.db, 2);
    await addRatings(
      t.db,
      project.id,
      units.slice(0, 50).map((u) => ({ unitId: u.id, annotatorId: raters[0].id, score: 2 })),
    );
  });

  it("reflects the state at its start while ratings and adjudications keep arriving", async () => {
    const handle = await openDatabase();
    const annotations = await startExport(
      handle,
      project,
      parseExportOptions("annotations", searchParamsSource(new URLSearchParams("format=jsonl"))),
      { count: true, batchSize: 5 },
    );
    const charrm = await startExport(handle, project, parseExportOptions("charrm", searchParamsSource(new URLSearchParams())), {
      count: true,
      batchSize: 5,
    });
    expect([annotations.count, charrm.count]).toEqual([50, 50]);
    const firstA = await annotations.chunks.next();
    const firstC = await charrm.chunks.next();
    // meanwhile: new ratings on rated and unrated units, an adjudication of a unit not yet streamed
    await addRatings(
      t.db,
      project.id,
      units.map((u) => ({ unitId: u.id, annotatorId: raters[1].id, score: 5 })),
    );
    await adjudicate(t.db, project.id, units[45].id, 1);
    let restA = "";
    for await (const c of annotations.chunks) restA += decodeChunk(c);
    let restC = "";
    for await (const c of charrm.chunks) restC += decodeChunk(c);
    const rowsA = jsonLines(decodeChunk(firstA.value!) + restA);
    const rowsC = jsonLines(decodeChunk(firstC.value!) + restC);
    expect(rowsA.length).toBe(50);
    expect(rowsA.every((r) => r.score === 2)).toBe(true);
    expect(rowsC.length).toBe(50);
    expect(rowsC.every((r) => r.score === 2 && r.n_ratings === 1 && !r.adjudicated)).toBe(true);
    // a new export sees everything
    const after = jsonLines((await exportText(project, "charrm")).text);
    expect(after.length).toBe(units.length);
    expect(after[45]).toMatchObject({ score: 1, adjudicated: true, ratings: [2, 5] });
  });

  it("gives the connection back when an export is abandoned, started or not", async () => {
    const handle = await openDatabase();
    const options = parseExportOptions("annotations", searchParamsSource(new URLSearchParams()));
    for (let i = 0; i < 15; i++) {
      const run = await startExport(handle, project, options, { batchSize: 3 });
      if (i % 2) await run.chunks.next();
      if (i % 3 === 0) await run.chunks.next();
      await run.close();
      await run.close();
    }
    await t.db.execute(sql`select 1`); // would wait forever if the pool had run dry
    expect(jsonLines((await exportText(project, "annotations", { format: "jsonl" })).text).length).toBe(50 + units.length);
  });
});
