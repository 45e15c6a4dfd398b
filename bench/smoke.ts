// `npm run bench:smoke` (CI): the generator at its smoke scale into a throwaway PostgreSQL database, then one
// scenario (record views, with its audit invariant) for a few seconds through the production build. Proves the
// generator, the harness and the app's scenario wiring still fit together; says nothing about speed.
// Needs TEST_DATABASE_URL (or BENCH_ADMIN_URL) pointing at a PostgreSQL server; the database is dropped afterwards.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openConnection } from "../db/connection";
import { generate } from "../db/generate/generate";
import { scales } from "../db/generate/scales";
import { migrateToLatest } from "../db/migrate";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const adminUrl = process.env.BENCH_ADMIN_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error("Set TEST_DATABASE_URL to a PostgreSQL server: the benchmark smoke run needs one");
  process.exit(2);
}
const name = `cw_bench_smoke_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
let code = 1;
try {
  const conn = await openConnection({ url: url.toString(), maxConnections: 2 });
  try {
    await migrateToLatest(conn.db);
    const asOf = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(new Date());
    const summary = await generate(conn.db, { scale: scales.smoke, seed: 1, asOf });
    console.log(`smoke data set: ${JSON.stringify(summary.counts)}`);
  } finally {
    await conn.close();
  }
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/run.ts",
      "--smoke",
      "--scenarios",
      "person-view",
      "--database-url",
      url.toString(),
      "--out",
      "test-results/bench-smoke.md",
      "--port",
      process.env.BENCH_PORT ?? "3711",
    ],
    { cwd: root, stdio: "inherit" },
  );
  code = run.status ?? 1;
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
process.exit(code);
