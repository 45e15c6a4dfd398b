// Background jobs kept in PostgreSQL (the `job` table): queued by a request, claimed by whichever app server polls
// first (FOR UPDATE SKIP LOCKED, so two servers never take the same job), held under a lease that the worker
// renews while it works. A server that dies mid-job stops renewing; once the lease has run out the job is claimed
// again, up to its attempt limit. Works the same on the embedded database. See docs/decisions/0730-report-jobs.md.
import { sql } from "kysely";
import type { Executor } from "~/audit/audit.server";

export type JobKind = "report";
export type JobStatus = "queued" | "running" | "done" | "failed";

/** A job as a worker holds it after claiming it. */
export interface ClaimedJob {
  id: string;
  kind: JobKind;
  params: unknown;
  /** This claim's attempt number, from 1. */
  attempt: number;
  maxAttempts: number;
  createdBy: string;
  /** The worker that holds the lease; every later write is conditional on it still holding it. */
  workerId: string;
}

/** What a page shows about a job: where it has got to, and its result once done. */
export interface JobState {
  id: string;
  kind: JobKind;
  status: JobStatus;
  stage: string;
  /** 0 to 100. */
  percent: number;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  resultId: string | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Thrown when a worker writes to a job whose lease it no longer holds (it expired and another worker took it). */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`the lease on job ${jobId} was lost`);
  }
}

/** Queues a job; it runs as soon as a worker polls. Returns its id. */
export async function enqueueJob(
  db: Executor,
  job: { kind: JobKind; params: unknown; createdBy: string; maxAttempts?: number },
): Promise<string> {
  const row = await db
    .insertInto("job")
    .values({
      kind: job.kind,
      params: JSON.stringify(job.params),
      created_by: job.createdBy,
      max_attempts: job.maxAttempts ?? 3,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims the oldest job that is due: queued with its `run_after` passed, or running under a lease that has run
 * out (its worker died). One statement: the row is locked with SKIP LOCKED, so concurrent claimers each get a
 * different job or none. A job whose attempts are used up is marked failed instead of being run again.
 * `leaseMs` is how long the claim holds without renewal (milliseconds).
 */
export async function claimJob(
  db: Executor,
  opts: { workerId: string; leaseMs: number; kinds?: JobKind[] },
): Promise<ClaimedJob | null> {
  const kinds = opts.kinds ?? ["report"];
  for (;;) {
    const { rows } = await sql<{
      id: string;
      kind: JobKind;
      params: unknown;
      attempts: number;
      max_attempts: number;
      created_by: string;
    }>`
      update job set
        status = 'running',
        attempts = job.attempts + 1,
        lease_until = now() + make_interval(secs => ${opts.leaseMs / 1000}),
        locked_by = ${opts.workerId},
        started_at = coalesce(job.started_at, now()),
        stage = case when job.status = 'running' then 'Starting again' else 'Starting' end
      where job.id = (
        select id from job
        where kind = any(${kinds}::text[])
          and ((status = 'queued' and run_after <= now()) or (status = 'running' and lease_until < now()))
        order by run_after, created_at
        limit 1
        for update skip locked
      )
      returning job.id, job.kind, job.params, job.attempts, job.max_attempts, job.created_by`.execute(db);
    const row = rows[0];
    if (!row) return null;
    if (row.attempts > row.max_attempts) {
      // Taken back from a worker that died on its last attempt: nothing is left to try.
      await db
        .updateTable("job")
        .set({
          status: "failed",
          lease_until: null,
          locked_by: null,
          attempts: row.max_attempts,
          finished_at: sql`now()`,
          stage: "Stopped",
          last_error: sql`coalesce(last_error, 'the server running it stopped')`,
        })
        .where("id", "=", row.id)
        .execute();
      continue;
    }
    return {
      id: row.id,
      kind: row.kind,
      params: row.params,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      createdBy: row.created_by,
      workerId: opts.workerId,
    };
  }
}

/**
 * Records how far a job has got and renews its lease. Throws LeaseLostError when the worker no longer holds the
 * job, so it stops working on something another worker now owns. `percent` is 0 to 100.
 */
export async function reportProgress(
  db: Executor,
  job: ClaimedJob,
  progress: { stage: string; percent: number },
  leaseMs: number,
): Promise<void> {
  const result = await db
    .updateTable("job")
    .set({
      stage: progress.stage.slice(0, 200),
      percent: Math.max(0, Math.min(100, Math.round(progress.percent))),
      lease_until: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
    })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("locked_by", "=", job.workerId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new LeaseLostError(job.id);
}

/** Renews the lease without changing the progress shown; false when the lease was lost. */
export async function renewLease(db: Executor, job: ClaimedJob, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable("job")
    .set({ lease_until: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("locked_by", "=", job.workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Marks the job done with its result's id. Call it in the transaction that stores the result: if the lease was
 * lost it throws LeaseLostError, and the transaction (with the result) rolls back.
 */
export async function completeJob(trx: Executor, job: ClaimedJob, resultId: string): Promise<void> {
  const result = await trx
    .updateTable("job")
    .set({
      status: "done",
      stage: "Done",
      percent: 100,
      result_id: resultId,
      lease_until: null,
      locked_by: null,
      last_error: null,
      finished_at: sql`now()`,
    })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("locked_by", "=", job.workerId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new LeaseLostError(job.id);
}

/**
 * Records a failed attempt. The job is queued again after a back-off (5 s, then 25 s…) while attempts remain,
 * otherwise it is marked failed. `message` is shown to the person who asked for the job: no personal data.
 * Returns the status the job now has, or null when the lease had already been lost.
 */
export async function failJob(db: Executor, job: ClaimedJob, message: string): Promise<JobStatus | null> {
  const final = job.attempt >= job.maxAttempts;
  const backoffSeconds = 5 ** job.attempt;
  const result = await db
    .updateTable("job")
    .set({
      status: final ? "failed" : "queued",
      stage: final ? "Stopped" : "Waiting to try again",
      lease_until: null,
      locked_by: null,
      last_error: message.slice(0, 500),
      run_after: final ? sql`run_after` : sql`now() + make_interval(secs => ${backoffSeconds})`,
      finished_at: final ? sql`now()` : null,
    })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("locked_by", "=", job.workerId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  return final ? "failed" : "queued";
}

/** A job's state for its progress page, or null when there is no such job. */
export async function jobState(db: Executor, id: string): Promise<JobState | null> {
  const row = await db
    .selectFrom("job")
    .select([
      "id",
      "kind",
      "status",
      "stage",
      "percent",
      "attempts",
      "max_attempts",
      "last_error",
      "result_id",
      "created_by",
      "created_at",
      "finished_at",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    stage: row.stage,
    percent: row.percent,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    resultId: row.result_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
