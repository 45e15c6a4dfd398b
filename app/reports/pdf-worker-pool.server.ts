// Renders report PDFs in a small pool of worker threads, so pdfmake's layout and chart drawing (synchronous,
// hundreds of milliseconds each) never stall other users' requests. See docs/decisions/0720-pdf-off-the-event-loop.md.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReportModel } from "./model";
import type { RenderReportOptions } from "./pdf/render.server";
import type { PdfWorkerRequest, PdfWorkerResponse } from "./pdf-worker";

/** A report could not be rendered: the worker threw, crashed or ran past its time limit. */
export class ReportRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportRenderError";
  }
}

interface Task {
  request: PdfWorkerRequest;
  resolve(pdf: Uint8Array): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Where the worker's code may be, best first. This module runs either from its TypeScript source (tests, the dev
 * server), where the worker is ./pdf-worker.ts run through tsx (from the ./pdf-worker-source.mjs bootstrap), or
 * bundled into the server build (build/server/index.js, or a chunk in a folder below it), where the worker is the
 * separately built build/server/pdf-worker.js: a worker cannot import code out of the app's bundle.
 */
export function pdfWorkerCandidates(moduleUrl: string = import.meta.url): URL[] {
  const here = fileURLToPath(moduleUrl);
  if (here.endsWith(".ts")) return [pathToFileURL(join(dirname(here), "pdf-worker-source.mjs"))];
  return [join(dirname(here), "pdf-worker.js"), join(dirname(here), "..", "pdf-worker.js")].map((f) =>
    pathToFileURL(f),
  );
}

/** The worker file to start: the first candidate that exists (else the first, whose absence the error names). */
export function pdfWorkerEntry(moduleUrl: string = import.meta.url): URL {
  const candidates = pdfWorkerCandidates(moduleUrl);
  return candidates.find((url) => existsSync(url)) ?? candidates[0];
}

export interface PdfWorkerPoolOptions {
  /** Threads at most; by default REPORT_PDF_WORKERS, else one fewer than the cores (at least 1, at most 4). */
  size?: number;
  /** A render taking longer than this (milliseconds) is abandoned and its thread replaced; 60 s by default. */
  timeoutMs?: number;
}

/**
 * A fixed-size pool of report worker threads, started on first use. Jobs queue in arrival order; each thread
 * renders one report at a time. Idle threads do not keep the process alive. A thread that crashes or times out
 * fails its job with a ReportRenderError and is replaced on the next job.
 */
export class PdfWorkerPool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PdfWorkerPoolOptions = {}) {
    const fromEnv = Number(process.env.REPORT_PDF_WORKERS);
    const size = options.size ?? (fromEnv > 0 ? fromEnv : Math.min(4, availableParallelism() - 1));
    this.size = Math.max(1, Math.floor(size));
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Renders one report in a worker thread. @throws ReportRenderError */
  render(model: ReportModel, options: RenderReportOptions): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new ReportRenderError("the report renderer has been shut down"));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, model, options }, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts every thread now (at server start), so the first report does not wait for pdfmake to load. */
  warm(): void {
    while (this.slots.length < this.size) this.spawn();
  }

  /** Stops every thread; queued and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new ReportRenderError("the report renderer was shut down"));
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot, "the report renderer was shut down")));
  }

  /** Jobs waiting for a free thread. */
  get waiting(): number {
    return this.queue.length;
  }

  private spawn(): Slot {
    const worker = new Worker(pdfWorkerEntry());
    const slot: Slot = { worker, task: null, timer: null };
    worker.unref();
    worker.on("message", (response: PdfWorkerResponse) => this.settle(slot, response));
    worker.on("error", (error) => this.fail(slot, `the report worker failed: ${error.message}`));
    worker.on("exit", (code) => this.fail(slot, `the report worker stopped (exit code ${code})`));
    this.slots.push(slot);
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.task === null) ?? (this.slots.length < this.size ? this.spawn() : null);
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(
        () => void this.retire(slot, `the report took longer than ${this.timeoutMs / 1000} s to render`),
        this.timeoutMs,
      );
      try {
        slot.worker.postMessage(task.request);
      } catch (error) {
        // Not structured-cloneable (a function, say): this job fails, the thread stays for the next.
        this.release(slot);
        task.reject(new ReportRenderError(`the report could not be sent to the renderer: ${(error as Error).message}`));
      }
    }
  }

  private settle(slot: Slot, response: PdfWorkerResponse): void {
    const task = slot.task;
    if (!task || task.request.id !== response.id) return;
    this.release(slot);
    if (response.ok) task.resolve(response.pdf);
    else task.reject(new ReportRenderError(response.error));
    this.dispatch();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
  }

  /** A thread went wrong: fail its job, forget it, and let the queue carry on with a fresh one. */
  private fail(slot: Slot, message: string): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const task = slot.task;
    this.release(slot);
    task?.reject(new ReportRenderError(message));
    if (!this.closed) this.dispatch();
  }

  private async retire(slot: Slot, message: string): Promise<void> {
    this.fail(slot, message);
    slot.worker.removeAllListeners("exit");
    await slot.worker.terminate();
  }
}

let shared: PdfWorkerPool | null = null;

/** The process's report worker pool. */
export function pdfWorkerPool(): PdfWorkerPool {
  shared ??= new PdfWorkerPool();
  return shared;
}

/**
 * A ReportModel as PDF bytes, rendered in a worker thread: the request's event loop stays free meanwhile. The
 * same model, `createdAt` and `documentId` give byte-identical PDFs (the archive's creation date and id are
 * written into the file instead of the clock's), so an archived report can be regenerated and its SHA-256 checked.
 *
 * @param options.createdAt the archive's creation instant (the PDF's CreationDate and ModDate)
 * @param options.documentId the archive's id (a UUID): the PDF's trailer ID is its 16 bytes
 * @throws ReportRenderError when the worker fails or takes longer than a minute
 */
export function renderReportPdf(model: ReportModel, options: RenderReportOptions): Promise<Uint8Array> {
  return pdfWorkerPool().render(model, options);
}
