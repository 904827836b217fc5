// Issue 19's audit trail for the actions outside adjudication: members, invitations, tokens, imports and
// exports each leave one entry with who did it, in the project it concerns, and never a secret.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "#db/sql";
import { listAudit } from "~/services/audit.server";
import { exportResponse } from "~/services/exports/http.server";
import { createInvitation, revokeInvitation } from "~/services/invitations.server";
import { changeMember, removeMember } from "~/services/projects.server";
import { importRatings } from "~/services/ratings-import.server";
import { createApiToken, revokeApiToken } from "~/services/tokens.server";
import { makeCorpus } from "../seeds/corpus-factory";
import { makeMember, makeProject } from "../seeds/factories";
import { useTestDb } from "./db";

const t = useTestDb();

async function setup() {
  const project = await makeProject(t.db);
  const manager = await makeMember(t.db, project.id, "manager");
  return { project, manager };
}

describe("audit trail", () => {
  it("records member changes and removals with the member and the roles before and after", async () => {
    const { project, manager } = await setup();
    const member = await makeMember(t.db, project.id, "annotator", "A");
    const stamp = async () =>
      Number((await queryRows<{ v: string }>(t.db, sql`select ratings_version as v from projects where id = ${project.id}`))[0].v);
    const before = await stamp();
    await changeMember(t.db, project.id, member.id, { role: "adjudicator", groupName: null }, manager.id);
    // the group decides the between-group agreement: the reports' stamp moves with it
    expect(await stamp()).toBeGreaterThan(before);
    await removeMember(t.db, project.id, member.id, manager.id);
    const entries = await listAudit(t.db, project.id, { actor: manager.email });
    expect(entries.map((e) => e.kind)).toEqual(["member_removed", "member_role_changed"]);
    expect(entries[1].detail).toEqual({
      member: member.email,
      from: { role: "annotator", group: "A" },
      to: { role: "adjudicator", group: null },
    });
    expect(entries[0].detail).toEqual({ member: member.email, was: { role: "adjudicator", group: null } });
  });

  it("leaves no entry when the change is refused (the last manager stays)", async () => {
    const { project, manager } = await setup();
    await expect(removeMember(t.db, project.id, manager.id, manager.id)).rejects.toThrow();
    expect(await listAudit(t.db, project.id, { kind: "member_removed" })).toEqual([]);
  });

  it("records invitations issued and revoked without their link", async () => {
    const { project, manager } = await setup();
    const inv = await createInvitation(t.db, {
      projectId: project.id,
      email: "New@Test.Rolecall",
      role: "annotator",
      invitedBy: manager.id,
    });
    const [{ id }] = await queryRows<{ id: number }>(t.db, sql`select id from invitations where project_id = ${project.id}`);
    await revokeInvitation(t.db, project.id, id, manager.id);
    const entries = await listAudit(t.db, project.id, { actor: manager.email });
    expect(entries.map((e) => [e.kind, e.actor, e.detail.email])).toEqual([
      ["invitation_revoked", manager.email, "new@test.rolecall"],
      ["invitation_issued", manager.email, "new@test.rolecall"],
    ]);
    expect(JSON.stringify(entries)).not.toContain(inv.token);
  });

  it("records a project token's creation and revocation by its owner, never the token", async () => {
    const { project, manager } = await setup();
    const token = await createApiToken(t.db, { userId: manager.id, projectId: project.id, name: "script" });
    await revokeApiToken(t.db, manager.id, token.id);
    const entries = await listAudit(t.db, project.id, { actor: manager.email });
    expect(entries.map((e) => [e.kind, e.actor, e.detail.token_id])).toEqual([
      ["token_revoked", manager.email, token.id],
      ["token_created", manager.email, token.id],
    ]);
    expect(JSON.stringify(entries)).not.toContain(token.token);
  });

  it("records an import with its file and counts, and an export with its kind and filters", async () => {
    const { project, manager } = await setup();
    await makeCorpus(t.db, project.id, { dialogues: 1, models: ["m1"], metricsPerDialogue: 1 });
    const [{ metric }] = await queryRows<{ metric: string }>(
      t.db,
      sql`select m.key as metric from dialogue_metrics dm join metrics m on m.id = dm.metric_id where dm.project_id = ${project.id}`,
    );
    const csv = `dialogue_id,model,metric,annotator,score\nd-0,m1,${metric},ann-a,4\n`;
    await importRatings(t.db, project.id, { source: [Buffer.from(csv)], name: "scores.csv" }, { actorId: manager.id });
    const res = await exportResponse(project, "annotations", new URLSearchParams("format=jsonl"), undefined, manager.id);
    await res.text();
    const entries = await listAudit(t.db, project.id, { actor: manager.email });
    expect(entries.map((e) => e.kind)).toEqual(["export", "import"]);
    expect(entries[1].detail).toMatchObject({ format: "ratings", files: ["scores.csv"], rows: 1, inserted: 1 });
    expect(entries[0].detail).toMatchObject({ kind: "annotations", format: "jsonl" });
  });

  it("writes nothing for a refused import", async () => {
    const { project, manager } = await setup();
    const csv = "dialogue_id,model,metric,annotator,score\nnope,m1,Fluency,ann-a,4\n";
    await expect(
      importRatings(t.db, project.id, { source: [Buffer.from(csv)], name: "bad.csv" }, { actorId: manager.id }),
    ).rejects.toThrow();
    expect(await listAudit(t.db, project.id, { kind: "import" })).toEqual([]);
  });
});
