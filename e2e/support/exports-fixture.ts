// Fixture for e2e/exports.spec.ts: a project "e2e-exports" with a small rated corpus, managed by the
// e2e manager account. Created once per database (kept when it already exists).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { queryRows } from "../../db/sql";
import { addMember, createProject } from "../../app/services/projects.server";
import { makeAnnotators, makeCorpus, makeRatings } from "../../seeds/corpus-factory";
import { e2eAccounts } from "./accounts";

export const EXPORTS_SLUG = "e2e-exports";

export async function ensureExportsFixture(db: Db) {
  const [existing] = await queryRows<{ id: number }>(db, sql`select id from projects where slug = ${EXPORTS_SLUG}`);
  let projectId = existing?.id;
  if (projectId === undefined) {
    projectId = (await createProject(db, { slug: EXPORTS_SLUG, name: "Export study" }, null)).id;
    await makeCorpus(db, projectId, { dialogues: 24, models: ["glm", "qwen"], metricsPerDialogue: 2 });
    const raters = await makeAnnotators(db, 3);
    await makeRatings(
      db,
      projectId,
      raters.map((r) => r.id),
      { perUnit: 2 },
    );
  }
  await addMember(db, projectId, e2eAccounts.manager.email, "manager");
}
