import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;

// The server under test is the production build on a throwaway database: a fresh embedded one by default,
// or the PostgreSQL database named by E2E_DATABASE_URL (with demo data explicitly asked for).
const dbEnv = process.env.E2E_DATABASE_URL
  ? `DATABASE_URL=${process.env.E2E_DATABASE_URL} DEMO=1`
  : `PGLITE_DIR=tests/.tmp/e2e-${port}-${Date.now()}/db`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  // Each step times out on what the user waits for: a page to load (navigationTimeout), a control to take an action
  // (actionTimeout), something to appear (expect). The test's own total is only a net for a run that hangs: a
  // journey of many pages on a loaded 2-core machine takes minutes, and a fixed total too small for that fails
  // slow runs that are not wrong.
  timeout: 600_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    navigationTimeout: 60_000,
    actionTimeout: 15_000,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // The small set of outcome demo data unless E2E_DEMO_OUTCOMES says otherwise (full, 0): building the summaries
    // of the full year takes the embedded database a while, and the server must answer within the timeout below.
    command: `${dbEnv} DEMO_OUTCOMES=${process.env.E2E_DEMO_OUTCOMES ?? "small"} NODE_ENV=production TEST_SESSIONS=1 PORT=${port} HOST=127.0.0.1 LOG_LEVEL=warn node server.mjs`,
    url: `${baseURL}/readyz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
