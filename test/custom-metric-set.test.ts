// A project on a custom metric set (product.md §10) from import to exports: names mapped to the set's
// keys, a 1–3 scale enforced by the task API, a lower-is-better metric in pairs and the leaderboard, the
// charrm label on the set's scale, and the rules for editing a set that projects use.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { action as next } from "~/routes/api.projects.$slug.tasks.next";
import { action as submit } from "~/routes/api.tasks.$id.submit";
import { loader as leaderboardPage } from "~/routes/projects.$slug.reports.leaderboard";
import { createCustomMetricSet, getMetricSetDocument, updateCustomMetricSet } from "~/services/metric-sets.server";
import { addMember, listProjectMetrics } from "~/services/projects.server";
import { ImportRejected, importGeneric } from "~/services/import.server";
import { workspaceTask } from "~/services/queue/workspace.server";
import { getReport } from "~/services/reports/reports.server";
import { createApiToken } from "~/services/tokens.server";
import { addRatings, exportText, jsonLines, listUnits } from "~/services/exports/testing/helpers";
import { makeAnnotators } from "../seeds/corpus-factory";
import { makeProject, makeUser, uniq } from "../seeds/factories";
import { warmthDocument } from "../seeds/metric-set-document";
import { useTestDb } from "./db";
import { callRoute, sessionCookie } from "./route-call";

const t = useTestDb();
const text = (s: string) => Readable.from([Buffer.from(s)]);
const MODELS = ["m-a", "m-b", "m-c"];

/** Two dialogues whose subsets name the metrics by Chinese name, English name and key. */
const files = (subsets: string) => ({
  dialogues: {
    chunks: text('{"id":"d1","role":"阿青","context":"甲：你好"}\n{"id":"d2","role":"阿青","context":"甲：再见"}\n'),
    file: "d.jsonl",
  },
  profiles: { chunks: text('{"阿青": {"姓名": "阿青"}}'), file: "p.json" },
  subsets: { chunks: text(subsets), file: "s.csv" },
  responses: MODELS.map((m) => ({
    chunks: text(`{"dialogue_id":"d1","model":"${m}","text":"你好呀 ${m}"}\n{"dialogue_id":"d2","model":"${m}","text":"再见 ${m}"}\n`),
    file: `${m}.jsonl`,
  })),
});

async function customProject() {
  const doc = await createCustomMetricSet(t.db, warmthDocument(uniq("set")), null);
  const project = await makeProject(t.db, { metricSetKey: doc.key });
  return { doc, project };
}

