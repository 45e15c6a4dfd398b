// Synthetic data for scale tests: `npx tsx db/generate/cli.ts --scale county --seed 1 --database-url postgres://…`.
// Options: --scale smoke|county|national, --seed N (default 1), --as-of YYYY-MM-DD (default today in London),
// --database-url (default $DATABASE_URL), --create (create the database if it does not exist, then migrate).
import { parseArgs } from "node:util";
import pg from "pg";
import { openConnection } from "../connection";
import { logger } from "../logger";
import { migrateToLatest } from "../migrate";
import { generate } from "./generate";
import { isScaleName, scaleNames, scales } from "./scales";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "smoke" },
    seed: { type: "string", default: "1" },
    "as-of": { type: "string" },
    "database-url": { type: "string" },
    create: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  logger.error(message);
  process.exit(2);
}

const scaleName = values.scale ?? "smoke";
if (!isScaleName(scaleName)) fail(`--scale must be one of ${scaleNames.join(", ")}`);
const seed = Number(values.seed);
const url = values["database-url"] ?? process.env.DATABASE_URL;
if (!url) fail("Give --database-url (or DATABASE_URL): the generator writes to PostgreSQL");
const asOf =
  values["as-of"] ??
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());

if (values.create) await createIfMissing(url);
const conn = await openConnection({ url, maxConnections: 2 });
try {
  const applied = await migrateToLatest(conn.db);
  if (applied.length) logger.info("migrations applied", { count: applied.length });
  const summary = await generate(conn.db, {
    scale: scales[scaleName],
    seed,
    asOf,
    onReport: (r) => logger.info("generated", { step: r.step, rows: r.rows, ms: r.ms }),
  });
  logger.info("data set ready", {
    scale: summary.scale,
    seed: summary.seed,
    asOf: summary.asOf,
    seconds: Math.round(summary.ms / 100) / 10,
    counts: summary.counts,
  });
} finally {
  await conn.close();
}

async function createIfMissing(target: string) {
  const name = new URL(target).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) fail("--create needs a plain lower-case database name");
  const admin = new URL(target);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) {
      await client.query(`create database ${name}`);
      logger.info("database created", { name });
    }
  } finally {
    await client.end();
  }
}
