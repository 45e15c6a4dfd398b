// The report archive: every generated report with its parameters, who generated it and when, the disclosure rule
// applied, its figures as data (the ReportModel), its PDF and the PDF's SHA-256. Rows are immutable (a trigger
// refuses updates and deletes), so a checksum read today still proves what was published.
import { createHash } from "node:crypto";
import type { Executor } from "~/audit/audit.server";
import type { PeriodKind } from "~/outcomes/model";
import type { ReportModel, ReportScope, ReportScopeKind } from "./model";

/** The lowercase hex SHA-256 of some bytes: 64 characters. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** An archived report without its PDF bytes (what lists and the report page need). */
export interface ArchivedReport {
  id: string;
  title: string;
  periodKey: string;
  periodKind: PeriodKind;
  scope: ReportScope;
  ruleCode: string;
  sha256: string;
  /** PDF size in bytes. */
  pdfBytes: number;
  generatedAt: Date;
  generatedBy: { id: string; name: string };
}

export interface NewReport {
  model: ReportModel;
  pdf: Uint8Array;
  generatedBy: string;
  jobId: string | null;
}

/** Stores a generated report (the model's id, period, scope and generatedAt are its own). Returns the checksum. */
export async function archiveReport(db: Executor, report: NewReport): Promise<string> {
  const { model } = report;
  const sha256 = sha256Hex(report.pdf);
  await db
    .insertInto("report")
    .values({
      id: model.id,
      title: model.title,
      period_key: model.period.key,
      period_kind: model.period.kind,
      scope_kind: model.scope.kind,
      scope_id: model.scope.kind === "service" ? null : (model.scope.id ?? null),
      scope_label: model.scope.label,
      rule_code: model.figures.rule.code,
      model: JSON.stringify(model),
      pdf: Buffer.from(report.pdf),
      pdf_bytes: report.pdf.byteLength,
      sha256,
      generated_by: report.generatedBy,
      generated_at: model.generatedAt,
      job_id: report.jobId,
    })
    .execute();
  return sha256;
}

function reportColumns(db: Executor) {
  return db
    .selectFrom("report as r")
    .innerJoin("app_user as u", "u.id", "r.generated_by")
    .select([
      "r.id",
      "r.title",
      "r.period_key",
      "r.period_kind",
      "r.scope_kind",
      "r.scope_id",
      "r.scope_label",
      "r.rule_code",
      "r.sha256",
      "r.pdf_bytes",
      "r.generated_at",
      "r.generated_by",
      "u.display_name as generated_by_name",
    ]);
}

interface ReportViewer {
  userId: string;
  manages: boolean;
}

/** The reports a viewer may see: every report for those who manage reports, otherwise only those shared with them. */
function visibleReports(db: Executor, viewer: ReportViewer) {
  const q = reportColumns(db);
  if (viewer.manages) return q;
  return q.where((eb) =>
    eb.exists(
      eb
        .selectFrom("report_share as s")
        .select("s.report_id")
        .whereRef("s.report_id", "=", "r.id")
        .where("s.user_id", "=", viewer.userId),
    ),
  );
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportColumns>["executeTakeFirstOrThrow"]>>;

function toArchived(row: ReportRow): ArchivedReport {
  return {
    id: row.id,
    title: row.title,
    periodKey: row.period_key,
    periodKind: row.period_kind as PeriodKind,
    scope: {
      kind: row.scope_kind as ReportScopeKind,
      ...(row.scope_id ? { id: row.scope_id } : {}),
      label: row.scope_label,
    },
    ruleCode: row.rule_code,
    sha256: row.sha256,
    pdfBytes: row.pdf_bytes,
    generatedAt: row.generated_at,
    generatedBy: { id: row.generated_by, name: row.generated_by_name },
  };
}

/**
 * Reports a user may see, newest first: every report for those who manage reports, otherwise only those shared
 * with them. `limit` caps the list (default 200).
 */
export async function listReports(db: Executor, viewer: ReportViewer, limit = 200): Promise<ArchivedReport[]> {
  const rows = await visibleReports(db, viewer)
    .orderBy("r.generated_at", "desc")
    .orderBy("r.id")
    .limit(limit)
    .execute();
  return rows.map(toArchived);
}

/** One report the user may see (see listReports), or null: a report not shared with them is the same as none. */
export async function findVisibleReport(
  db: Executor,
  viewer: ReportViewer,
  id: string,
): Promise<ArchivedReport | null> {
  const row = await visibleReports(db, viewer).where("r.id", "=", id).executeTakeFirst();
  return row ? toArchived(row) : null;
}

/** The report's figures and words as archived. */
export async function reportModel(db: Executor, id: string): Promise<ReportModel | null> {
  const row = await db.selectFrom("report").select("model").where("id", "=", id).executeTakeFirst();
  return row ? (row.model as unknown as ReportModel) : null;
}

/** The archived PDF's bytes, or null. */
export async function reportPdf(db: Executor, id: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom("report").select("pdf").where("id", "=", id).executeTakeFirst();
  return row ? new Uint8Array(row.pdf) : null;
}

/** The archived report with this checksum (64 hex characters, any case), or null. Visibility as listReports. */
export async function findReportByChecksum(
  db: Executor,
  viewer: { userId: string; manages: boolean },
  sha256: string,
): Promise<ArchivedReport | null> {
  const id = await db.selectFrom("report").select("id").where("sha256", "=", sha256.toLowerCase()).executeTakeFirst();
  return id ? findVisibleReport(db, viewer, id.id) : null;
}
