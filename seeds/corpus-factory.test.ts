import { describe, expect, it } from "vitest";
import { countCorpus } from "~/services/corpus.server";
import { projectStats } from "~/services/projects.server";
import { useTestDb } from "../test/db";
import { makeAnnotators, makeCorpus, makeRatings } from "./corpus-factory";
import { makeProject } from "./factories";

const t = useTestDb();

describe("insertCorpus through the synthetic factory", () => {
  it("creates units for every response × subset metric, and a re-import changes nothing", async () => {
    const p = await makeProject(t.db);
    const first = await makeCorpus(t.db, p.id, { dialogues: 20, models: ["m1", "m2", "m3"], metricsPerDialogue: 2 });
    expect(first).toEqual({ characters: 3, dialogues: 20, subset_metrics: 40, responses: 60, units: 120 });
    const again = await makeCorpus(t.db, p.id, { dialogues: 20, models: ["m1", "m2", "m3"], metricsPerDialogue: 2 });
    expect(again).toEqual({ characters: 0, dialogues: 0, subset_metrics: 0, responses: 0, units: 0 });
    expect(await countCorpus(t.db, p.id)).toEqual({ characters: 3, dialogues: 20, subset_metrics: 40, responses: 60, units: 120 });
    const raters = await makeAnnotators(t.db, 4);
    expect(
      await makeRatings(
        t.db,
        p.id,
        raters.map((r) => r.id),
        { perUnit: 2 },
      ),
    ).toBe(240);
    expect((await projectStats(t.db, p.id)).ratings).toBe(240);
  });
});
