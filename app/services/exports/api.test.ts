// GET /api/projects/:slug/exports/:kind and the Export page's download route, called as Remix would.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDb } from "../../../test/db";
import { makeAnnotators, makeCorpus } from "../../../seeds/corpus-factory";
import { makeMember, makeProject } from "../../../seeds/factories";
import { startSession } from "~/auth/session.server";
import { loader as apiLoader } from "~/routes/api.projects.$slug.exports.$kind";
import { loader as pageLoader } from "~/routes/projects.$slug.export.$kind";
import { createApiToken } from "~/services/tokens.server";
import { addRatings, listUnits } from "./testing/helpers";

const t = useTestDb();

async function get(loader: typeof apiLoader, path: string, headers: Record<string, string>) {
  const request = new Request(`http://127.0.0.1:3000${path}`, { headers });
  const seg = new URL(request.url).pathname.split("/").filter(Boolean);
  const [slug, kind] = [seg[seg.indexOf("projects") + 1], seg[seg.length - 1]];
  return (await loader({ request, params: { slug, kind }, context: {} })) as Response;
}

describe("export over HTTP", () => {
  let p: { id: number; slug: string };
  let q: { id: number; slug: string };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    p = await makeProject(t.db);
    q = await makeProject(t.db);
    await makeCorpus(t.db, p.id, { dialogues: 5, models: ["m-a"] });
    const [rater] = await makeAnnotators(t.db, 1);
    await addRatings(
      t.db,
      p.id,
      (await listUnits(t.db, p.id)).map((u) => ({ unitId: u.id, annotatorId: rater.id, score: 4, comment: "=1+1" })),
    );
    const manager = await makeMember(t.db, p.id, "manager");
    const annotator = await makeMember(t.db, p.id, "annotator");
    const otherManager = await makeMember(t.db, q.id, "manager");
    tokens.manager = (await createApiToken(t.db, { userId: manager.id })).token;
    tokens.annotator = (await createApiToken(t.db, { userId: annotator.id, projectId: p.id })).token;
    tokens.outsider = (await createApiToken(t.db, { userId: otherManager.id })).token;
    tokens.scopedElsewhere = (await createApiToken(t.db, { userId: manager.id, projectId: q.id })).token;
    tokens.cookie = (await startSession(new Request("http://127.0.0.1:3000/login"), manager.id)).split(";")[0];
  });

  it("streams to a manager's token as an attachment with a fixed type and the record count", async () => {
    const res = await get(apiLoader, `/api/projects/${p.slug}/exports/charrm?consensus=median`, bearer(tokens.manager));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${p.slug}-charrm.jsonl"`);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Record-Count")).toBe("5");
    const lines = (await res.text()).trim().split("\n");
    expect(lines.length).toBe(5);
    expect(JSON.parse(lines[0])).toMatchObject({ score: 4, ratings: [4] });

    const csv = await get(apiLoader, `/api/projects/${p.slug}/exports/annotations?format=csv`, bearer(tokens.manager));
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe(`attachment; filename="${p.slug}-annotations.csv"`);
    expect((await csv.text()).split("\r\n")[1]).toMatch(/,'=1\+1,/);
  });

  it("serves per-annotator pairs and their profile as their own files, without e-mails", async () => {
    const own = await get(apiLoader, `/api/projects/${p.slug}/exports/pairs?per-annotator=true`, bearer(tokens.manager));
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Disposition")).toBe(`attachment; filename="${p.slug}-pairs-per-annotator.jsonl"`);
    expect(await own.text()).toBe(""); // one model: no two responses of a dialogue to compare
    const profile = await get(apiLoader, `/api/projects/${p.slug}/exports/pairs-annotators`, bearer(tokens.manager));
    expect(profile.headers.get("Content-Disposition")).toBe(`attachment; filename="${p.slug}-pairs-annotators.jsonl"`);
    const [record, ...rest] = (await profile.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect([record, rest]).toEqual([
      {
        annotator: expect.stringMatching(/^ann-[0-9a-f]{20}$/),
        group: null,
        pairs: 0,
        compared: 0,
        agreeing: 0,
        agreement_with_majority: null,
      },
      [],
    ]);
  });

  it("gives the snapshot's connection back when the client goes away mid-download", async () => {
    for (let i = 0; i < 15; i++) {
      const controller = new AbortController();
      const request = new Request(`http://127.0.0.1:3000/api/projects/${p.slug}/exports/annotations`, {
        headers: bearer(tokens.manager),
        signal: controller.signal,
      });
      const res = (await apiLoader({ request, params: { slug: p.slug, kind: "annotations" }, context: {} })) as Response;
      const reader = res.body!.getReader();
      await reader.read();
      if (i % 2) await reader.cancel();
      else controller.abort();
    }
    const res = await get(apiLoader, `/api/projects/${p.slug}/exports/annotations?format=jsonl`, bearer(tokens.manager));
    expect((await res.text()).trim().split("\n").length).toBe(5); // would hang if the pool had run dry
  });

  it("refuses an annotator's token (403), other projects (404), no token (401)", async () => {
    const forbidden = await get(apiLoader, `/api/projects/${p.slug}/exports/annotations`, bearer(tokens.annotator));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: "Forbidden" });
    for (const token of [tokens.outsider, tokens.scopedElsewhere]) {
      const res = await get(apiLoader, `/api/projects/${p.slug}/exports/annotations`, bearer(token));
      expect(res.status).toBe(404);
    }
    expect((await get(apiLoader, `/api/projects/${p.slug}/exports/annotations`, {})).status).toBe(401);
  });

  it("answers 400 naming the field for an unknown kind or filter", async () => {
    const cases: [string, string][] = [
      [`/api/projects/${p.slug}/exports/everything`, "kind"],
      [`/api/projects/${p.slug}/exports/charrm?bogus=1`, "bogus"],
      [`/api/projects/${p.slug}/exports/charrm?metric=Nope`, "metric"],
      [`/api/projects/${p.slug}/exports/annotations?format=xlsx`, "format"],
      [`/api/projects/${p.slug}/exports/generation-trans`, "model"],
      [`/api/projects/${p.slug}/exports/pairs?min-ratings=-1`, "min-ratings"],
    ];
    for (const [path, field] of cases) {
      const res = await get(apiLoader, path, bearer(tokens.manager));
      expect(res.status, path).toBe(400);
      const body = await res.json();
      expect(body.field, path).toBe(field);
      expect(body.error, path).toMatch(new RegExp(field === "kind" ? "kind" : field.replace("-", ".")));
    }
  });

  it("serves the Export page's download to the browser session; without one, sends to sign-in", async () => {
    const res = await get(pageLoader, `/projects/${p.slug}/export/annotations?format=jsonl`, { Cookie: tokens.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${p.slug}-annotations.jsonl"`);
    expect((await res.text()).trim().split("\n").length).toBe(5);
    const anonymous = await get(pageLoader, `/projects/${p.slug}/export/annotations`, {});
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?next=/);
  });
});
