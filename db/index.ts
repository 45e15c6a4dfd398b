import { type Connection, openConnection } from "./connection";
import { dbEnv } from "./env";
import { logger } from "./logger";

export type { Database } from "./connection";

// One connection per process, opened once. A failed open clears the cache so the next call retries.
let pending: Promise<Connection> | null = null;

export function getConnection(): Promise<Connection> {
  if (!pending) {
    const env = dbEnv();
    pending = openConnection({ url: env.url, pgliteDir: env.pgliteDir, pgliteTemplate: env.pgliteTemplate }).catch(
      (err) => {
        pending = null;
        logger.error("database open failed", { error: err instanceof Error ? err.message : String(err) });
        throw err;
      },
    );
  }
  return pending;
}

export async function getDb() {
  return (await getConnection()).db;
}

/** Tests swap in their own database. */
export function setConnection(conn: Connection | null) {
  pending = conn ? Promise.resolve(conn) : null;
}

export async function closeConnection() {
  if (!pending) return;
  const conn = await pending;
  pending = null;
  await conn.close();
}
