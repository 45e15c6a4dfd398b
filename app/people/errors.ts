/** The record changed since the user loaded it: their save is refused, never silently applied over the top. */
export class StaleRecordError extends Error {}

/** True for a PostgreSQL unique violation, optionally on a named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === "23505" && (!constraint || e.constraint === constraint);
}
