// The report worker thread's entry: renders a ReportModel to PDF bytes off the app's event loop and sends them
// back (transferred, not copied). Built on its own as build/server/pdf-worker.js for production (see
// vite.pdf-worker.config.ts); run from this TypeScript source under tests and the dev server.
// See docs/decisions/0720-pdf-off-the-event-loop.md.
import { parentPort } from "node:worker_threads";
import type { ReportModel } from "./model";
import { type RenderReportOptions, renderReportPdfInThread } from "./pdf/render.server";
import { lowerThisThreadPriority } from "./thread-priority.server";

/** A job for the worker: one report to render. */
export interface PdfWorkerRequest {
  id: number;
  model: ReportModel;
  options: RenderReportOptions;
}

/** The worker's answer: the PDF's bytes, or the error's message. */
export type PdfWorkerResponse = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: string };

if (!parentPort) throw new Error("pdf-worker must run in a worker thread");
const port = parentPort;
// Drawing a report gives way to the app's requests and the database when they compete for the cores.
lowerThisThreadPriority();

port.on("message", async (request: PdfWorkerRequest) => {
  try {
    const bytes = await renderReportPdfInThread(request.model, request.options);
    // Own the whole ArrayBuffer, so it can be transferred without sending anything else that shares it.
    const pdf = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    port.postMessage({ id: request.id, ok: true, pdf } satisfies PdfWorkerResponse, [pdf.buffer as ArrayBuffer]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ id: request.id, ok: false, error: message } satisfies PdfWorkerResponse);
  }
});
