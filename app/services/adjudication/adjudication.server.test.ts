import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { queryRows } from "#db/sql";
import { makeCorpus } from "../../../seeds/corpus-factory";
import { makeMember, makeProject } from "../../../seeds/factories";
import { makeQueueProject } from "../../../seeds/queue-factory";
import { useTestDb } from "../../../test/db";
import { listAudit } from "../audit.server";
import { ImportRejected } from "../import.server";
import { updateProjectSettings } from "../project-settings.server";
import { claimNextTask } from "../queue/claim.server";
import { submitRatings } from "../queue/submit.server";
import { importRatings } from "../ratings-import.server";
import { importAdjudications } from "./import.server";
import { listAdjudications } from "./list.server";
import { adjudicationItem, claimAdjudication } from "./queue.server";
import { findUnit, resolveUnit } from "./resolve.server";

const t = useTestDb();
const bytes = (text: string) => [Buffer.from(text)];

/** The open set as the table holds it, and as the definition (product.md §9) computes it from ratings. */
async function openSets(db: Db, projectId: number) {
  const held = await queryRows<{ id: string }>(
    db,
    sql`select unit_id as id from disagreements where project_id = ${projectId} and resolved_at is null order by unit_id`,
  );
  const defined = await queryRows<{ id: string }>(
    db,
    sql`select u.id from units u join projects p on p.id = u.project_id
        cross join lateral (select count(*) as n, max(r.score) - min(r.score) as rg from ratings r where r.unit_id = u.id and not r.late) x
        where u.project_id = ${projectId} and p.disagreement_range > 0 and x.n >= 2 and x.rg >= p.disagreement_range
          and not exists (select 1 from adjudications a where a.unit_id = u.id)
        order by u.id`,
  );
  return { held: held.map((r) => Number(r.id)), defined: defined.map((r) => Number(r.id)) };
}

/** A seeded score per (unit, annotator): spreads of 0–4 on the 1–5 scale. */
const scoreOf = (unitId: number, who: string) => 1 + (crypto.createHash("sha256").update(`${unitId}:${who}`).digest()[0] % 5);

async function rateEverything(db: Db, projectId: number, annotators: { id: string }[]) {
  for (let round = 0; round < 40; round++) {
    let any = false;
    for (const a of annotators) {
      const c = await claimNextTask(db, { id: projectId }, a.id);
      if (c.taskId === null) continue;
      any = true;
      await submitRatings(
        db,
        { taskId: c.taskId, annotatorId: a.id },
        {
          idempotencyKey: crypto.randomUUID(),
          activeMs: 100,
          ratings: c.task.units.map((u) => ({ unit_id: u.unit_id, score: scoreOf(u.unit_id, a.id), comment: null })),
        },
      );
    }
    if (!any) return;
  }
}

describe("the open set", () => {
  it("equals the units whose on-time ratings span ≥ the setting, on live ratings, and follows the setting", async () => {
    const { project, annotators } = await makeQueueProject(t.db, { dialogues: 8, models: 2, annotators: 3, k: 3 });
    await rateEverything(t.db, project.id, annotators);
    let s = await openSets(t.db, project.id);
    expect(s.held.length).toBeGreaterThan(3);
    expect(s.held).toEqual(s.defined);
    for (const r of [4, 0, 1, 2]) {
      const settings = await updateProjectSettings(t.db, project.id, null, { disagreementRange: r });
      s = await openSets(t.db, project.id);
      expect(s.held).toEqual(s.defined);
      expect(settings.open_disagreements).toBe(s.held.length);
      if (r === 0) expect(s.held).toEqual([]);
    }
    const audit = await listAudit(t.db, project.id, { kind: "settings_changed" });
    expect(audit[0].detail).toEqual({ disagreementRange: { from: 1, to: 2 } });
  });

  it("equals the definition on imported ratings, in the import's transaction", async () => {
    const project = await makeProject(t.db);
    await makeCorpus(t.db, project.id, { dialogues: 3, models: ["m1", "m2"], metricsPerDialogue: 1 });
    const [{ metric }] = await queryRows<{ metric: string }>(
      t.db,
      sql`select m.key as metric from dialogue_metrics dm join metrics m on m.id = dm.metric_id join dialogues d on d.id = dm.dialogue_id
          where d.external_id = 'd-0' and dm.project_id = ${project.id}`,
    );
    const csv =
      "dialogue_id,model,metric,annotator,score\n" +
      `d-0,m1,${metric},ann-a,1\nd-0,m1,${metric},ann-b,3\n` + // range 2: open
      `d-0,m2,${metric},ann-a,2\nd-0,m2,${metric},ann-b,3\n` + // range 1: not open
      `d-1,m1,Fluency,ann-a,5\n`; // one rating: not open
    await importRatings(t.db, project.id, { source: bytes(csv), name: "r.csv" });
    const s = await openSets(t.db, project.id);
    expect(s.held).toEqual(s.defined);
    expect(s.held).toHaveLength(1);
    // a third rating widens the range of the second unit: it opens
    await importRatings(t.db, project.id, {
      source: bytes(`dialogue_id,model,metric,annotator,score\nd-0,m2,${metric},ann-c,5\n`),
      name: "r2.csv",
    });
    expect((await openSets(t.db, project.id)).held).toHaveLength(2);
  });
});

