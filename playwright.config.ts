import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3210);
// Each run gets a new embedded folder (or uses DATABASE_URL, then the suite's PostgreSQL).
const pgliteDir = process.env.E2E_PGLITE_DIR || path.join(os.tmpdir(), `rolecall-e2e-${process.pid}`, "pglite");

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // a loaded CI machine computes a report page in more than the default 5 s now and then
  expect: { timeout: 10_000 },
  reporter: [["list"], ["./e2e/count-reporter.ts"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx e2e/support/start-server.ts",
    url: `http://127.0.0.1:${port}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      PGLITE_DIR: pgliteDir,
      ROLECALL_SECRET: process.env.ROLECALL_SECRET || "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
