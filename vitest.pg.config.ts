// `npm run test:pg`: the PostgreSQL-only test files (test/postgres-only.ts), against DATABASE_URL.
import { POSTGRES_ONLY_TESTS } from "./test/postgres-only";
import config from "./vitest.config";

if (!process.env.DATABASE_URL) {
  throw new Error("npm run test:pg needs DATABASE_URL=postgres://… (a database the tests may write to): these tests do not run on PGlite");
}

export default { ...config, test: { ...config.test, include: POSTGRES_ONLY_TESTS, exclude: ["e2e/**", "node_modules/**", "build/**"] } };
