// Starts the real server (server/main.ts) after making, in its database, what a process-level test
// needs: a manager with a password, a project, an API token for that project. They are printed first,
// as one line `FIXTURE {json}`. (The embedded database admits one process, so this happens in the
// server's own process, as e2e/support/start-server.ts does.)
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { addMember } from "../../app/services/projects.server";
import { createApiToken } from "../../app/services/tokens.server";
import { makeProject, makeUser } from "../../seeds/factories";

const handle = await openDatabase();
await migrateDatabase(handle);
const manager = await makeUser(handle.db);
const project = await makeProject(handle.db);
await addMember(handle.db, project.id, manager.email, "manager");
const { token } = await createApiToken(handle.db, { userId: manager.id, projectId: project.id });
console.log(`FIXTURE ${JSON.stringify({ email: manager.email, password: manager.password, slug: project.slug, token })}`);
await import("../../server/main");