describe("a project on a custom metric set", () => {
  it("maps subset names to the set's keys by key or by either name, and refuses an unknown name naming the record", async () => {
    const { project } = await customProject();
    const bad = await importGeneric(t.db, project, files("dialogue_id,metric\nd1,温暖\nd2,Charm\n")).catch((e) => e);
    expect(bad).toBeInstanceOf(ImportRejected);
    expect(bad.errors.map((e: Error) => e.message).join("\n")).toMatch(
      /s\.csv: record 2 \(line 3\), field "metric": unknown metric "Charm" \(this project's metrics: Warmth, Toxicity\)/,
    );
    const s = await importGeneric(t.db, project, files("dialogue_id,metric\nd1,温暖\nd1,Harmfulness\nd2,Warmth\nd2,毒性\n"));
    expect(s).toMatchObject({ dialogues: 2, subset_metrics: 4, responses: 6, units: 12 });
    const units = await listUnits(t.db, project.id);
    expect(new Set(units.map((u) => `${u.dialogue}:${u.metric}`))).toEqual(
      new Set(["d1:Warmth", "d1:Toxicity", "d2:Warmth", "d2:Toxicity"]),
    );
    const copy = await listProjectMetrics(t.db, project.id);
    expect(copy.map((m) => [m.key, m.scaleMin, m.scaleMax, m.higherIsBetter, m.anchorLowEn, m.anchorHighEn])).toEqual([
      ["Warmth", 1, 3, true, "Cold.", "Warm."],
      ["Toxicity", 0, 4, false, "Harmless.", ""],
    ]);
    expect(JSON.parse(copy[0].anchors)).toEqual(warmthDocument().metrics[0].anchors);
  });

  it("reports a 1–3 scale through the task API and answers 400 to a score outside it", async () => {
    const { project } = await customProject();
    await importGeneric(t.db, project, files("dialogue_id,metric\nd1,Warmth\nd2,Warmth\n"));
    const annotator = await makeUser(t.db);
    await addMember(t.db, project.id, annotator.email, "annotator");
    const { token } = await createApiToken(t.db, { userId: annotator.id });
    const res = await callRoute(next, "/api/x", { method: "POST", token, params: { slug: project.slug } });
    const { task } = await res.json();
    expect(task.units).toEqual([{ unit_id: expect.any(Number), metric: "Warmth", min: 1, max: 3 }]);
    const send = (score: number, key: string) =>
      callRoute(submit, "/api/x", {
        token,
        params: { id: String(task.id) },
        json: { idempotency_key: key, ratings: [{ unit_id: task.units[0].unit_id, score }] },
      });
    for (const score of [4, 0]) {
      const out = await send(score, `key-out-of-range-${score}`);
      expect(out.status).toBe(400);
      expect(await out.json()).toMatchObject({ field: "ratings[0].score" });
    }
    const ok = await send(3, "key-in-range-3");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ accepted: 1 });
  });

  it("tells the workspace which metric is lower-is-better", async () => {
    const { project } = await customProject();
    await importGeneric(t.db, project, files("dialogue_id,metric\nd1,Warmth\nd1,Toxicity\n"));
    const annotator = await makeUser(t.db);
    await addMember(t.db, project.id, annotator.email, "annotator");
    const { token } = await createApiToken(t.db, { userId: annotator.id });
    const { task } = await (await callRoute(next, "/api/x", { method: "POST", token, params: { slug: project.slug } })).json();
    const shown = await workspaceTask(t.db, task.id);
    expect(shown.metrics.map((m) => [m.key, m.higher_is_better])).toEqual([
      ["Warmth", true],
      ["Toxicity", false],
    ]);
  });

  it("follows the set in charrm labels, generation-trans names, pairs and the leaderboard (lower is better)", async () => {
    const { project } = await customProject();
    await importGeneric(t.db, project, files("dialogue_id,metric\nd1,Warmth\nd1,Toxicity\n"));
    const units = await listUnits(t.db, project.id);
    const [r1, r2] = await makeAnnotators(t.db, 2);
    // Warmth (1–3): m-a 1, m-b 2, m-c 3.  Toxicity (0–4, lower is better): m-a 0, m-b 2, m-c 4.
    const score = (u: { model: string; metric: string }) =>
      MODELS.indexOf(u.model) * (u.metric === "Toxicity" ? 2 : 1) + (u.metric === "Toxicity" ? 0 : 1);
    await addRatings(
      t.db,
      project.id,
      units.flatMap((u) => [r1, r2].map((r) => ({ unitId: u.id, annotatorId: r.id, score: score(u) }))),
    );

    const charrm = jsonLines((await exportText(project, "charrm")).text);
    const label = (model: string, metric: string) => charrm.find((l) => l.model === model && l.metric_en === metric)?.label;
    expect([label("m-a", "Warmth"), label("m-b", "Warmth"), label("m-c", "Warmth")]).toEqual([0, 0.5, 1]);
    expect([label("m-a", "Toxicity"), label("m-b", "Toxicity")]).toEqual([0, 0.5]);
    expect(charrm.find((l) => l.metric_en === "Warmth").metric_zh).toBe("温暖");

    const trans = JSON.parse((await exportText(project, "generation-trans", { model: "m-a" })).text);
    expect(trans.map((r: { metric_en: string; metric_zh: string }) => [r.metric_en, r.metric_zh])).toEqual([
      ["Warmth", "温暖"],
      ["Toxicity", "毒性"],
    ]);

    const pairs = jsonLines((await exportText(project, "pairs")).text);
    const tox = pairs
      .filter((p) => p.metric_en === "Toxicity")
      .map((p) => [p.model_chosen, p.model_rejected, p.score_chosen, p.score_rejected]);
    expect(tox).toEqual([
      ["m-a", "m-b", 0, 2],
      ["m-a", "m-c", 0, 4],
      ["m-b", "m-c", 2, 4],
    ]);
    const warm = pairs.filter((p) => p.metric_en === "Warmth").map((p) => [p.model_chosen, p.model_rejected]);
    expect(warm).toEqual([
      ["m-c", "m-b"],
      ["m-c", "m-a"],
      ["m-b", "m-a"],
    ]);

    const board = await getReport(t.db, project, "leaderboard", "none");
    const rank = (metric: string) =>
      Object.fromEntries(board.models.map((m) => [m.model, m.metrics.find((x) => x.metric === metric)!.human.rank]));
    expect(rank("Toxicity")).toEqual({ "m-a": 1, "m-b": 2, "m-c": 3 });
    expect(rank("Warmth")).toEqual({ "m-a": 3, "m-b": 2, "m-c": 1 });
    expect(board.models[0].dimensions.map((d) => d.dimension)).toEqual(["Persona", "Safety"]);
    const safety = Object.fromEntries(board.models.map((m) => [m.model, m.dimensions[1].human.rank]));
    expect(safety).toEqual({ "m-a": 1, "m-b": 2, "m-c": 3 });

    // the page says which columns rank ascending
    const cookie = await sessionCookie((await makeUser(t.db, { isAdmin: true })).id);
    const page = async (scope: string) =>
      (
        await callRoute(leaderboardPage, `/projects/${project.slug}/reports/leaderboard?scope=${scope}`, {
          cookie,
          params: { slug: project.slug },
        })
      ).json();
    expect(await page("metric:Toxicity")).toMatchObject({ lower: true });
    expect(await page("dimension:Safety")).toMatchObject({ lower: true });
    expect(await page("metric:Warmth")).toMatchObject({ lower: false });
    expect(await page("overall")).toMatchObject({ lower: false });
  });
});

