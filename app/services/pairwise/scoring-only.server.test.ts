// Work that only makes sense on scores is refused on a pairwise project, naming where its choices go.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { markGold } from "../gold.server";
import { importJudgeScores } from "../judge-import.server";
import { startExport } from "../exports/run.server";
import { requireScoringProject } from "../projects.server";
import { importRatings } from "../ratings-import.server";
import { openDatabase } from "#db/client";

const t = useTestDb();
const bytes = (s: string) => [new TextEncoder().encode(s)];

describe("scoring-only work on a pairwise project", () => {
  it("refuses gold and judge scores with a 400 that says so, and lets a scoring project through", async () => {
    const pairwise = await makeQueueProject(t.db, { dialogues: 2, models: 2, annotators: 0, pairs: { design: "all" } });
    const [{ id }] = await queryRows<{ id: number }>(t.db, sql`select id from units where project_id = ${pairwise.project.id} limit 1`);
    await expect(markGold(t.db, pairwise.project.id, Number(id), 3, null)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("pairwise project"),
    });
    await expect(
      importJudgeScores(t.db, pairwise.project.id, { judge: "gpt4", source: bytes('{"id":"0"}\n'), name: "e.jsonl" }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Judges score single replies") });
    await expect(
      importRatings(t.db, pairwise.project.id, { source: bytes("dialogue_id,model,metric,annotator,score\n"), name: "r.csv" }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("import preferences"),
    });
    const handle = await openDatabase();
    await expect(startExport(handle, pairwise.project, { kind: "charrm" } as Parameters<typeof startExport>[2])).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("export preferences"),
    });
    const scoring = await makeQueueProject(t.db, { dialogues: 1, models: 1, annotators: 0 });
    await expect(requireScoringProject(t.db, scoring.project.id, "export")).resolves.toBeUndefined();
    await expect(requireScoringProject(t.db, pairwise.project.id, "export")).rejects.toMatchObject({ status: 400 });
  });
});
