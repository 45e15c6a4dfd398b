import type pg from "pg";
import { follow, type PageMode } from "./browser";
import type { Action } from "./load";
import { pick } from "./phases";
import { sampleCareTeamReads } from "./samples";
import { type BenchSession, openSessions } from "./sessions";

export interface RecordViews {
  /** The readers' sessions (close them with closeSessions when the run ends). */
  sessions: BenchSession[];
  /** How many (person, reader) pairs the views draw from. */
  pairs: number;
  /** One record view: a reader opening someone on their own care team, as from their caseload. */
  next(mode: PageMode): Action;
  /** The path of a sampled person's record page (for the bare Node page, which checks no session). */
  path(): string;
}

/**
 * Record views as staff make them: each of `users` signed in, opening only people on their care team (anyone else's
 * record answers the break-glass 403, docs/decisions/0800). `count` pairs are sampled (see sampleCareTeamReads).
 */
export async function openRecordViews(pool: pg.Pool, users: string[], count: number): Promise<RecordViews> {
  const reads = await sampleCareTeamReads(pool, users, count);
  const sessions = await openSessions(pool, users);
  const cookieOf = new Map(sessions.map((s) => [s.userId, s.cookie]));
  return {
    sessions,
    pairs: reads.length,
    next(mode) {
      const r = pick(reads);
      return follow(mode, `/people/${r.personId}`, { cookie: cookieOf.get(r.userId)! });
    },
    path: () => `/people/${pick(reads).personId}`,
  };
}
