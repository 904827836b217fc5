import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { makeCorpus } from "../../seeds/corpus-factory";
import { makeProject } from "../../seeds/factories";
import { useTestDb } from "../../test/db";
import { ImportRejected } from "./import.server";
import { importJudgeScores } from "./judge-import.server";

const t = useTestDb();
const bytes = (text: string) => [Buffer.from(text)];

async function setup() {
  const project = await makeProject(t.db);
  await makeCorpus(t.db, project.id, { dialogues: 3, models: ["m1", "m2"], metricsPerDialogue: 2 });
  const scores = () =>
    queryRows<{ judge: string; dialogue: string; model: string; metric: string; score: number }>(
      t.db,
      sql`select j.name as judge, d.external_id as dialogue, md.name as model, m.key as metric, js.score
          from judge_scores js join judges j on j.id = js.judge_id join units u on u.id = js.unit_id
          join dialogues d on d.id = u.dialogue_id join responses r on r.id = u.response_id join models md on md.id = r.model_id
          join metrics m on m.id = u.metric_id
          where js.project_id = ${project.id} order by j.name, d.external_id, md.name, m.key`,
    );
  const version = async () =>
    Number((await queryRows<{ v: string }>(t.db, sql`select ratings_version as v from projects where id = ${project.id}`))[0].v);
  return { project, scores, version };
}

/** CharacterEval's evaluation.jsonl: a JSON array; the score sits under the key named by metric_en. */
const evaluation = JSON.stringify([
  { id: "d-0", role: "role-0", context: "…", model_output: "…", metric_en: "Fluency", metric_zh: "对话流利度", Fluency: 3.25 },
  { id: "d-0", role: "role-0", context: "…", model_output: "…", metric_en: "Coherence", metric_zh: "对话连贯性", Coherence: 2 },
  { id: "d-1", role: "role-1", context: "…", model_output: "…", metric_en: "Coherence", metric_zh: "对话连贯性", Coherence: 4.5 },
]);

async function rejection(p: Promise<unknown>): Promise<ImportRejected> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportRejected) return e;
    throw e;
  }
  throw new Error("the import was accepted");
}

describe("importJudgeScores", () => {
  it("reads CharacterEval's evaluation file for the model given, and bumps ratings_version", async () => {
    const { project, scores, version } = await setup();
    const before = await version();
    const r = await importJudgeScores(t.db, project.id, {
      judge: "CharacterRM",
      model: "m2",
      source: bytes(evaluation),
      name: "evaluation.jsonl",
    });
    expect(r).toEqual({ judge: "CharacterRM", rows: 3, inserted: 3, updated: 0, unchanged: 0, judge_scores: 3 });
    expect(await scores()).toEqual([
      { judge: "CharacterRM", dialogue: "d-0", model: "m2", metric: "Coherence", score: 2 },
      { judge: "CharacterRM", dialogue: "d-0", model: "m2", metric: "Fluency", score: 3.25 },
      { judge: "CharacterRM", dialogue: "d-1", model: "m2", metric: "Coherence", score: 4.5 },
    ]);
    expect(await version()).toBe(before + 1);
  });

  it("asks for the model of an evaluation file", async () => {
    const { project } = await setup();
    const e = await rejection(
      importJudgeScores(t.db, project.id, { judge: "CharacterRM", source: bytes(evaluation), name: "evaluation.jsonl" }),
    );
    expect(e.message).toMatch(/does not name the model/);
  });

  it("reads CSV rows; the same file again changes nothing, a corrected one replaces scores", async () => {
    const { project, scores, version } = await setup();
    const csv = "dialogue_id,model,metric,score\nd-0,m1,Fluency,4.1\nd-1,m1,Consistency,-0.5\n";
    await importJudgeScores(t.db, project.id, { judge: "gpt-4", source: bytes(csv), name: "gpt4.csv" });
    const v = await version();
    const again = await importJudgeScores(t.db, project.id, { judge: "gpt-4", source: bytes(csv), name: "gpt4.csv" });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, judge_scores: 2 });
    expect(await version()).toBe(v);
    const fixed = await importJudgeScores(t.db, project.id, { judge: "gpt-4", source: bytes(csv.replace("4.1", "3.9")), name: "gpt4.csv" });
    expect(fixed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await scores()).map((s) => s.score)).toEqual([3.9, -0.5]);
    expect(await version()).toBe(v + 1);
  });

  it("refuses unknown names and units outside the metric subset, writing nothing", async () => {
    const { project, scores } = await setup();
    const csv = "dialogue_id,model,metric,score\nd-0,m1,Fluency,4\nd-0,m1,Empathy,4\nd-0,m3,Fluency,4\nnope,m1,Fluency,4\n";
    const e = await rejection(importJudgeScores(t.db, project.id, { judge: "gpt-4", source: bytes(csv), name: "bad.csv" }));
    expect(e.errors.map((x) => [x.line, x.field])).toEqual([
      [3, "metric"],
      [4, "model"],
      [5, "dialogue_id"],
    ]);
    expect(await scores()).toEqual([]);
    const [{ n }] = await queryRows<{ n: string }>(t.db, sql`select count(*) as n from judges where project_id = ${project.id}`);
    expect(Number(n)).toBe(0);
  });
});
