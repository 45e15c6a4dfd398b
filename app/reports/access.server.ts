// What the report pages call: each function takes the executor first and, where it acts for someone, the signed-in
// user (already through requirePermission); it reads what that user may see and writes the audit row for the view,
// download or refusal. A report that is not shared with a commissioner answers exactly as a missing one (404), with
// an "access denied" audit row.
import { data } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditAction, type Executor } from "~/audit/audit.server";
import { actorOf, type Guarded } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { costFormSchema } from "./costs";
import {
  type ArchivedReport,
  findReportByChecksum,
  findVisibleReport,
  listReports,
  reportModel,
  reportPdf,
  sha256Hex,
} from "./archive.server";
import { jobState, type JobState } from "./jobs.server";
import type { ReportModel } from "./model";
import { type ReportJobParams } from "./params";
import { requestReport, resolveScope, scopeChoices } from "./request.server";
import { setReportShares, shareState } from "./sharing.server";
import { listCosts, saveCost } from "./costs.server";
import { reportPeriod } from "./params";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function viewerOf(guard: Guarded) {
  return { userId: guard.user.id, manages: can(guard.user.role, "reports:manage") };
}

function notFound(): never {
  throw data({ message: "Page not found" }, { status: 404 });
}

/** Reports this user may see, newest first; the list view is audited. */
export async function reportList(db: Executor, guard: Guarded): Promise<ArchivedReport[]> {
  const reports = await listReports(db, viewerOf(guard));
  await audit(db, actorOf(guard), { action: "report.list", details: { shown: reports.length } });
  return reports;
}

async function visibleOr404(
  db: Executor,
  guard: Guarded,
  id: string | undefined,
  attempted: AuditAction,
): Promise<ArchivedReport> {
  const report = id && UUID.test(id) ? await findVisibleReport(db, viewerOf(guard), id.toLowerCase()) : null;
  if (!report) {
    await audit(db, actorOf(guard), {
      action: "access.denied",
      outcome: "denied",
      entityType: "report",
      entityId: id && UUID.test(id) ? id : undefined,
      details: { attempted, reason: "not_found_or_not_shared" },
    });
    notFound();
  }
  return report;
}

/** The report page's content: its archive entry and model. 404 (audited as denied) when the user may not see it. */
export async function openReport(
  db: Kysely<DB>,
  guard: Guarded,
  id: string | undefined,
): Promise<{ report: ArchivedReport; model: ReportModel }> {
  const report = await visibleOr404(db, guard, id, "report.view");
  return db.transaction().execute(async (trx) => {
    const model = await reportModel(trx, report.id);
    if (!model) notFound();
    await audit(trx, actorOf(guard), { action: "report.view", entityType: "report", entityId: report.id });
    return { report, model };
  });
}

/** The archived PDF's bytes for download, audited; 404 as openReport. */
export async function downloadReport(
  db: Kysely<DB>,
  guard: Guarded,
  id: string | undefined,
): Promise<{ report: ArchivedReport; pdf: Uint8Array }> {
  const report = await visibleOr404(db, guard, id, "report.download");
  return db.transaction().execute(async (trx) => {
    const pdf = await reportPdf(trx, report.id);
    if (!pdf) notFound();
    await audit(trx, actorOf(guard), {
      action: "report.download",
      entityType: "report",
      entityId: report.id,
      details: { sha256: report.sha256 },
    });
    return { report, pdf };
  });
}

/** Who a report is shared with (for those who manage reports). */
export async function reportShares(db: Executor, guard: Guarded, reportId: string) {
  if (!viewerOf(guard).manages) return null;
  return shareState(db, reportId);
}

/** Shares the report with exactly these commissioners (see setReportShares); 404 as openReport. */
export async function shareReport(db: Kysely<DB>, guard: Guarded, id: string | undefined, commissionerIds: string[]) {
  const report = await visibleOr404(db, guard, id, "report.share");
  return setReportShares(db, actorOf(guard), report.id, commissionerIds);
}

/** Queues a report (see requestReport). */
export async function askForReport(db: Kysely<DB>, guard: Guarded, params: ReportJobParams, today: string) {
  return requestReport(db, actorOf(guard), params, today);
}

/**
 * A job's progress for the person who asked for it or anyone who manages reports; 404 otherwise. Not audited:
 * it holds no figures, and the request and the report it produces are.
 */
export async function reportJob(db: Executor, guard: Guarded, id: string | undefined): Promise<JobState> {
  const state = id && UUID.test(id) ? await jobState(db, id.toLowerCase()) : null;
  if (!state || state.kind !== "report" || (!viewerOf(guard).manages && state.createdBy !== guard.user.id)) {
    notFound();
  }
  return state;
}

export type CopyCheck =
  | { outcome: "match"; report: ArchivedReport; sha256: string; how: "file" | "checksum" }
  | { outcome: "none"; sha256: string; how: "file" | "checksum" };

/**
 * Which archived report a copy is, by its SHA-256 (of an uploaded file's bytes, or pasted). A report the user may
 * not see is reported as matching none. Audited as "report.check" with the checksum and the outcome.
 */
export async function checkCopy(
  db: Executor,
  guard: Guarded,
  input: { bytes: Uint8Array } | { sha256: string },
): Promise<CopyCheck> {
  const how = "bytes" in input ? "file" : "checksum";
  const sha256 = "bytes" in input ? sha256Hex(input.bytes) : input.sha256.toLowerCase();
  const report = await findReportByChecksum(db, viewerOf(guard), sha256);
  await audit(db, actorOf(guard), {
    action: "report.check",
    entityType: report ? "report" : undefined,
    entityId: report?.id,
    details: { sha256, how, matched: Boolean(report) },
  });
  return report ? { outcome: "match", report, sha256, how } : { outcome: "none", sha256, how };
}

/** Costs entered so far, and the form's choices. */
export async function costPage(db: Executor) {
  const [costs, choices] = await Promise.all([listCosts(db), scopeChoices(db)]);
  return { costs, choices };
}

/**
 * Saves a cost from the admin form's fields. Returns field errors for an unknown period or scope; audited on
 * save (see saveCost).
 */
export async function saveCostForm(
  db: Kysely<DB>,
  guard: Guarded,
  form: ReturnType<typeof costFormSchema.parse>,
  today: string,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const period = reportPeriod(form.period, today);
  if (!period.ok) return { ok: false, errors: { period: period.message } };
  const scope = await resolveScope(db, form.scope.kind, form.scope.id);
  if (!scope) return { ok: false, errors: { scope: `There is no such ${form.scope.kind}: choose one from the list` } };
  await saveCost(
    db,
    { ...actorOf(guard), userId: guard.user.id },
    {
      periodKey: period.period.key,
      scope,
      costPence: form.cost,
      note: form.note,
    },
  );
  return { ok: true };
}
