// The report pipeline as the app runs it: the dashboard's figures function, the PDF renderer and the job runner
// every server starts (app/server/startup.server.ts). Tests build their own runner over the same handler.
import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { outcomeFigures } from "~/outcomes/figures.server";
import { type ReportPipeline, reportJobHandler } from "./generate.server";
import { pdfWorkerPool, renderReportPdf } from "./pdf-worker-pool.server";
import { createJobRunner, type JobRunner } from "./runner.server";

/** The one pipeline: the same `outcomeFigures` as the dashboard, and the archive's date and id in the PDF. */
export const reportPipeline: ReportPipeline = {
  figuresOf: (db, filters) => outcomeFigures(db, filters),
  // Layout and chart drawing run in a worker thread, so a report never stalls other requests.
  renderPdf: (model, options) => renderReportPdf(model, options),
};

let runner: (JobRunner & { start(): void }) | null = null;

/** Starts this server's job runner (once). `pollMs` is how often an idle runner looks for work. */
export function startReportJobs(db: () => Promise<Kysely<DB>>, pollMs = 1000): void {
  if (runner) return;
  runner = createJobRunner({ db, pollMs, handlers: { report: reportJobHandler(reportPipeline) } });
  runner.start();
}

/** Stops polling, waits for the job in hand, if any, then stops the PDF worker threads. */
export async function stopReportJobs(): Promise<void> {
  const r = runner;
  runner = null;
  await r?.stop();
  await pdfWorkerPool().close();
}
