import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { DB } from "./types";
import { logger } from "./logger";

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
  maxConnections?: number;
}

export async function openConnection(opts: ConnectionOptions): Promise<Connection> {
  if (opts.url) return openPostgres(opts.url, opts.maxConnections ?? 20);
  return openPglite(opts);
}

function openPostgres(url: string, max: number): Connection {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
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
  if (!dir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const pglite = await PGlite.create(dir, {
    extensions: { pg_trgm },
    ...(opts.pgliteLoadDataDir ? { loadDataDir: opts.pgliteLoadDataDir } : {}),
  });
  // PGlite has a single connection: the pool is capped at one so queries queue instead of interleaving.
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
