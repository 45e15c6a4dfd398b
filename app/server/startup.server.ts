import { APP_ROLE, type Database, openConnection } from "@db/connection";
import { closeConnection, getConnection, runAsRole } from "@db/index";
import { dbEnv } from "@db/env";
import { logger } from "@db/logger";
import { migrateToLatest, migrationsCurrent } from "@db/migrate";
import { seedDemo } from "@db/seed/index";
import { startOutcomeRefresh, stopOutcomeRefresh } from "~/outcomes/refresh.server";
import { rebuildOutcomeSummariesOnRead } from "~/outcomes/summaries.server";
import { startReportJobs, stopReportJobs } from "~/reports/pipeline.server";

/** Runs once before the server listens: open (and warm) the database, migrate, load demo data if asked. */
export async function startup(): Promise<{ demo: boolean; kind: string; db: Database }> {
  const env = dbEnv();
  const started = Date.now();
  // Migrations and demo data as the schema's owner; every request after that as the app's role, which may only add
  // to the audit trail (docs/decisions/0756-app-database-role.md).
  const owner = env.url ? await openConnection({ url: env.url, maxConnections: 1 }) : await getConnection();
  try {
    const applied = await migrateToLatest(owner.db);
    if (applied.length) logger.info("migrations applied", { names: applied });
    if (env.demo) {
      const seeded = await seedDemo(owner.db);
      if (seeded) logger.info("demo data loaded");
    }
  } finally {
    if (env.url) await owner.close();
  }
  await runAsRole(APP_ROLE);
  const conn = await getConnection();
  logger.info("database ready", { kind: conn.kind, demo: env.demo, role: APP_ROLE, ms: Date.now() - started });
  // Embedded: summaries are rebuilt when read and stale, not on a timer (docs/decisions/0708).
  if (conn.kind === "pglite") rebuildOutcomeSummariesOnRead(true);
  else startOutcomeRefresh(conn.db);
  startReportJobs(async () => (await getConnection()).db);
  return { demo: env.demo, kind: conn.kind, db: conn.db };
}

/** /readyz: database reachable and migrations current. Says nothing else. */
export async function readiness(): Promise<boolean> {
  try {
    const conn = await getConnection();
    return await migrationsCurrent(conn.db);
  } catch {
    return false;
  }
}

export async function shutdown(): Promise<void> {
  await stopReportJobs();
  await stopOutcomeRefresh();
  await closeConnection();
}
