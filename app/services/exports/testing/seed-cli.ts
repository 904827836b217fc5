// Test-only: seeds a small rated project into the database the CLI tests use (PostgreSQL, or the CLI's
// own PGlite folder, which only one process may hold), prints { slug }, and exits.
import { closeDatabase, openDatabase } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { makeAnnotators, makeCorpus } from "../../../../seeds/corpus-factory";
import { makeProject } from "../../../../seeds/factories";
import { addRatings, listUnits } from "./helpers";

const handle = await openDatabase();
await migrateDatabase(handle);
const project = await makeProject(handle.db);
await makeCorpus(handle.db, project.id, { dialogues: 30, models: ["m-a", "m-b", "m-c"], metricsPerDialogue: 2 });
const units = await listUnits(handle.db, project.id);
const raters = await makeAnnotators(handle.db, 2);
await addRatings(
  handle.db,
  project.id,
  units.flatMap((u, i) => [
    { unitId: u.id, annotatorId: raters[0].id, score: 1 + (i % 5), comment: i % 4 ? null : "=cmd|' /C calc'!A0" },
    { unitId: u.id, annotatorId: raters[1].id, score: 1 + ((i * 3) % 5) },
  ]),
);
process.stdout.write(JSON.stringify({ slug: project.slug, units: units.length }) + "\n");
await closeDatabase();
