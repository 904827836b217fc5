// Per-annotator pairs and their profile (product.md §11, docs/decisions/016), against a real database.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { metrics } from "#db/schema";
import { useTestDb } from "../../../test/db";
import { makeAnnotators, makeCorpus } from "../../../seeds/corpus-factory";
import { makeMember, makeProject } from "../../../seeds/factories";
import { opaqueAnnotatorId } from "./annotator-ids.server";
import { addRatings, exportText, jsonLines, listUnits, type NewRating } from "./testing/helpers";

const t = useTestDb();

describe("per-annotator pairs", () => {
  let project: { id: number; slug: string };
  const people: { id: string; email: string; name?: string | null }[] = [];
  let idA = "";
  let idB = "";
  let idC = "";

  beforeAll(async () => {
    project = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 2, models: ["m-a", "m-b", "m-c"], metricsPerDialogue: 1, characters: 1 });
    const units = await listUnits(t.db, project.id);
    const a = await makeMember(t.db, project.id, "annotator", "A");
    const b = await makeMember(t.db, project.id, "annotator", "B");
    const [c] = await makeAnnotators(t.db, 1); // scored, then left the project: no group
    people.push(a, b, c);
    [idA, idB, idC] = people.map((p) => opaqueAnnotatorId(project.id, p.id));
    const unit = (dialogue: string, model: string) => units.find((u) => u.dialogue === dialogue && u.model === model)!.id;
    // d-1's metric is lower-is-better: the lower score is the preferred side, for the annotator and the consensus alike
    const d1Metric = units.find((u) => u.dialogue === "d-1")!.metric;
    await t.db.update(metrics).set({ higherIsBetter: true }).where(eq(metrics.projectId, project.id));
    await t.db
      .update(metrics)
      .set({ higherIsBetter: false })
      .where(and(eq(metrics.projectId, project.id), eq(metrics.key, d1Metric)));
    const list: NewRating[] = [
      // d-0 — consensus (mean): m-a 3.5, m-b 3.5, m-c 4
      { unitId: unit("d-0", "m-a"), annotatorId: a.id, score: 5 },
      { unitId: unit("d-0", "m-b"), annotatorId: a.id, score: 3 },
      { unitId: unit("d-0", "m-c"), annotatorId: a.id, score: 4 },
      { unitId: unit("d-0", "m-a"), annotatorId: b.id, score: 2 },
      { unitId: unit("d-0", "m-b"), annotatorId: b.id, score: 4 },
      { unitId: unit("d-0", "m-c"), annotatorId: b.id, score: 4 },
      // d-1 (lower is better) — consensus: m-a 2.5, m-b 2
      { unitId: unit("d-1", "m-a"), annotatorId: a.id, score: 1 },
      { unitId: unit("d-1", "m-b"), annotatorId: a.id, score: 2 },
      { unitId: unit("d-1", "m-a"), annotatorId: c.id, score: 4 },
    ];
    await addRatings(t.db, project.id, list);
  });

  const pairsOf = async (params: Record<string, string> = {}) =>
    jsonLines((await exportText(project, "pairs", { "per-annotator": "true", ...params })).text);

  it("gives each annotator the pairs of their own scores, margin and direction as the pairs export", async () => {
    const pairs = await pairsOf();
    // the fields of the pairs export, then the annotator
    const [consensusPair] = jsonLines((await exportText(project, "pairs", { "min-margin": "0.5" })).text);
    for (const p of pairs) expect(Object.keys(p)).toEqual([...Object.keys(consensusPair), "annotator"]);
    const seen = pairs.map((p) => [p.annotator, p.dialogue_id, p.model_chosen, p.model_rejected, p.score_chosen, p.score_rejected]);
    expect(seen).toEqual([
      // d-0, A (5, 3, 4): a>c, a>b, c>b ; B (2, 4, 4): b=c is no pair, b>a, c>a — annotators in id order
      ...[
        [
          [idA, "d-0", "m-a", "m-c", 5, 4],
          [idA, "d-0", "m-a", "m-b", 5, 3],
          [idA, "d-0", "m-c", "m-b", 4, 3],
        ],
        [
          [idB, "d-0", "m-b", "m-a", 4, 2],
          [idB, "d-0", "m-c", "m-a", 4, 2],
        ],
      ]
        .sort((x, y) => (x[0][0] < y[0][0] ? -1 : 1))
        .flat(),
      // d-1, lower is better: A's 1 beats A's 2; C scored one response only
      [idA, "d-1", "m-a", "m-b", 1, 2],
    ]);
    expect(pairs.map((p) => p.margin)).toEqual(pairs.map((p) => Math.abs(p.score_chosen - p.score_rejected)));

    const wide = await pairsOf({ "min-margin": "2" });
    expect(wide.map((p) => [p.annotator, p.model_chosen, p.model_rejected])).toEqual(
      [
        [idA, "m-a", "m-b"],
        [idB, "m-b", "m-a"],
        [idB, "m-c", "m-a"],
      ].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)),
    );
  });

  it("uses ids that are opaque, distinct and stable across runs", async () => {
    const first = await exportText(project, "pairs", { "per-annotator": "1" });
    const again = await exportText(project, "pairs", { "per-annotator": "1" });
    expect(again.text).toBe(first.text);
    for (const id of [idA, idB, idC]) expect(id).toMatch(/^ann-[0-9a-f]{20}$/);
    expect(new Set([idA, idB, idC]).size).toBe(3);
    const profile = (await exportText(project, "pairs-annotators")).text;
    for (const p of people) {
      for (const text of [first.text, profile]) {
        expect(text).not.toContain(p.email);
        if (p.name) expect(text).not.toContain(p.name);
        expect(text).not.toContain(p.id);
      }
    }
    // per project: the same person is someone else in another project's export
    expect(opaqueAnnotatorId(project.id + 1, people[0].id)).not.toBe(idA);
  });

  it("profiles each annotator: pairs, agreement with the consensus order (ties left out) and group", async () => {
    const profile = jsonLines((await exportText(project, "pairs-annotators")).text);
    const byId = (rows: typeof profile) => Object.fromEntries(rows.map((r) => [r.annotator, r]));
    // A: a>c disagrees (3.5 < 4), a>b is a consensus tie, c>b agrees; d-1 a>b disagrees (2.5 is worse than 2) → 1 of 3
    // B: b>a is a consensus tie, c>a agrees → 1 of 1. C: no pair.
    expect(byId(profile)).toEqual({
      [idA]: { annotator: idA, group: "A", pairs: 4, compared: 3, agreeing: 1, agreement_with_majority: 0.333333 },
      [idB]: { annotator: idB, group: "B", pairs: 2, compared: 1, agreeing: 1, agreement_with_majority: 1 },
      [idC]: { annotator: idC, group: null, pairs: 0, compared: 0, agreeing: 0, agreement_with_majority: null },
    });
    expect(profile.map((r) => r.annotator)).toEqual([idA, idB, idC].sort());
    const wide = byId(jsonLines((await exportText(project, "pairs-annotators", { "min-margin": "2" })).text));
    expect([wide[idA].pairs, wide[idA].agreement_with_majority, wide[idB].pairs, wide[idB].agreement_with_majority]).toEqual([
      1,
      null,
      2,
      1,
    ]);
  });

  it("refuses per-annotator where it does not apply", async () => {
    await expect(exportText(project, "charrm", { "per-annotator": "1" })).rejects.toMatchObject({ status: 400, field: "per-annotator" });
    await expect(exportText(project, "pairs-annotators", { "per-annotator": "1" })).rejects.toMatchObject({ field: "per-annotator" });
  });
});
