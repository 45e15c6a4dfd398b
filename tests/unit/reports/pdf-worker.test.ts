// The report PDF is rendered in a worker thread: same bytes as in this thread, and this thread's event loop keeps
// running while it renders.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import {
  PdfWorkerPool,
  pdfWorkerCandidates,
  pdfWorkerEntry,
  ReportRenderError,
} from "../../../app/reports/pdf-worker-pool.server";
import { renderReportPdfInThread } from "../../../app/reports/pdf/render.server";
import { lowerThisThreadPriority } from "../../../app/reports/thread-priority.server";
import { fixtureReportModel } from "../../fixtures/report-model";

const options = { createdAt: new Date("2026-10-02T08:30:00.000Z"), documentId: "0b6f1d2e-8a4c-4f7e-9d3b-5c2a1e7f9a01" };
const pool = new PdfWorkerPool({ size: 2 });
afterAll(() => pool.close());

/** The nice value report threads run at (docs/decisions/0917-report-threads-give-way.md). */
const REPORT_THREAD_NICE = 10;

/** A thread's nice value: field 19 of its /proc stat, counting after the command name in parentheses. */
function niceOf(statPath: string): number | null {
  try {
    const stat = readFileSync(statPath, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  } catch {
    return null; // the thread ended between listing and reading
  }
}

/** The nice value of each thread of this process (Linux), by thread id. */
function threadNiceValues(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    const nice = niceOf(`/proc/self/task/${tid}/stat`);
    if (nice !== null) out.set(tid, nice);
  }
  return out;
}

/** This (test) thread's nice value, or null off Linux. */
const ownNice = process.platform === "linux" ? niceOf("/proc/thread-self/stat") : null;

/** Runs `work` while a 5 ms timer ticks, and reports the longest wait between ticks against the work's duration. */
async function eventLoopDuring(work: () => Promise<unknown>) {
  let last = performance.now();
  let longest = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
  }, 5);
  const start = performance.now();
  await work();
  const total = performance.now() - start;
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  return { longest, total, ticks };
}

describe("report PDF worker pool", () => {
  it("finds the worker beside the module: the TypeScript source's bootstrap, or the built bundle's worker", () => {
    expect(pdfWorkerCandidates("file:///srv/app/reports/pdf-worker-pool.server.ts").map(String)).toEqual([
      "file:///srv/app/reports/pdf-worker-source.mjs",
    ]);
    expect(pdfWorkerCandidates("file:///srv/build/server/index.js").map(String)).toEqual([
      "file:///srv/build/server/pdf-worker.js",
      "file:///srv/build/pdf-worker.js",
    ]);
    expect(pdfWorkerCandidates("file:///srv/build/server/assets/chunk.js").map(String)).toContain(
      "file:///srv/build/server/pdf-worker.js",
    );
    expect(pdfWorkerEntry().href).toMatch(/app\/reports\/pdf-worker-source\.mjs$/);
  });

  it("renders the same bytes in a worker as in this thread, for several reports at once", async () => {
    const [a, b, c] = await Promise.all([
      pool.render(fixtureReportModel(), options),
      pool.render(fixtureReportModel(), options),
      pool.render(fixtureReportModel(), options),
    ]);
    const here = await renderReportPdfInThread(fixtureReportModel(), options);
    for (const pdf of [a, b, c]) expect(Buffer.from(pdf).equals(Buffer.from(here))).toBe(true);
  }, 180_000);

  // Only where there is room to lower: a test run already at nice 10 or more has nothing to show.
  it.runIf(ownNice !== null && ownNice < REPORT_THREAD_NICE)(
    "draws in threads that give way to the app when the cores are busy: lower priority there, unchanged here",
    async () => {
      await pool.render(fixtureReportModel(), options);
      const lowered = [...threadNiceValues().values()].filter((nice) => nice === REPORT_THREAD_NICE);
      // Each of the pool's threads has started by now (this test runs after several renders at once).
      expect(lowered.length).toBeGreaterThanOrEqual(1);
      expect(niceOf("/proc/thread-self/stat")).toBe(ownNice);
    },
    180_000,
  );

  it.runIf(ownNice !== null)("never raises a thread's priority: asked for more than it has, it leaves it", () => {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    try {
      // Asked for 5 below where this thread runs (which root could grant), it keeps the thread where it is.
      expect(lowerThisThreadPriority(ownNice! - 5)).toBe(ownNice);
    } finally {
      setPriority(tid, ownNice!);
    }
  });

  it("keeps this thread's event loop running while a report renders, which rendering here does not", async () => {
    await pool.render(fixtureReportModel(), options); // threads started and warm
    const inWorker = await eventLoopDuring(() => pool.render(fixtureReportModel(), options));
    const inThread = await eventLoopDuring(() => renderReportPdfInThread(fixtureReportModel(), options));
    // Relative, not absolute, limits: on a busy machine everything is slower, but a free event loop still
    // ticks all through the render, while a blocked one waits out whole stretches of chart drawing and layout.
    expect(inWorker.ticks).toBeGreaterThan(10);
    expect(inWorker.longest).toBeLessThan(inWorker.total / 4);
    expect(inThread.longest).toBeGreaterThan(inThread.total / 4);
    expect(inThread.longest).toBeGreaterThan(inWorker.longest);
  }, 180_000);

  it("fails a report that cannot be rendered with its reason, and carries on with the next", async () => {
    const broken = fixtureReportModel();
    broken.figures.sections[1].tables[0].chart!.series = ["no-such-column"];
    await expect(pool.render(broken, options)).rejects.toThrow(ReportRenderError);
    await expect(pool.render(broken, options)).rejects.toThrow(/no-such-column/);
    const pdf = await pool.render(fixtureReportModel(), options);
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  }, 180_000);

  it("fails a job it cannot send to a thread without losing the thread", async () => {
    const model = fixtureReportModel() as any;
    model.summary.push(() => "not data");
    await expect(pool.render(model, options)).rejects.toThrow(/could not be sent/);
    const pdf = await pool.render(fixtureReportModel(), options);
    expect(pdf.length).toBeGreaterThan(1000);
  }, 180_000);

  it("abandons a render that runs past its time limit, and refuses work once shut down", async () => {
    const hasty = new PdfWorkerPool({ size: 1, timeoutMs: 1 });
    await expect(hasty.render(fixtureReportModel(), options)).rejects.toThrow(/longer than/);
    await hasty.close();
    await expect(hasty.render(fixtureReportModel(), options)).rejects.toThrow(/shut down/);
  }, 60_000);
});
