// The job runner every app server starts with (app/server/startup.server.ts): it polls the job table, claims a due
// job, renews its lease while the handler works and records the outcome. Several servers can run it against one
// database; each job is run by one of them at a time. See docs/decisions/0730-report-jobs.md.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { logger } from "@db/logger";
import {
  type ClaimedJob,
  claimJob,
  failJob,
  type JobKind,
  LeaseLostError,
  renewLease,
  reportProgress,
} from "./jobs.server";

/** What a handler is given besides the job: a way to say how far it has got (renews the lease too). */
export interface JobContext {
  /** `percent` is 0 to 100. Throws LeaseLostError when another worker has taken the job over. */
  progress(stage: string, percent: number): Promise<void>;
  leaseMs: number;
}

/**
 * Does the job's work. It must finish by calling `completeJob` in the transaction that stores its result, so that
 * a result is only kept by the worker that still holds the job.
 */
export type JobHandler = (db: Kysely<DB>, job: ClaimedJob, ctx: JobContext) => Promise<void>;

/** An error whose message is fit to show the person who asked for the job (no personal data, no internals). */
export class JobError extends Error {}

export interface JobRunnerOptions {
  db: () => Promise<Kysely<DB>>;
  handlers: Partial<Record<JobKind, JobHandler>>;
  /** Milliseconds between polls while idle (default 1000). */
  pollMs?: number;
  /** How long a claim holds without renewal, in milliseconds (default 60 000); renewed every third of it. */
  leaseMs?: number;
  /** Jobs run at once by this server (default 1: report jobs are CPU-bound and these machines have two cores). */
  concurrency?: number;
  workerId?: string;
}

export interface JobRunner {
  workerId: string;
  /** Claims and runs at most one job; true when there was one. For tests and for draining a queue. */
  runOnce(): Promise<boolean>;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
}

// The started runners of this process: a job queued here wakes them at once instead of after their poll interval.
const startedRunners = new Set<() => void>();

/**
 * Wakes this process's idle job runners to look for work now. Call it after the transaction that queued a job has
 * committed: the request's own server then claims the job within milliseconds, where a poll would wait up to
 * `pollMs` (on average half of it). Other servers still find it by polling (docs/decisions/0915-report-speed.md).
 */
export function wakeJobRunners(): void {
  for (const wake of startedRunners) wake();
}

/** Creates a runner; `start()` begins polling. Idle polls cost one indexed query per `pollMs`. */
export function createJobRunner(opts: JobRunnerOptions): JobRunner & { start(): void } {
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 60_000;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const kinds = Object.keys(opts.handlers) as JobKind[];
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let polling = false;
  let wokenWhilePolling = false;
  // The poll under way, if any: stop() waits for it, since a job it claims is run like any other.
  let poll: Promise<void> | null = null;
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      poll = tick().finally(() => {
        poll = null;
      });
    }, ms);
  };
  // Looks for work at once instead of after the idle wait. A poll in flight (whose query may have read the queue
  // before a job committed) looks again as soon as it is done; a runner with every slot busy looks when one frees.
  const lookNow = () => {
    if (stopped) return;
    if (polling) {
      wokenWhilePolling = true;
      return;
    }
    if (running.size >= concurrency) return;
    schedule(0);
  };

  async function run(db: Kysely<DB>, job: ClaimedJob): Promise<void> {
    const handler = opts.handlers[job.kind]!;
    let lost = false;
    const heartbeat = setInterval(() => {
      renewLease(db, job, leaseMs)
        .then((held) => {
          if (!held) lost = true;
        })
        .catch((err) => logger.warn("job lease renewal failed", { jobId: job.id, error: message(err) }));
    }, leaseMs / 3);
    heartbeat.unref();
    const started = Date.now();
    try {
      await handler(db, job, {
        leaseMs,
        progress: async (stage, percent) => {
          if (lost) throw new LeaseLostError(job.id);
          await reportProgress(db, job, { stage, percent }, leaseMs);
        },
      });
      logger.info("job done", { jobId: job.id, kind: job.kind, attempt: job.attempt, ms: Date.now() - started });
    } catch (err) {
      if (err instanceof LeaseLostError) {
        logger.warn("job lease lost: another worker has it", { jobId: job.id, kind: job.kind });
        return;
      }
      logger.error("job failed", { jobId: job.id, kind: job.kind, attempt: job.attempt, error: message(err) });
      const shown = err instanceof JobError ? err.message : `It stopped on an unexpected error (job ${job.id}).`;
      await failJob(db, job, shown).catch((e) =>
        logger.error("job failure not recorded", { jobId: job.id, error: message(e) }),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function runOnce(): Promise<boolean> {
    const db = await opts.db();
    const job = await claimJob(db, { workerId, leaseMs, kinds });
    if (!job) return false;
    await run(db, job);
    return true;
  }

  async function tick(): Promise<void> {
    timer = null;
    if (stopped) return;
    let claimed = false;
    polling = true;
    wokenWhilePolling = false;
    try {
      while (!stopped && running.size < concurrency) {
        const db = await opts.db();
        const job = await claimJob(db, { workerId, leaseMs, kinds });
        if (!job) break;
        claimed = true;
        const p = run(db, job).finally(() => {
          running.delete(p);
          // A slot came free: look for the next job at once rather than after a poll interval.
          lookNow();
        });
        running.add(p);
      }
    } catch (err) {
      logger.warn("job poll failed", { error: message(err) });
    } finally {
      polling = false;
    }
    // With every slot busy there is nothing to poll for: the job that frees a slot looks again (lookNow).
    if (!stopped && !timer && running.size < concurrency) schedule(claimed || wokenWhilePolling ? 0 : pollMs);
  }

  return {
    workerId,
    runOnce,
    start() {
      if (started || stopped) return;
      started = true;
      schedule(0);
      startedRunners.add(lookNow);
    },
    async stop() {
      stopped = true;
      startedRunners.delete(lookNow);
      if (timer) clearTimeout(timer);
      timer = null;
      await poll;
      await Promise.allSettled([...running]);
    },
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
