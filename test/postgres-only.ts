// The test files whose tests need PostgreSQL (they skip on PGlite: one connection, no contrib modules, no
// server to lose). `npm test` leaves them out; `npm run test:pg` runs them against DATABASE_URL, and CI
// runs both. A new PostgreSQL-only test file belongs in this list.
export const POSTGRES_ONLY_TESTS = [
  "app/services/queue/claim.server.test.ts", // 50 clients claiming and submitting at once
  "app/services/queue/claim-gold.server.test.ts", // 30 clients with gold mixed into their queues
  "app/services/queue/recount.server.test.ts", // the recount's plan under stale statistics (auto_explain)
  "test/db-outage.test.ts", // the server while PostgreSQL goes away and comes back
  "app/services/adjudication/claim-concurrency.server.test.ts", // 10 adjudicators claiming at once
];
