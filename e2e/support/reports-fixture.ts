// Fixture for e2e/reports.spec.ts: a project "e2e-reports" with ratings, an adjudication and two judges,
// managed by the e2e manager account. Created once per database (kept when it already exists).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { queryRows } from "../../db/sql";
import { makeReportFixture } from "../../app/services/reports/testing";
import { addMember } from "../../app/services/projects.server";
import { e2eAccounts } from "./accounts";

export const REPORTS_SLUG = "e2e-reports";
/** The same data for e2e/judge-runner.spec.ts, whose judge would otherwise join the reports journey's scorers. */
export const JUDGE_RUN_SLUG = "e2e-judge-run";

export async function createReportsFixture(db: Db, slug = REPORTS_SLUG) {
  const [existing] = await queryRows<{ id: number }>(db, sql`select id from projects where slug = ${slug}`);
  const projectId = existing?.id ?? (await makeReportFixture(db, { slug, dialogues: 60 })).project.id;
  await addMember(db, projectId, e2eAccounts.manager.email, "manager");
}
