// The report job: figures → model → PDF (in a worker thread) → archive, with progress along the way. The report
// is stored and the job marked done in one transaction, by the worker that still holds the job's lease.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit } from "~/audit/audit.server";
import { archiveReport } from "./archive.server";
import { completeJob } from "./jobs.server";
import type { ReportModel } from "./model";
import type { ReportJobParams } from "./params";
import { buildReportModel, type FiguresOf } from "./report-model.server";
import { resolveScope } from "./request.server";
import { JobError, type JobHandler } from "./runner.server";

/** Draws a report's PDF: `renderReportPdf` (app/reports/pdf). Must be deterministic for a given model and options. */
export type RenderPdf = (model: ReportModel, options: { createdAt: Date; documentId: string }) => Promise<Uint8Array>;

export interface ReportPipeline {
  figuresOf: FiguresOf;
  renderPdf: RenderPdf;
}

/**
 * Builds and archives one report from a job's parameters (ReportJobParams), reporting progress, and returns the
 * report's id. The scope is looked up again (it was checked when asked for, and may have been removed since).
 */
export function reportJobHandler(pipeline: ReportPipeline): JobHandler {
  return async (db: Kysely<DB>, job, ctx) => {
    const params = job.params as ReportJobParams;
    await ctx.progress("Reading the figures", 10);
    const scope = await resolveScope(db, params.scopeKind, params.scopeId);
    if (!scope) throw new JobError("What the report was to cover no longer exists in the directory.");
    const author = await db
      .selectFrom("app_user")
      .select("display_name")
      .where("id", "=", job.createdBy)
      .executeTakeFirstOrThrow();
    const id = randomUUID();
    const generatedAt = new Date();
    const model = await buildReportModel(
      db,
      {
        id,
        periodKey: params.period,
        scope,
        generatedAt: generatedAt.toISOString(),
        generatedBy: author.display_name,
      },
      pipeline.figuresOf,
    );
    await ctx.progress("Drawing the charts and laying out the PDF", 45);
    // A copy: pdfmake normalises the document it is given in place, and the archive must keep the model as built.
    const pdf = await pipeline.renderPdf(structuredClone(model), { createdAt: generatedAt, documentId: id });
    await ctx.progress("Archiving the report", 90);
    await db.transaction().execute(async (trx) => {
      const sha256 = await archiveReport(trx, { model, pdf, generatedBy: job.createdBy, jobId: job.id });
      await completeJob(trx, job, id);
      await audit(
        trx,
        { userId: job.createdBy, role: null, requestId: `job:${job.id}` },
        {
          action: "report.generate",
          entityType: "report",
          entityId: id,
          details: { period: params.period, scopeKind: scope.kind, scopeId: scope.id ?? null, sha256 },
        },
      );
    });
  };
}
