import { describe, expect, it } from "vitest";
import { makeProject, makeUser, uniq } from "../../seeds/factories";
import { useTestDb } from "../../test/db";
import { addMember, createProject, listProjectMetrics, projectStats } from "./projects.server";

const t = useTestDb();

describe("createProject", () => {
  it("copies the charactereval metric set into the project", async () => {
    const p = await makeProject(t.db);
    const metrics = await listProjectMetrics(t.db, p.id);
    expect(metrics.map((m) => m.key)).toEqual([
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
    ]);
    expect(metrics.find((m) => m.key === "Communication_skills")?.nameZh).toBe("交流技巧");
    expect(metrics.every((m) => m.scaleMin === 1 && m.scaleMax === 5 && m.definitionEn && m.anchorHighZh)).toBe(true);
  });

  it("keeps the mixed scales of the CharacterBench-style set", async () => {
    const p = await makeProject(t.db, { metricSetKey: "characterbench-mixed" });
    const scales = new Set((await listProjectMetrics(t.db, p.id)).map((m) => `${m.scaleMin}-${m.scaleMax}`));
    expect(scales).toEqual(new Set(["1-5", "1-3", "1-2"]));
  });

  it("refuses a taken slug, a bad slug, an unknown set and a bad overlap, writing nothing", async () => {
    const p = await makeProject(t.db);
    await expect(createProject(t.db, { slug: p.slug, name: "again" }, null)).rejects.toMatchObject({ status: 409 });
    await expect(createProject(t.db, { slug: "Bad Slug", name: "x" }, null)).rejects.toMatchObject({ status: 400, field: "slug" });
    const slug = uniq("p");
    await expect(createProject(t.db, { slug, name: "x", metricSetKey: "nope" }, null)).rejects.toMatchObject({ status: 400 });
    await expect(createProject(t.db, { slug, name: "x", overlapK: 0 }, null)).rejects.toMatchObject({ field: "overlap" });
    await expect(createProject(t.db, { slug, name: "x" }, null)).resolves.toMatchObject({ slug });
  });

  it("lets exactly one of two concurrent creations of one slug win", async () => {
    const slug = uniq("race");
    const results = await Promise.allSettled([
      createProject(t.db, { slug, name: "a" }, null),
      createProject(t.db, { slug, name: "b" }, null),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

describe("members and stats", () => {
  it("adds a member, changes their role on a second add, and refuses unknown users", async () => {
    const p = await makeProject(t.db);
    const u = await makeUser(t.db);
    await addMember(t.db, p.id, u.email.toUpperCase(), "annotator", "A");
    const again = await addMember(t.db, p.id, u.email, "adjudicator");
    expect(again.role).toBe("adjudicator");
    await expect(addMember(t.db, p.id, "nobody@x.org", "annotator")).rejects.toMatchObject({ status: 404 });
    const stats = await projectStats(t.db, p.id);
    expect(stats).toMatchObject({ dialogues: 0, units: 0, ratings: 0, annotators: 0 });
  });
});
