import { cpus, totalmem } from "node:os";
import type pg from "pg";

/** What the figures were measured on: they mean little without it. */
export async function describeMachine(pool: pg.Pool) {
  const { rows } = await pool.query<{ version: string; shared_buffers: string; size: string }>(
    "select version(), current_setting('shared_buffers') as shared_buffers, pg_size_pretty(pg_database_size(current_database())) as size",
  );
  const counts = await pool.query<{ table: string; n: number }>(
    `select relname as table, reltuples::bigint as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace
       and relname in ('person', 'referral', 'activity', 'activity_session', 'attendance', 'measure_response', 'audit_event') order by relname`,
  );
  return {
    date: new Date().toISOString(),
    cpu: `${cpus()[0]?.model ?? "unknown"} × ${cpus().length}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgres: rows[0].version.split(" on ")[0],
    sharedBuffers: rows[0].shared_buffers,
    databaseSize: rows[0].size,
    rows: Object.fromEntries(counts.rows.map((r) => [r.table, Number(r.n)])),
  };
}
