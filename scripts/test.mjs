// `npm test`: the whole suite. Unit and integration tests (vitest), then the production build driven by
// Playwright in Chromium. With TEST_DATABASE_URL set, both run against that PostgreSQL server (each test file
// and the browser run get a throwaway database); otherwise against the embedded PGlite.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const env = { ...process.env, BUILD_DIR: process.env.BUILD_DIR ?? "build-test" };
const only = process.argv[2]; // "unit" | "e2e" | undefined (both)
mkdirSync("test-results", { recursive: true });

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

if (only !== "e2e") {
  rmSync("test-results/vitest.json", { force: true });
  const code = run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=test-results/vitest.json",
  ]);
  const report = readJson("test-results/vitest.json");
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  }
  if (code !== 0) {
    exitCode = code;
    if (!report || report.numFailedTests === 0) totals.failed += 1; // a crash outside any test still fails the run
  }
}

if (only !== "unit") {
  const built = run("npm", ["run", "build"]);
  if (built !== 0) {
    exitCode = built;
    totals.failed += 1;
  } else {
    let dropDb = null;
    const extra = {};
    if (process.env.TEST_DATABASE_URL) {
      const pg = (await import("pg")).default;
      const name = `cw_e2e_${process.pid}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      extra.E2E_DATABASE_URL = url.toString();
      dropDb = async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    }
    rmSync("test-results/e2e.json", { force: true });
    const code = run("npx", ["playwright", "test", "--reporter=list,json"], {
      ...extra,
      PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/e2e.json",
    });
    await dropDb?.();
    const report = existsSync("test-results/e2e.json") ? readJson("test-results/e2e.json") : null;
    if (report?.stats) {
      totals.passed += report.stats.expected + (report.stats.flaky ?? 0);
      totals.failed += report.stats.unexpected;
      totals.skipped += report.stats.skipped;
    }
    if (code !== 0) {
      exitCode = code;
      if (!report?.stats || report.stats.unexpected === 0) totals.failed += 1;
    }
  }
}

const where = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "embedded PGlite";
console.log(`\nDatabase: ${where}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