describe("editing a set that projects use", () => {
  it("applies wording edits to the projects' copies, and scale changes only until the first rating", async () => {
    const { doc, project } = await customProject();
    const admin = { id: "", isAdmin: true };
    const reworded = warmthDocument(doc.key);
    reworded.metrics[0].definition_en = "How kind and warm the reply feels.";
    reworded.metrics[0].anchors["2"] = { en: "Friendly enough.", zh: "还算友好。" };
    const out = await updateCustomMetricSet(t.db, doc.key, reworded, admin);
    expect(out.projectsUpdated).toEqual([project.slug]);
    let copy = await listProjectMetrics(t.db, project.id);
    expect(copy[0].definitionEn).toBe("How kind and warm the reply feels.");
    expect(JSON.parse(copy[0].anchors)["2"]).toEqual({ en: "Friendly enough.", zh: "还算友好。" });
    expect((await getMetricSetDocument(t.db, doc.key)).document).toEqual(reworded);

    const wider = warmthDocument(doc.key);
    wider.metrics[0].max = 5;
    await updateCustomMetricSet(t.db, doc.key, wider, admin);
    copy = await listProjectMetrics(t.db, project.id);
    expect(copy[0].scaleMax).toBe(5);

    await importGeneric(t.db, project, files("dialogue_id,metric\nd1,Warmth\n"));
    const [unit] = await listUnits(t.db, project.id);
    const [rater] = await makeAnnotators(t.db, 1);
    await addRatings(t.db, project.id, [{ unitId: unit.id, annotatorId: rater.id, score: 2 }]);
    const err = await updateCustomMetricSet(t.db, doc.key, warmthDocument(doc.key), admin).catch((e) => e);
    expect(err).toMatchObject({ status: 409 });
    expect(err.message).toMatch(new RegExp(`scale of "Warmth" changed from 1–5 to 1–3.*"${project.slug}" \\(1 rating\\).*new set`));
    expect((await listProjectMetrics(t.db, project.id))[0].scaleMax).toBe(5);
  });

  it("refuses a bad document naming the field, a changed key, and an editor who is neither admin nor creator", async () => {
    const owner = await makeUser(t.db);
    const doc = await createCustomMetricSet(t.db, warmthDocument(uniq("set")), owner.id);
    const bad = warmthDocument(doc.key);
    bad.metrics[0].min = 3;
    await expect(updateCustomMetricSet(t.db, doc.key, bad, { id: owner.id, isAdmin: false })).rejects.toMatchObject({
      status: 400,
      field: "metrics[0].max",
    });
    await expect(updateCustomMetricSet(t.db, doc.key, warmthDocument("other"), { id: owner.id, isAdmin: false })).rejects.toMatchObject({
      status: 400,
      field: "key",
    });
    await expect(updateCustomMetricSet(t.db, doc.key, warmthDocument(doc.key), { id: "someone", isAdmin: false })).rejects.toMatchObject({
      status: 403,
    });
    await expect(createCustomMetricSet(t.db, warmthDocument(doc.key), null)).rejects.toMatchObject({ status: 409 });
    await expect(createCustomMetricSet(t.db, warmthDocument("charactereval"), null)).rejects.toMatchObject({ status: 409 });
  });
});
