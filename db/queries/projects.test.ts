import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "~/services/tokens.server";
import { authenticateApiToken } from "~/auth/api-token.server";
import { makeAnnotators } from "../../seeds/corpus-factory";
import { makeProject } from "../../seeds/factories";
import { useTestDb } from "../../test/db";
import { projectMembers } from "../schema";
import { findProjectAccess } from "./projects";

const t = useTestDb();

describe("project access looked up for concurrent requests", () => {
  it("answers each lookup of a batch with its own project and membership, nothing of another user's", async () => {
    const [p, q] = [await makeProject(t.db), await makeProject(t.db)];
    const [member, other, outsider] = await makeAnnotators(t.db, 3);
    await t.db.insert(projectMembers).values([
      { projectId: p.id, userId: member.id, role: "annotator", groupName: "A" },
      { projectId: q.id, userId: other.id, role: "manager" },
    ]);
    const asked: [string, string][] = [
      [p.slug, member.id],
      [p.slug, outsider.id],
      [q.slug, other.id],
      [q.slug, member.id],
      ["no-such-project", member.id],
    ];
    const found = await Promise.all(asked.map(([slug, user]) => findProjectAccess(t.db, slug, user)));
    expect(
      found.map((f) => f && [f.project.id, f.membership?.userId ?? null, f.membership?.role ?? null, f.membership?.groupName ?? null]),
    ).toEqual([
      [p.id, member.id, "annotator", "A"],
      [p.id, null, null, null],
      [q.id, other.id, "manager", null],
      [q.id, null, null, null],
      null,
    ]);
  });
});

describe("API tokens looked up for concurrent requests", () => {
  it("answers each token of a batch with its own user and project; unknown and revoked tokens fail", async () => {
    const p = await makeProject(t.db);
    const users = await makeAnnotators(t.db, 3);
    const tokens = await Promise.all(users.map((u, i) => createApiToken(t.db, { userId: u.id, projectId: i === 2 ? null : p.id })));
    const revoked = await createApiToken(t.db, { userId: users[1].id, projectId: p.id });
    await revokeApiToken(t.db, users[1].id, revoked.id);
    const asked = [tokens[0].token, tokens[1].token, tokens[0].token, revoked.token, tokens[2].token, "rc_unknownunknownunknownunknown"];
    const got = await Promise.all(asked.map((tok) => authenticateApiToken(tok)));
    expect(got.map((g) => g && [g.user.id, g.projectId])).toEqual([
      [users[0].id, p.id],
      [users[1].id, p.id],
      [users[0].id, p.id],
      null,
      [users[2].id, null],
      null,
    ]);
  });
});