async function disputedProject() {
  const { project, annotators } = await makeQueueProject(t.db, { dialogues: 6, models: 2, annotators: 2, k: 2, maxMetrics: 3 });
  // every unit: one annotator says 1, the other 5
  for (let round = 0; round < 40; round++) {
    let any = false;
    for (const [i, a] of annotators.entries()) {
      const c = await claimNextTask(t.db, project, a.id);
      if (c.taskId === null) continue;
      any = true;
      await submitRatings(
        t.db,
        { taskId: c.taskId, annotatorId: a.id },
        {
          idempotencyKey: crypto.randomUUID(),
          activeMs: 1,
          ratings: c.task.units.map((u) => ({ unit_id: u.unit_id, score: i ? 5 : 1, comment: "why" })),
        },
      );
    }
    if (!any) break;
  }
  return { project, annotators };
}

describe("the adjudication queue", () => {
  it("hands a response's open units to one adjudicator, never the same unit to two, and resumes the lease", async () => {
    const { project } = await disputedProject();
    const a = await makeMember(t.db, project.id, "adjudicator");
    const b = await makeMember(t.db, project.id, "adjudicator");
    const ra = await claimAdjudication(t.db, project, a.id);
    const rb = await claimAdjudication(t.db, project, b.id);
    expect(ra).not.toBeNull();
    expect(rb).not.toBe(ra);
    const ia = (await adjudicationItem(t.db, project.id, ra!, a.id))!;
    const ib = (await adjudicationItem(t.db, project.id, rb!, b.id))!;
    // siblings together: every open unit of the response
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from disagreements where response_id = ${ra} and resolved_at is null`,
    );
    expect(ia.units).toHaveLength(Number(n));
    expect(ia.units[0].ratings.map((r) => r.score).sort()).toEqual([1, 5]);
    expect(ia.units[0].ratings[0].comment).toBe("why");
    expect(ia.units.map((u) => u.unit_id).filter((u) => ib.units.some((x) => x.unit_id === u))).toEqual([]);
    expect(await claimAdjudication(t.db, project, a.id)).toBe(ra);
    // b cannot settle a's unit while a holds it
    await expect(
      resolveUnit(t.db, {
        projectId: project.id,
        unitId: ia.units[0].unit_id,
        adjudicatorId: b.id,
        score: 3,
        source: "api",
        respectLease: true,
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("settles a unit: final score, history, out of the open set, report stamp and audit; re-adjudication keeps the history", async () => {
    const { project } = await disputedProject();
    const other = await makeProject(t.db);
    const a = await makeMember(t.db, project.id, "adjudicator");
    const r = (await claimAdjudication(t.db, project, a.id))!;
    const unit = (await adjudicationItem(t.db, project.id, r, a.id))!.units[0];
    const version = async () =>
      Number((await queryRows<{ v: string }>(t.db, sql`select ratings_version as v from projects where id = ${project.id}`))[0].v);
    const v0 = await version();
    await expect(
      resolveUnit(t.db, { projectId: project.id, unitId: unit.unit_id, adjudicatorId: a.id, score: 9, source: "app" }),
    ).rejects.toMatchObject({
      status: 400,
      field: "score",
    });
    await expect(
      resolveUnit(t.db, { projectId: other.id, unitId: unit.unit_id, adjudicatorId: a.id, score: 3, source: "app" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    const first = await resolveUnit(t.db, {
      projectId: project.id,
      unitId: unit.unit_id,
      adjudicatorId: a.id,
      score: 4,
      note: "context",
      source: "app",
    });
    expect(first.previous_score).toBeNull();
    const again = await resolveUnit(t.db, { projectId: project.id, unitId: unit.unit_id, adjudicatorId: a.id, score: 2, source: "cli" });
    expect(again.previous_score).toBe(4);
    expect(await version()).toBe(v0 + 2);
    const history = await queryRows<{ score: number; source: string }>(
      t.db,
      sql`select score, source from adjudication_history where unit_id = ${unit.unit_id} order by id`,
    );
    expect(history).toEqual([
      { score: 4, source: "app" },
      { score: 2, source: "cli" },
    ]);
    const s = await openSets(t.db, project.id);
    expect(s.held).not.toContain(unit.unit_id);
    expect(s.held).toEqual(s.defined);
    const listed: { status: string; final_score?: number }[] = [];
    for await (const u of listAdjudications(t.db, project.id, "resolved")) listed.push(u);
    expect(listed).toEqual([
      expect.objectContaining({ status: "resolved", final_score: 2, adjudicator: a.email, note: "", range: 4, scores: [1, 5] }),
    ]);
    const audit = await listAudit(t.db, project.id, { kind: "adjudication", actor: a.email });
    expect(audit).toHaveLength(2);
  });
});

describe("import adjudications", () => {
  it("writes all or nothing, naming the bad record, and a re-import changes nothing", async () => {
    const { project } = await disputedProject();
    const adj = await makeMember(t.db, project.id, "adjudicator");
    const annotator = await makeMember(t.db, project.id, "annotator");
    const open: { dialogue_id: string; model: string; metric: string }[] = [];
    for await (const u of listAdjudications(t.db, project.id, "open")) open.push(u);
    const [u1, u2] = open;
    const header = "dialogue_id,model,metric,score,adjudicator,note\n";
    const bad =
      header +
      `${u1.dialogue_id},${u1.model},${u1.metric},3,${adj.email},ok\n` +
      `${u2.dialogue_id},${u2.model},${u2.metric},3,${annotator.email},not allowed\n` +
      `${u2.dialogue_id},nope,${u2.metric},3,${adj.email},\n`;
    const e = (await importAdjudications(t.db, project.id, { source: bytes(bad), name: "adj.csv" }, null).catch(
      (x) => x,
    )) as ImportRejected;
    expect(e).toBeInstanceOf(ImportRejected);
    expect(e.errors.map((x) => [x.line, x.field])).toEqual([
      [3, "adjudicator"],
      [4, "model"],
    ]);
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from adjudications where project_id = ${project.id}`,
    );
    expect(Number(n)).toBe(0);
    const good =
      header +
      `${u1.dialogue_id},${u1.model},${u1.metric},3,${adj.email},ok\n` +
      `${u2.dialogue_id},${u2.model},${u2.metric},4,${adj.email.toUpperCase()},\n`;
    const r1 = await importAdjudications(t.db, project.id, { source: bytes(good), name: "adj.csv" }, null);
    expect(r1).toMatchObject({ rows: 2, written: 2, unchanged: 0, open: open.length - 2 });
    const r2 = await importAdjudications(t.db, project.id, { source: bytes(good), name: "adj.csv" }, null);
    expect(r2).toMatchObject({ written: 0, unchanged: 2 });
    const unit = await findUnit(t.db, project.id, u2.dialogue_id, u2.model, u2.metric);
    const [{ score }] = await queryRows<{ score: number }>(t.db, sql`select score from adjudications where unit_id = ${unit}`);
    expect(score).toBe(4);
  });
});
