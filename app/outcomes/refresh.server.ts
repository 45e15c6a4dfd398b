// Keeps the outcome summaries current: a rebuild shortly after the server starts (if missing or stale), then a
// check every minute that rebuilds when the data changed and the summaries are older than five minutes
// (docs/decisions/0704-outcome-summary-refresh.md): each change's difference is added for the people it touched
// (0930). Several servers may run this: the rebuild's advisory lock lets one do the work. Runs on PGlite too, where
// the rebuild shares the one connection with requests.
import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { logger } from "@db/logger";
import { type RefreshResult, refreshOutcomeSummaries, summariesStale } from "./summaries.server";

/** How often to look at the change counter (cheap: one row and one sequence read). */
const REFRESH_CHECK_MS = 60_000;

/** How long after start the first check runs. */
const START_DELAY_MS = 10_000;

let timer: ReturnType<typeof setInterval> | null = null;
let starting: ReturnType<typeof setTimeout> | null = null;
let running: Promise<void> | null = null;

async function refreshIfStale(db: Kysely<DB>): Promise<void> {
  if (running) return running;
  running = (async () => {
    try {
      if (!(await summariesStale(db))) return;
      const started = Date.now();
      let what: RefreshResult | undefined;
      const done = await refreshOutcomeSummaries(db, { onResult: (r) => (what = r) });
      if (done) {
        logger.info("outcome summaries refreshed", {
          ms: Date.now() - started,
          full: what?.full,
          periods: what?.periods.length,
          people: what?.people,
        });
      }
    } catch (err) {
      logger.error("outcome summary refresh failed", { error: err instanceof Error ? err.message : String(err) });
    } finally {
      running = null;
    }
  })();
  return running;
}

/**
 * Starts keeping the summaries current for this server process: one check `START_DELAY_MS` after start (a
 * dashboard request that finds no summaries before then builds them itself), then every `checkMs`.
 */
export function startOutcomeRefresh(db: Kysely<DB>, checkMs = REFRESH_CHECK_MS): void {
  if (timer) return;
  // The first check waits a few seconds, so a server's first pages are not queued behind a rebuild (on the
  // embedded database they share one connection).
  starting = setTimeout(() => void refreshIfStale(db), START_DELAY_MS);
  starting.unref();
  timer = setInterval(() => void refreshIfStale(db), checkMs);
  timer.unref();
}

/** Stops the checks and waits for a rebuild in progress, so the database can close cleanly. */
export async function stopOutcomeRefresh(): Promise<void> {
  if (timer) clearInterval(timer);
  if (starting) clearTimeout(starting);
  timer = null;
  starting = null;
  await running;
}
