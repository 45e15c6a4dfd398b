// Regenerates db/types.ts from a freshly migrated scratch database, or with --verify fails when the
// committed types have drifted from the migrations. Needs a PostgreSQL server (DATABASE_URL or the local one).
import { execFileSync } from "node:child_process";
import pg from "pg";
import { openConnection } from "../connection";
import { migrateToLatest } from "../migrate";

const base = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const scratch = `types_${process.pid}`;
const admin = new pg.Client({ connectionString: base.toString() });
await admin.connect();
await admin.query(`create database ${scratch}`);
const url = new URL(base);
url.pathname = `/${scratch}`;
try {
  const conn = await openConnection({ url: url.toString(), maxConnections: 2 });
  await migrateToLatest(conn.db);
  await conn.close();
  const args = [
    "kysely-codegen",
    "--dialect",
    "postgres",
    "--url",
    url.toString(),
    "--out-file",
    "db/types.ts",
    "--date-parser",
    "string",
    "--numeric-parser",
    "number",
    "--type-mapping",
    JSON.stringify({ int8: "number" }),
    "--exclude-pattern",
    "kysely_*",
  ];
  if (process.argv.includes("--verify")) args.push("--verify");
  execFileSync("npx", args, { stdio: "inherit" });
} finally {
  await admin.query(`drop database if exists ${scratch} with (force)`);
  await admin.end();
}
