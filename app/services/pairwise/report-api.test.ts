// GET /api/projects/:slug/reports/pairwise as a scripted client calls it (Bearer token): the §11 document
// for managers, 403 for an annotator, 404 for another project's member, 400 across modes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeMember, makeProject, makeUser } from "../../../seeds/factories";
import { useTestDb } from "../../../test/db";
import { loader } from "../../routes/api.projects.$slug.reports.$kind";
import { addMember } from "../projects.server";
import { stopReportWorker } from "../reports/compute.server";
import { createApiToken } from "../tokens.server";
import { makePairwiseReportFixture } from "./report-fixture";

process.env.ROLECALL_SECRET ||= "pairwise-report-api-test-secret-pairwise-report";
const t = useTestDb();
afterAll(() => stopReportWorker());

let slug = "";
let scoringSlug = "";
const tokens = { manager: "", annotator: "", outsider: "" };

beforeAll(async () => {
  const { project, annotators } = await makePairwiseReportFixture(t.db, { dialogues: 6 });
  slug = project.slug;
  const manager = await makeUser(t.db);
  await addMember(t.db, project.id, manager.email, "manager");
  const scoring = await makeProject(t.db);
  scoringSlug = scoring.slug;
  await addMember(t.db, scoring.id, manager.email, "manager");
  const other = await makeProject(t.db);
  const outsider = await makeMember(t.db, other.id, "manager");
  tokens.manager = (await createApiToken(t.db, { userId: manager.id })).token;
  tokens.annotator = (await createApiToken(t.db, { userId: annotators[0].id, projectId: project.id })).token;
  tokens.outsider = (await createApiToken(t.db, { userId: outsider.id })).token;
});

async function get(token: string, kind = "pairwise", projectSlug = slug, query = "") {
  const request = new Request(`http://127.0.0.1/api/projects/${projectSlug}/reports/${kind}${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return loader({ request, params: { slug: projectSlug, kind }, context: {} });
}

describe("pairwise report API", () => {
  it("returns the §11 document to a manager", async () => {
    const res = await get(tokens.manager);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).slice(0, 3)).toEqual(["project", "overall", "metrics"]);
    expect(body.project).toBe(slug);
    expect(body.overall.models.map((p: { model: string }) => p.model)[0]).toBe("model-0");
    expect(Object.keys(body.overall.models[0])).toEqual(["model", "strength", "ci95", "rank", "wins", "losses", "ties"]);
    const download = await get(tokens.manager, "pairwise", slug, "?download=1");
    expect(download.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}-pairwise.json"`);
  });

  it("is 403 for an annotator of the project and 404 for another project's member", async () => {
    const forbidden = await get(tokens.annotator);
    expect(forbidden.status).toBe(403);
    expect((await get(tokens.outsider)).status).toBe(404);
  });

  it("is 400 with a message for the other mode's reports and for CSV", async () => {
    const scoring = await get(tokens.manager, "pairwise", scoringSlug);
    expect(scoring.status).toBe(400);
    expect((await scoring.json()).error).toMatch(/scoring project/);
    const agreement = await get(tokens.manager, "agreement");
    expect(agreement.status).toBe(400);
    expect((await agreement.json()).error).toMatch(/pairwise project: the agreement report/);
    const csv = await get(tokens.manager, "pairwise", slug, "?format=csv");
    expect(csv.status).toBe(400);
    expect(await csv.json()).toMatchObject({ error: expect.stringMatching(/JSON only/) });
  });
});
