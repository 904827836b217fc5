// A small project with everything the reports read — ratings (1 to 3 per unit, so some units are not
// pairable and κ is undefined on some metrics), an adjudication, two judges — for tests and the e2e
// fixture. Scores are a fixed function of the unit and rater, so every run computes the same numbers.
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { queryRows } from "#db/sql";
import { adjudications, judges, judgeScores, projectMembers, ratings } from "#db/schema";
import { makeAnnotators, makeCorpus } from "../../../seeds/corpus-factory";
import { makeProject } from "../../../seeds/factories";
import { bumpRatingsVersion } from "./cache.server";

export type ReportFixtureOptions = { dialogues?: number; models?: string[]; annotators?: number; judges?: string[]; slug?: string };

export async function makeReportFixture(db: Db, opts: ReportFixtureOptions = {}) {
  const project = await makeProject(db);
  if (opts.slug) await db.execute(sql`update projects set slug = ${opts.slug}, name = 'Report study' where id = ${project.id}`);
  const models = opts.models ?? ["alpha-bot", "beta-bot", "gamma-bot"];
  await makeCorpus(db, project.id, { dialogues: opts.dialogues ?? 24, models, metricsPerDialogue: 2 });
  const raters = await makeAnnotators(db, opts.annotators ?? 4);
  await db.insert(projectMembers).values(raters.map((r) => ({ projectId: project.id, userId: r.id, role: "annotator" as const })));
  const units = await queryRows<{ id: number; model: string; metric_position: number }>(
    db,
    sql`select u.id, md.name as model, m.position as metric_position from units u
        join responses r on r.id = u.response_id join models md on md.id = r.model_id join metrics m on m.id = u.metric_id
        where u.project_id = ${project.id} order by u.position`,
  );
  const quality = (model: string) => models.indexOf(model);
  /** a fixed pseudo-random number in [0, 1) per (unit, slot): varied data, the same on every run */
  const noise = (ui: number, j: number) => {
    let h = Math.imul(ui + 1, 0x9e3779b1) ^ Math.imul(j + 7, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    return ((h ^ (h >>> 12)) >>> 0) / 4294967296;
  };
  const rows = units.flatMap((u, ui) =>
    Array.from({ length: 1 + (ui % 3) }, (_, j) => {
      const base = 1.6 + quality(u.model) * 0.8 + noise(ui, 99) * 2;
      const score = Math.max(1, Math.min(5, Math.round(base + (noise(ui, j) - 0.5) * 1.6)));
      return { projectId: project.id, unitId: Number(u.id), annotatorId: raters[(ui + j) % raters.length].id, score, source: "import" };
    }),
  );
  for (let i = 0; i < rows.length; i += 1000) await db.insert(ratings).values(rows.slice(i, i + 1000));
  await db.execute(sql`select rolecall_recount_fill(${project.id})`);
  await db.insert(adjudications).values({ unitId: Number(units[2].id), projectId: project.id, score: 5, note: "settled" });

  const judgeNames = opts.judges ?? ["CharacterRM", "gpt-4"];
  for (const [k, name] of judgeNames.entries()) {
    const [judge] = await db.insert(judges).values({ projectId: project.id, name }).returning();
    const scores = units
      .filter((_, ui) => ui % 5 !== k) // each judge misses some units
      .map((u, ui) => ({
        judgeId: judge.id,
        unitId: Number(u.id),
        projectId: project.id,
        score: 1.5 + quality(u.model) + noise(ui, 99) * 2 + noise(ui, 50 + k) * (k + 1),
      }));
    await db.insert(judgeScores).values(scores);
  }
  await bumpRatingsVersion(db, project.id);
  return { project: { ...project, slug: opts.slug ?? project.slug }, raters, units: units.length, ratings: rows.length };
}
