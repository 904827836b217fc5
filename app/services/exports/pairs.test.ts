import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { metrics } from "#db/schema";
import { useTestDb } from "../../../test/db";
import { makeAnnotators, makeCorpus } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { addRatings, adjudicate, exportText, jsonLines, listUnits, type NewRating, type UnitRef } from "./testing/helpers";

const t = useTestDb();
const MODELS = ["m-a", "m-b", "m-c", "m-d"];
const PAIR_FIELDS = [
  "prompt",
  "chosen",
  "rejected",
  "metric_en",
  "dialogue_id",
  "model_chosen",
  "model_rejected",
  "score_chosen",
  "score_rejected",
  "margin",
  "split",
];

describe("pairs export", () => {
  let project: { id: number; slug: string };
  let units: UnitRef[];
  const scores = new Map<number, number>(); // unit → consensus (mean, or adjudicated)

  beforeAll(async () => {
    project = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 60, models: MODELS, metricsPerDialogue: 2, characters: 6 });
    units = await listUnits(t.db, project.id);
    const raters = await makeAnnotators(t.db, 3);
    const list: NewRating[] = [];
    for (const [i, u] of units.entries()) {
      if (i % 11 === 5) continue; // some units unrated: they pair with nobody
      const s = [1 + ((i * 7) % 5), 1 + ((i * 3 + 1) % 5)];
      s.forEach((score, r) => list.push({ unitId: u.id, annotatorId: raters[r].id, score }));
      scores.set(u.id, (s[0] + s[1]) / 2);
    }
    await addRatings(t.db, project.id, list);
    for (const u of units.filter((_, i) => i % 13 === 0)) {
      await adjudicate(t.db, project.id, u.id, 5);
      scores.set(u.id, 5);
    }
  });

  /** The pairs an independent reading of the ratings expects: (dialogue, metric, chosen, rejected). */
  function expectedPairs(minMargin: number, lowerIsBetter = new Set<string>()) {
    const groups = new Map<string, UnitRef[]>();
    for (const u of units)
      if (scores.has(u.id)) groups.set(`${u.dialogue}|${u.metric}`, [...(groups.get(`${u.dialogue}|${u.metric}`) ?? []), u]);
    const out = new Set<string>();
    for (const [key, g] of groups) {
      for (const a of g)
        for (const b of g) {
          const d = (scores.get(a.id)! - scores.get(b.id)!) * (lowerIsBetter.has(a.metric) ? -1 : 1);
          if (d > 0 && d >= minMargin - 1e-9) out.add(`${key}|${a.model}>${b.model}`);
        }
    }
    return out;
  }

  it("pairs only siblings of one dialogue and metric, with margins at least the minimum", async () => {
    for (const minMargin of [1, 2, 0.5]) {
      const pairs = jsonLines((await exportText(project, "pairs", minMargin === 1 ? {} : { "min-margin": String(minMargin) })).text);
      expect(pairs.length).toBeGreaterThan(20);
      const got = new Set(pairs.map((p) => `${p.dialogue_id}|${p.metric_en}|${p.model_chosen}>${p.model_rejected}`));
      expect(got).toEqual(expectedPairs(minMargin));
      expect(got.size).toBe(pairs.length);
      for (const p of pairs) {
        expect(Object.keys(p)).toEqual(PAIR_FIELDS);
        expect(p.margin).toBeGreaterThanOrEqual(minMargin - 1e-9);
        expect(p.margin).toBeCloseTo(p.score_chosen - p.score_rejected, 9);
        // the responses are the scored texts of that very dialogue (makeCorpus: "<model> reply <i>")
        const i = String(p.dialogue_id).slice(2);
        expect(p.chosen).toEqual([{ role: "assistant", content: `${p.model_chosen} reply ${i}` }]);
        expect(p.rejected).toEqual([{ role: "assistant", content: `${p.model_rejected} reply ${i}` }]);
        expect(p.prompt[0].role).toBe("system");
        expect(p.prompt.slice(1).map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
      }
    }
  });

  it("prefers the lower score on a metric whose direction is lower-is-better", async () => {
    const key = units[0].metric;
    const direction = (higherIsBetter: boolean) =>
      t.db
        .update(metrics)
        .set({ higherIsBetter })
        .where(and(eq(metrics.projectId, project.id), eq(metrics.key, key)));
    await direction(false);
    try {
      const pairs = jsonLines((await exportText(project, "pairs")).text);
      const got = new Set(pairs.map((p) => `${p.dialogue_id}|${p.metric_en}|${p.model_chosen}>${p.model_rejected}`));
      expect(got).toEqual(expectedPairs(1, new Set([key])));
      const flipped = pairs.filter((p) => p.metric_en === key);
      expect(flipped.length).toBeGreaterThan(5);
      for (const p of flipped) expect(p.margin).toBeCloseTo(p.score_rejected - p.score_chosen, 9);
    } finally {
      await direction(true);
    }
  });

  it("is deterministic across runs and keeps every dialogue (or character) in one split", async () => {
    const first = await exportText(project, "pairs", {}, { batchSize: 7 });
    const second = await exportText(project, "pairs");
    expect(second.text).toBe(first.text);
    const characterOf = new Map(units.map((u) => [u.dialogue, u.character]));
    const splitsOf = (pairs: { dialogue_id: string; split: string }[], key: (p: { dialogue_id: string }) => string) => {
      const m = new Map<string, Set<string>>();
      for (const p of pairs) m.set(key(p), (m.get(key(p)) ?? new Set()).add(p.split));
      return m;
    };
    const byDialogue = splitsOf(jsonLines(first.text), (p) => p.dialogue_id);
    expect([...byDialogue.values()].every((s) => s.size === 1)).toBe(true);
    const allSplits = new Set([...byDialogue.values()].flatMap((s) => [...s]));
    expect(allSplits).toEqual(new Set(["train", "dev", "test"]));

    for (const seed of ["a", "b"]) {
      const pairs = jsonLines((await exportText(project, "pairs", { "split-by": "character", seed })).text);
      const byCharacter = splitsOf(pairs, (p) => characterOf.get(p.dialogue_id)!);
      expect([...byCharacter.values()].every((s) => s.size === 1)).toBe(true);
    }
  });

  it("applies unit filters and the median consensus", async () => {
    const onlyAb = jsonLines((await exportText(project, "pairs", { model: "m-a,m-b", metric: units[0].metric })).text);
    expect(onlyAb.length).toBeGreaterThan(0);
    for (const p of onlyAb) {
      expect(new Set([p.model_chosen, p.model_rejected])).toEqual(new Set(["m-a", "m-b"]));
      expect(p.metric_en).toBe(units[0].metric);
    }
    const adjudicated = jsonLines((await exportText(project, "pairs", { "adjudicated-only": "1" })).text);
    expect(adjudicated).toEqual([]);
    const median = jsonLines((await exportText(project, "pairs", { consensus: "median", "min-ratings": "2" })).text);
    expect(median.length).toBeGreaterThan(0);
    await expect(exportText(project, "pairs", { "min-margin": "0" })).rejects.toMatchObject({ field: "min-margin" });
    await expect(exportText(project, "pairs", { format: "csv" })).rejects.toMatchObject({ field: "format" });
  });
});
