import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { type Connection, openConnection } from "../../db/connection";
import { setConnection } from "../../db/index";

// Tables filled by migrations (reference data) survive the reset between tests.
const REFERENCE_TABLES = new Set(["district", "activity_category", "kysely_migration", "kysely_migration_lock"]);

let current: Connection | null = null;
let currentUrl: string | null = null;

/** This file's database connection (as the schema's owner). */
export function testConnection(): Connection {
  if (!current) throw new Error("useTestDatabase() must be called in this file");
  return current;
}

/** The URL of this file's PostgreSQL database, or null on the embedded one. */
export function testDatabaseUrl(): string | null {
  return currentUrl;
}

/** This file's database, or null in a file that has none. */
export function openTestDb() {
  return current?.db ?? null;
}

export function testDb() {
  if (!current) throw new Error("useTestDatabase() must be called in this file");
  return current.db;
}

/**
 * Gives this test file its own migrated database (a clone of the run's template) and empties it before each
 * test. Domain code reaches it through the normal getDb().
 */
export function useTestDatabase() {
  let dropDatabase: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const spec = inject("testDatabase");
    if (spec.kind === "postgres") {
      const name = `cw_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: spec.url });
      await admin.connect();
      await admin.query(`create database ${name} template ${spec.template}`);
      const url = new URL(spec.url);
      url.pathname = `/${name}`;
      currentUrl = url.toString();
      current = await openConnection({ url: currentUrl, maxConnections: 5 });
      dropDatabase = async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    } else {
      const blob = new Blob([readFileSync(spec.tarball)]);
      current = await openConnection({ pgliteDir: "memory://", pgliteLoadDataDir: blob });
    }
    setConnection(current);
  });
  beforeEach(async () => {
    await resetDatabase();
  });
  afterAll(async () => {
    setConnection(null);
    await current?.close();
    current = null;
    currentUrl = null;
    await dropDatabase?.();
  });
}

async function resetDatabase() {
  const db = testDb();
  const { rows } = await sql<{
    tablename: string;
  }>`select tablename from pg_tables where schemaname = 'public'`.execute(db);
  const tables = rows.map((r) => r.tablename).filter((t) => !REFERENCE_TABLES.has(t));
  if (tables.length === 0) return;
  // Replica mode skips triggers, including the audit trail's append-only guard, for this reset only.
  await db.connection().execute(async (c) => {
    await sql`set session_replication_role = replica`.execute(c);
    try {
      await sql`truncate ${sql.join(tables.map((t) => sql.id(t)))} restart identity cascade`.execute(c);
    } finally {
      await sql`set session_replication_role = default`.execute(c);
    }
  });
}
