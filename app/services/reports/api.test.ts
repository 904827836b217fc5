// GET /api/projects/:slug/reports/:kind, called as a scripted client would (Bearer token).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeMember, makeProject, makeUser } from "../../../seeds/factories";
import { useTestDb } from "../../../test/db";
import { loader } from "../../routes/api.projects.$slug.reports.$kind";
import { createApiToken } from "../tokens.server";
import { addMember } from "../projects.server";
import { stopReportWorker } from "./compute.server";
import { makeReportFixture } from "./testing";

process.env.ROLECALL_SECRET ||= "reports-api-test-secret-reports-api-test-secret";
const t = useTestDb();
afterAll(() => stopReportWorker());

let slug = "";
const tokens = { manager: "", annotator: "", outsider: "" };

beforeAll(async () => {
  const { project } = await makeReportFixture(t.db, { dialogues: 8 });
  slug = project.slug;
  const manager = await makeUser(t.db);
  await addMember(t.db, project.id, manager.email, "manager");
  const annotator = await makeMember(t.db, project.id, "annotator");
  const other = await makeProject(t.db);
  const outsider = await makeMember(t.db, other.id, "manager");
  tokens.manager = (await createApiToken(t.db, { userId: manager.id })).token;
  tokens.annotator = (await createApiToken(t.db, { userId: annotator.id, projectId: project.id })).token;
  tokens.outsider = (await createApiToken(t.db, { userId: outsider.id })).token;
});

async function get(path: string, token: string, kind: string, projectSlug = slug) {
  const request = new Request(`http://127.0.0.1/api/projects/${projectSlug}/reports/${kind}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return loader({ request, params: { slug: projectSlug, kind }, context: {} });
}

describe("reports API", () => {
  it("returns the §5 JSON of each report to a manager", async () => {
    for (const kind of ["agreement", "judges", "leaderboard"]) {
      const res = await get("", tokens.manager, kind);
      expect(res.status, kind).toBe(200);
      const body = await res.json();
      expect(body.project).toBe(slug);
      expect(Object.keys(body)).toEqual(
        kind === "agreement"
          ? ["project", "overall", "metrics", "annotators", "bootstrap", "between_groups"]
          : kind === "judges"
            ? ["project", "judges", "human_ceiling"]
            : ["project", "models"],
      );
    }
    const waited = await (await get("?wait=1", tokens.manager, "agreement")).json();
    expect(waited.bootstrap.status).toBe("ready");
  });

  it("is 403 for an annotator's token and 404 for outsiders, unknown kinds and projects", async () => {
    const forbidden = await get("", tokens.annotator, "agreement");
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: "Forbidden" });
    expect((await get("", tokens.outsider, "agreement")).status).toBe(404);
    expect((await get("", tokens.manager, "secrets")).status).toBe(404);
    expect((await get("", tokens.manager, "agreement", "no-such-project")).status).toBe(404);
    expect((await get("", "rc_not-a-real-token-at-all-000000", "agreement")).status).toBe(401);
  });

  it("serves CSV tables as formula-safe attachments and refuses unknown tables", async () => {
    const res = await get("?format=csv&table=pearson", tokens.manager, "judges");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}-judges-pearson.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so spreadsheets read UTF-8
    expect(new TextDecoder().decode(bytes.slice(3))).toMatch(/^metric,CharacterRM,gpt-4,human_ceiling\r\noverall,/);
    const bad = await get("?format=csv&table=users", tokens.manager, "judges");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/Unknown table/);
  });
});
