// A project shaped for queue tests and benchmarks: `responses` responses whose dialogues carry 1–4
// metrics each (cycling), and `annotators` annotator members (optionally split into groups).
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "#db/sql";
import type { Db } from "#db/client";
import { projectMembers, projects } from "#db/schema";
import { insertCorpus } from "~/services/corpus.server";
import { claimNextTask } from "~/services/queue/claim.server";
import { submitRatings } from "~/services/queue/submit.server";
import { makeProject } from "./factories";
import { makeAnnotators } from "./corpus-factory";

const KEYS = [
  "Fluency",
  "Coherence",
  "Consistency",
  "Exposure",
  "Accuracy",
  "Hallucination",
  "Behavior",
  "Utterance",
  "Humanlikeness",
  "Communication_skills",
  "Diversity",
  "Empathy",
];

export async function makeQueueProject(
  db: Db,
  opts: {
    dialogues: number;
    models: number;
    annotators: number;
    k?: number;
    groups?: string[];
    maxMetrics?: number;
    /** a pairwise project (product.md §11) with this design of model pairs */
    pairs?: { design: "all" | "reference" | "balanced"; reference?: string; perPair?: number };
  },
) {
  const project = await makeProject(db, { overlapK: opts.k ?? 3 });
  if (opts.groups) await db.update(projects).set({ groupMode: true }).where(eq(projects.id, project.id));
  if (opts.pairs)
    await db
      .update(projects)
      .set({
        mode: "pairwise",
        pairDesign: opts.pairs.design,
        pairReferenceModel: opts.pairs.reference ?? null,
        pairTarget: opts.pairs.perPair ?? 0,
        disagreementRange: 0,
        goldRate: 0,
      })
      .where(eq(projects.id, project.id));
  const maxMetrics = opts.maxMetrics ?? 4;
  const models = Array.from({ length: opts.models }, (_, i) => `model-${i}`);
  await db.transaction((tx) =>
    insertCorpus(tx, project.id, {
      characters: [{ name: "甲", novelName: "书", profileJson: '{"姓名":"甲"}' }],
      dialogues: Array.from({ length: opts.dialogues }, (_, i) => ({
        externalId: String(i),
        role: "甲",
        novelName: "书",
        context: `乙：第${i}句\n甲：好`,
      })),
      subsets: Array.from({ length: opts.dialogues }, (_, i) => ({
        externalId: String(i),
        metrics: KEYS.slice(i % KEYS.length, (i % KEYS.length) + 1 + (i % maxMetrics)).concat(
          (i % KEYS.length) + 1 + (i % maxMetrics) > KEYS.length
            ? KEYS.slice(0, (i % KEYS.length) + 1 + (i % maxMetrics) - KEYS.length)
            : [],
        ),
      })),
      responses: Array.from({ length: opts.dialogues }, (_, i) =>
        models.map((m) => ({ externalId: String(i), model: m, text: `${m} ${i}`, scoredText: `${m} ${i}` })),
      ).flat(),
    }),
  );
  const annotators = opts.annotators > 0 ? await makeAnnotators(db, opts.annotators) : [];
  if (annotators.length)
    await db.insert(projectMembers).values(
      annotators.map((a, i) => ({
        projectId: project.id,
        userId: a.id,
        role: "annotator" as const,
        groupName: opts.groups ? opts.groups[i % opts.groups.length] : null,
      })),
    );
  const [fresh] = await db.select().from(projects).where(eq(projects.id, project.id));
  const [{ units }] = await queryRows<{ units: number }>(
    db,
    sql`select count(*)::int as units from units where project_id = ${project.id}`,
  );
  return { project: fresh, annotators, units: Number(units) };
}

/** One turn of an annotator: claim the next task and score all of its units 3. Returns the units scored. */
export async function claimAndSubmit(db: Db, project: { id: number }, annotatorId: string) {
  const c = await claimNextTask(db, project, annotatorId);
  if (c.taskId === null) throw new Error(`nothing to claim: ${c.reason}`);
  await submitRatings(
    db,
    { taskId: c.taskId, annotatorId },
    {
      idempotencyKey: crypto.randomUUID(),
      activeMs: 500,
      ratings: c.task.units.map((u) => ({ unit_id: u.unit_id, score: 3, comment: null })),
    },
  );
  return c.task.units.length;
}
