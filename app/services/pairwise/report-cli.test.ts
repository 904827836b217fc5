// `report pairwise --project S --json` as a script runs it (its own process), on a project whose choices
// were made through the queue in this process: the printed JSON is the service's document.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { makeProject } from "../../../seeds/factories";
import { cliRunner } from "../../../test/cli-helper";
import { stopReportWorker } from "../reports/compute.server";
import { makePairwiseReportFixture } from "./report-fixture";
import { pairwiseReport, type PairwiseReport } from "./report.server";

const cli = cliRunner();
let pairwise = "";
let scoring = "";
let inProcess: PairwiseReport;
let expected: Awaited<ReturnType<typeof makePairwiseReportFixture>>["expected"];

beforeAll(async () => {
  // the CLI's own database: PostgreSQL, or the PGlite folder the runner gave it (free again once closed here)
  if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = cli.env.PGLITE_DIR;
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const fixture = await makePairwiseReportFixture(handle.db, { dialogues: 6 });
    pairwise = fixture.project.slug;
    expected = fixture.expected;
    scoring = (await makeProject(handle.db)).slug;
    inProcess = await pairwiseReport(handle.db, fixture.project);
    await handle.db.execute(sql`delete from report_cache where project_id = ${fixture.project.id}`);
  } finally {
    await stopReportWorker();
    await closeDatabase();
  }
}, 120_000);

describe("report pairwise (CLI)", () => {
  it("prints the §11 document as JSON, computed afresh the same as in the service", () => {
    const r = cli.run(["report", "pairwise", "--project", pairwise, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const report = r.json();
    expect(report).toEqual(inProcess);
    expect(Object.keys(report.overall)).toEqual(["models"]);
    expect(report.overall.models[0]).toMatchObject({ model: "model-0", rank: 1, ...expected.records.overall["model-0"] });
  });

  it("prints tables without --json, and refuses reports of the other mode with exit 2", () => {
    const text = cli.run(["report", "pairwise", "--project", pairwise]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Pairwise report of /);
    expect(text.stdout).toMatch(/\n1\s+model-0\s+\d+\.\d{6}\s+\[/);
    expect(text.stdout).toMatch(/Positional bias/);

    const wrong = cli.run(["report", "pairwise", "--project", scoring, "--json"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/This is a scoring project: the pairwise report is for pairwise projects/);
    expect(Object.keys(wrong.json())).toEqual(["error"]);
    const leaderboard = cli.run(["report", "leaderboard", "--project", pairwise]);
    expect(leaderboard.code).toBe(2);
    expect(leaderboard.stderr).toMatch(/This is a pairwise project: the leaderboard report is for scoring projects/);
  });
});
