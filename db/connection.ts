import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
} from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { extract } from "tar";
import type { DB } from "./types";
import { logger } from "./logger";
import { PreparingClient } from "./prepared-client";

// One set of type parsers for both drivers: PGlite's node-postgres adapter returns exactly what pg does.
// bigint counts fit comfortably in a double for our volumes; dates stay 'YYYY-MM-DD' strings (never shifted by zone).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Database = Kysely<DB>;

export interface Connection {
  db: Database;
  kind: "postgres" | "pglite";
  /** The embedded engine, for tests that snapshot it (dumpDataDir). */
  pglite?: import("@electric-sql/pglite").PGlite;
  close(): Promise<void>;
}

export interface ConnectionOptions {
  /** A postgres:// URL. When absent the embedded PGlite database is used. */
  url?: string;
  /** Folder of the embedded database; "memory://" keeps it in memory. */
  pgliteDir?: string;
  /** A tarball made by PGlite's dumpDataDir, to boot a ready-made database (tests). */
  pgliteLoadDataDir?: Blob;
  /**
   * A tarball file of a migrated database (made by the build). A data directory that is absent or empty starts
   * from it instead of running initdb; a directory with anything in it is opened as it is.
   */
  pgliteTemplate?: string;
  maxConnections?: number;
  /**
   * A role every query of this connection runs as (`SET ROLE`), for the app's own connection: `APP_ROLE`, made by a
   * migration. Migrations and the command-line tools connect without one, as the schema's owner.
   */
  role?: string;
}

/** The application's database role (migrations/20261129T1230_app_role.ts, docs/decisions/0756-app-database-role.md). */
export const APP_ROLE = "connect_well_app";

export async function openConnection(opts: ConnectionOptions): Promise<Connection> {
  if (opts.url) return openPostgres(opts.url, opts.maxConnections ?? 20, opts.role);
  return openPglite(opts);
}

function openPostgres(url: string, max: number, role?: string): Connection {
  if (role && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`Invalid database role name: ${role}`);
  const pool = new pg.Pool({
    connectionString: url,
    // Set at connection start-up, so no query of the pool's ever runs as the login role.
    ...(role ? { options: `-c role=${role}` } : {}),
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    Client: PreparingClient,
  });
  // Without these listeners a database restart emits an unhandled 'error' on an idle client and kills Node.
  pool.on("error", (err) => logger.warn("db pool error", { error: err.message }));
  pool.on("connect", (client) => {
    client.on("error", (err) => logger.warn("db client error", { error: err.message }));
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: "postgres", close: () => db.destroy() };
}

async function openPglite(opts: ConnectionOptions): Promise<Connection> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  const dir = opts.pgliteDir ?? "memory://";
  const onDisk = !dir.startsWith("memory://");
  if (onDisk) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  if (onDisk && opts.pgliteTemplate && !opts.pgliteLoadDataDir) startFromTemplate(dir, opts.pgliteTemplate);
  const pglite = await PGlite.create(dir, {
    extensions: { pg_trgm },
    ...(opts.pgliteLoadDataDir ? { loadDataDir: opts.pgliteLoadDataDir } : {}),
  });
  // PGlite has a single connection: the pool is capped at one so queries queue instead of interleaving.
  // One session for everything: the role, once set, holds for every query after it.
  if (opts.role) await pglite.exec(`set role ${sqlIdentifier(opts.role)}`);
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  pool.on("error", (err) => logger.warn("db pool error", { error: err.message }));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: "pglite",
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * Puts the template's data directory in place when `dir` is absent or empty, so PGlite resumes it instead of
 * running initdb. The tarball is unpacked beside `dir` and moved in by one rename, which the file system refuses
 * over a non-empty directory: whatever happens here, an existing database is never written to. On any failure
 * PGlite is left to create the database itself, as it would without a template.
 */
export function startFromTemplate(dir: string, template: string): boolean {
  if (!isAbsentOrEmpty(dir)) return false;
  const started = Date.now();
  try {
    accessSync(template, constants.R_OK);
  } catch (err) {
    logger.warn("no embedded database template: creating the database from scratch, which takes a while", {
      template,
      error: message(err),
    });
    return false;
  }
  let staging: string | null = null;
  try {
    staging = mkdtempSync(`${path.resolve(dir)}.new-`);
    // PGlite names entries from the root ("/base/1/…"): node-tar makes such paths relative and skips any with "..",
    // so nothing lands outside the staging folder.
    extract({ file: template, cwd: staging, sync: true });
    if (!existsSync(path.join(staging, "PG_VERSION")))
      throw new Error("the tarball holds no PostgreSQL data directory");
    try {
      rmdirSync(dir); // only ever removes an empty directory
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    renameSync(staging, dir);
    logger.info("embedded database created from the build's template", { ms: Date.now() - started });
    return true;
  } catch (err) {
    logger.warn("embedded database template could not be used: creating the database from scratch", {
      template,
      error: message(err),
    });
    if (staging) rmSync(staging, { recursive: true, force: true });
    return false;
  }
}

function isAbsentOrEmpty(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (err) {
    // Anything but "no such directory" (a file in the way, no permission) is left to PGlite, as without a template.
    return (err as NodeJS.ErrnoException).code === "ENOENT";
  }
}

function sqlIdentifier(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database role name: ${name}`);
  return name;
}

function message(err: unknown) {
  return err instanceof Error ? err.message : String(err);
}
