import { sql } from "kysely";
import { type Connection, openConnection } from "./connection";
import { dbEnv } from "./env";
import { logger } from "./logger";

export type { Database } from "./connection";

// One connection per process, opened once. A failed open clears the cache so the next call retries.
let pending: Promise<Connection> | null = null;
// The role the process's queries run as, once the server has migrated (runAsRole); none for the command-line tools.
let role: string | undefined;

export function getConnection(): Promise<Connection> {
  if (!pending) {
    const env = dbEnv();
    pending = openConnection({
      url: env.url,
      pgliteDir: env.pgliteDir,
      pgliteTemplate: env.pgliteTemplate,
      role,
    }).catch((err) => {
      pending = null;
      logger.error("database open failed", { error: err instanceof Error ? err.message : String(err) });
      throw err;
    });
  }
  return pending;
}

export async function getDb() {
  return (await getConnection()).db;
}

/**
 * From now on this process's queries run as `name` (the app's role). A PostgreSQL pool not yet open opens with it; the
 * embedded database's single session, already open for the migrations, switches to it at once.
 */
export async function runAsRole(name: string): Promise<void> {
  role = name;
  if (!pending) return;
  const conn = await pending;
  if (conn.kind !== "pglite") throw new Error("runAsRole: open PostgreSQL connections keep their login role");
  await sql`set role ${sql.id(name)}`.execute(conn.db);
}

/** Tests swap in their own database. */
export function setConnection(conn: Connection | null) {
  pending = conn ? Promise.resolve(conn) : null;
  role = undefined;
}

export async function closeConnection() {
  if (!pending) return;
  const conn = await pending;
  pending = null;
  await conn.close();
}
