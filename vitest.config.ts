import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { POSTGRES_ONLY_TESTS } from "./test/postgres-only";

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "seeds/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["e2e/**", "node_modules/**", "build/**", ...POSTGRES_ONLY_TESTS],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/count-reporter.ts"],
  },
});
