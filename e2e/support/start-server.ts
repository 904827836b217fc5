// Starts the built app for Playwright, after inserting the fixture accounts directly into its database
// (the embedded database admits one process, so this happens in the server's own process).
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { users } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";
import { createUser } from "../../app/services/users.server";
import { E2E_PASSWORD, e2eAccounts } from "./accounts";
import { ensureWorkspaceFixture } from "./workspace-fixture";

const handle = await openDatabase();
await migrateDatabase(handle);
for (const a of Object.values(e2eAccounts)) {
  const [existing] = await handle.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${a.email}`);
  if (existing)
    await handle.db
      .update(users)
      .set({ passwordHash: await hashPassword(E2E_PASSWORD), isAdmin: a.isAdmin })
      .where(eq(users.id, existing.id));
  else await createUser(handle.db, { ...a, password: E2E_PASSWORD });
}
await (await import("./reports-fixture")).createReportsFixture(handle.db);
await (await import("./reports-fixture")).createReportsFixture(handle.db, (await import("./reports-fixture")).JUDGE_RUN_SLUG);
await ensureWorkspaceFixture(handle.db);
await (await import("./exports-fixture")).ensureExportsFixture(handle.db);
await (await import("./adjudication-fixture")).ensureAdjudicationFixture(handle.db);
await (await import("./quality-fixture")).ensureQualityFixture(handle.db);
await (await import("./gold-feedback-fixture")).ensureGoldFeedbackFixture(handle.db);
await (await import("./gold-feedback-fixture")).ensureGroupsFixture(handle.db);
await (await import("./pairwise-fixture")).ensurePairwiseFixture(handle.db);
await import("../../server/main");
