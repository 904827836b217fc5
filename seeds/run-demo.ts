// `npm run seed:demo`: seeds the demo into the configured database (PostgreSQL only when asked this way).
import { closeDatabase, openDatabase } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { findProjectBySlug } from "#db/queries/projects";
import { seedDemo } from "./demo";

const handle = await openDatabase();
try {
  await migrateDatabase(handle);
  if (await findProjectBySlug(handle.db, "demo")) {
    console.error("A project with the slug 'demo' already exists; nothing seeded.");
    process.exitCode = 2;
  } else {
    const logins = await seedDemo(handle.db);
    console.log(`Demo seeded into ${handle.driver} ${handle.where}. Sign-ins:`);
    for (const l of logins) console.log(`  ${l.role.padEnd(10)} ${l.email.padEnd(28)} ${l.password}`);
  }
} finally {
  await closeDatabase();
}
