import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import {
  claimJob,
  completeJob,
  enqueueJob,
  failJob,
  jobState,
  LeaseLostError,
  reportProgress,
} from "../../../app/reports/jobs.server";
import { requestReport } from "../../../app/reports/request.server";
import { createJobRunner, JobError, wakeJobRunners } from "../../../app/reports/runner.server";
import { testDb, useTestDatabase } from "../../support/db";
import { makeUser } from "../../support/factories";

useTestDatabase();

const LEASE = 60_000;

async function expireLease(id: string) {
  await sql`update job set lease_until = now() - interval '1 second' where id = ${id}`.execute(testDb());
}

describe("report jobs", () => {
  it("runs a job from queued to done, with its progress and result", async () => {
    const user = await makeUser("analyst");
    const id = await enqueueJob(testDb(), { kind: "report", params: { period: "2026-Q3" }, createdBy: user.id });
    expect(await jobState(testDb(), id)).toMatchObject({ status: "queued", percent: 0, attempts: 0 });

    const job = await claimJob(testDb(), { workerId: "a", leaseMs: LEASE });
    expect(job).toMatchObject({ id, attempt: 1, params: { period: "2026-Q3" }, createdBy: user.id });
    expect(await claimJob(testDb(), { workerId: "b", leaseMs: LEASE })).toBeNull();

    await reportProgress(testDb(), job!, { stage: "Drawing the charts", percent: 40 }, LEASE);
    expect(await jobState(testDb(), id)).toMatchObject({ status: "running", stage: "Drawing the charts", percent: 40 });

    const resultId = "6b0a3c52-7c39-4a39-9d3e-3c1f3e3a1c11";
    await completeJob(testDb(), job!, resultId);
    expect(await jobState(testDb(), id)).toMatchObject({ status: "done", percent: 100, resultId });
    expect(await claimJob(testDb(), { workerId: "b", leaseMs: LEASE })).toBeNull();
  });

  it("gives a job whose lease ran out to another worker, and the first can no longer write to it", async () => {
    const user = await makeUser("analyst");
    const id = await enqueueJob(testDb(), { kind: "report", params: {}, createdBy: user.id });
    const first = (await claimJob(testDb(), { workerId: "server-1", leaseMs: LEASE }))!;
    // Not yet: the lease is held.
    expect(await claimJob(testDb(), { workerId: "server-2", leaseMs: LEASE })).toBeNull();

    await expireLease(id);
    const second = (await claimJob(testDb(), { workerId: "server-2", leaseMs: LEASE }))!;
    expect(second).toMatchObject({ id, attempt: 2, workerId: "server-2" });
    expect(await jobState(testDb(), id)).toMatchObject({ status: "running", stage: "Starting again", attempts: 2 });

    await expect(reportProgress(testDb(), first, { stage: "late", percent: 90 }, LEASE)).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    await expect(completeJob(testDb(), first, id)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await failJob(testDb(), first, "late failure")).toBeNull();

    await completeJob(testDb(), second, id);
    expect(await jobState(testDb(), id)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("retries a failed attempt after a back-off, and stops after the last attempt", async () => {
    const user = await makeUser("analyst");
    const id = await enqueueJob(testDb(), { kind: "report", params: {}, createdBy: user.id, maxAttempts: 2 });
    const first = (await claimJob(testDb(), { workerId: "a", leaseMs: LEASE }))!;
    expect(await failJob(testDb(), first, "The figures could not be read")).toBe("queued");
    // Backing off: not due yet.
    expect(await claimJob(testDb(), { workerId: "a", leaseMs: LEASE })).toBeNull();
    await sql`update job set run_after = now() - interval '1 second' where id = ${id}`.execute(testDb());
    const second = (await claimJob(testDb(), { workerId: "a", leaseMs: LEASE }))!;
    expect(second.attempt).toBe(2);
    expect(await failJob(testDb(), second, "Still failing")).toBe("failed");
    expect(await jobState(testDb(), id)).toMatchObject({ status: "failed", lastError: "Still failing", attempts: 2 });
  });

  it("marks failed, without running it, a job whose server died on its last attempt", async () => {
    const user = await makeUser("analyst");
    const id = await enqueueJob(testDb(), { kind: "report", params: {}, createdBy: user.id, maxAttempts: 1 });
    await claimJob(testDb(), { workerId: "died", leaseMs: LEASE });
    await expireLease(id);
    expect(await claimJob(testDb(), { workerId: "b", leaseMs: LEASE })).toBeNull();
    expect(await jobState(testDb(), id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await jobState(testDb(), id))!.lastError).toMatch(/stopped/);
  });

  it("two workers claiming at once never get the same job", async () => {
    const user = await makeUser("analyst");
    const ids = new Set<string>();
    for (let i = 0; i < 4; i++) ids.add(await enqueueJob(testDb(), { kind: "report", params: {}, createdBy: user.id }));
    const claims = await Promise.all(
      ["w1", "w2", "w3", "w4", "w5", "w6"].map((w) => claimJob(testDb(), { workerId: w, leaseMs: LEASE })),
    );
    const got = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(new Set(got).size).toBe(got.length);
    expect(new Set(got)).toEqual(ids);
  });

  it("the runner runs a handler, records a handler's own message on failure and a generic one otherwise", async () => {
    const user = await makeUser("analyst");
    const good = await enqueueJob(testDb(), { kind: "report", params: { n: 1 }, createdBy: user.id });
    const runner = createJobRunner({
      db: async () => testDb(),
      handlers: {
        report: async (db, job, ctx) => {
          const n = (job.params as { n: number }).n;
          await ctx.progress("Working", 50);
          if (n === 2) throw new JobError("There is nothing to report for that period");
          if (n === 3) throw new Error("connection reset while reading internal table x");
          await completeJob(db, job, job.id);
        },
      },
    });
    expect(await runner.runOnce()).toBe(true);
    expect(await jobState(testDb(), good)).toMatchObject({ status: "done" });

    const shown = await enqueueJob(testDb(), { kind: "report", params: { n: 2 }, createdBy: user.id, maxAttempts: 1 });
    await runner.runOnce();
    expect(await jobState(testDb(), shown)).toMatchObject({
      status: "failed",
      lastError: "There is nothing to report for that period",
    });

    const hidden = await enqueueJob(testDb(), { kind: "report", params: { n: 3 }, createdBy: user.id, maxAttempts: 1 });
    await runner.runOnce();
    const state = (await jobState(testDb(), hidden))!;
    expect(state.status).toBe("failed");
    expect(state.lastError).not.toMatch(/internal table/);
    expect(state.lastError).toMatch(/unexpected error/);
    expect(await runner.runOnce()).toBe(false);
    await runner.stop();
  });

  it("the polling runner picks up a job queued after it started", async () => {
    const user = await makeUser("analyst");
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const runner = createJobRunner({
      db: async () => testDb(),
      pollMs: 20,
      handlers: {
        report: async (db, job) => {
          await completeJob(db, job, job.id);
          done();
        },
      },
    });
    runner.start();
    const id = await enqueueJob(testDb(), { kind: "report", params: {}, createdBy: user.id });
    await finished;
    await runner.stop();
    expect(await jobState(testDb(), id)).toMatchObject({ status: "done" });
  });

  it("an idle runner takes a report asked for on its own server at once, not after its poll interval", async () => {
    const user = await makeUser("analyst");
    const handled: string[] = [];
    let next!: () => void;
    let ran = new Promise<void>((r) => (next = r));
    let polls = 0;
    const runner = createJobRunner({
      db: async () => {
        polls++;
        return testDb();
      },
      // Ten minutes: only the wake-up can bring the second job in within the test's time.
      pollMs: 600_000,
      handlers: {
        report: async (db, job) => {
          await completeJob(db, job, job.id);
          handled.push(job.id);
          next();
        },
      },
    });
    // Queued before the runner starts, so its first poll finds it.
    const first = await enqueueJob(testDb(), { kind: "report", params: {}, createdBy: user.id });
    runner.start();
    await ran;
    // The runner looks once more after a job and, finding nothing, settles into its ten-minute wait.
    await vi.waitFor(() => expect(polls).toBeGreaterThanOrEqual(2));
    await new Promise((r) => setTimeout(r, 300));
    ran = new Promise<void>((r) => (next = r));
    const asked = await requestReport(
      testDb(),
      { userId: user.id, role: "analyst", requestId: "t" },
      { period: "2026-Q3", scopeKind: "service" },
      "2026-11-30",
    );
    if (!asked.ok) throw new Error(asked.refusal.message);
    await ran;
    await runner.stop();
    expect(handled).toEqual([first, asked.jobId]);
  }, 30_000);

  it("a runner busy when a job is queued takes it as soon as its job ends, not after its poll interval", async () => {
    const user = await makeUser("analyst");
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    let finished!: () => void;
    const bothDone = new Promise<void>((r) => (finished = r));
    const runner = createJobRunner({
      db: async () => testDb(),
      // Ten minutes: only looking again when a slot frees can bring the second job in within the test's time.
      pollMs: 600_000,
      handlers: {
        report: async (db, job) => {
          if (handled.length === 0) {
            started();
            await gate;
          }
          await completeJob(db, job, job.id);
          handled.push(job.id);
          if (handled.length === 2) finished();
        },
      },
    });
    const first = await enqueueJob(testDb(), { kind: "report", params: {}, createdBy: user.id });
    runner.start();
    await firstStarted;
    // Queued behind the busy runner, as from another server: nothing wakes this one.
    const second = await enqueueJob(testDb(), { kind: "report", params: {}, createdBy: user.id });
    // Let the runner settle into its wait with every slot busy before its job ends.
    await new Promise((r) => setTimeout(r, 300));
    release();
    await bothDone;
    await runner.stop();
    expect(handled).toEqual([first, second]);
  }, 30_000);

  it("a runner woken while its poll is in flight looks once more as soon as that poll ends", async () => {
    // The poll's read may have come before the job that woke it committed: only looking again finds that job.
    let polls = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const firstPollUnderWay = new Promise<void>((r) => (reached = r));
    const runner = createJobRunner({
      db: async () => {
        polls++;
        if (polls === 1) {
          reached();
          await held;
        }
        return testDb();
      },
      // Ten minutes: only the wake-up can bring a second poll within the test's time.
      pollMs: 600_000,
      handlers: { report: async () => {} },
    });
    runner.start();
    await firstPollUnderWay;
    wakeJobRunners();
    release();
    await vi.waitFor(() => expect(polls).toBe(2), { timeout: 20_000 });
    await runner.stop();
  }, 30_000);
});
