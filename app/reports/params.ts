// What a report is asked for: a period (a calendar month, a calendar quarter or a financial year, April to March)
// and a scope (the whole service, a provider, an activity or a district). Pure: the scope's id is checked against
// the database by request.server.ts.
import { z } from "zod";
import type { Period } from "~/outcomes/model";
import { parsePeriod, periodOf, previousPeriod } from "~/outcomes/periods";
import type { ReportScopeKind } from "./model";

export type ReportPeriodKind = "month" | "quarter" | "year";

/**
 * The report periods offered, newest first: this month, quarter and financial year (marked as so far) and those
 * before, `count` of each kind. `today` is the UK date, YYYY-MM-DD.
 */
export function recentPeriods(kind: ReportPeriodKind, today: string, count: number): Period[] {
  const out: Period[] = [];
  const key =
    kind === "month"
      ? today.slice(0, 7)
      : kind === "quarter"
        ? `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`
        : `FY${Number(today.slice(5, 7)) >= 4 ? today.slice(0, 4) : Number(today.slice(0, 4)) - 1}`;
  let p: Period | null = periodOf(key, today);
  while (p && out.length < count) {
    out.push(p);
    p = previousPeriod(p);
  }
  return out;
}

/** The report's period for a key: a month, quarter or financial year that has begun by `today` (UK date). */
export function reportPeriod(
  key: string,
  today: string,
): { ok: true; period: Period } | { ok: false; message: string } {
  const parsed = parsePeriod(key, today);
  if (!parsed.ok) return parsed;
  if (parsed.period.kind === "last12") {
    return { ok: false, message: "A report covers a month, a quarter or a financial year" };
  }
  return parsed;
}

/**
 * A scope as one form value: "service", or the kind and id joined by a colon ("provider:<uuid>",
 * "activity:<uuid>", "district:<code>"). Null when malformed; whether the id exists is checked against the database.
 */
function parseScopeValue(value: string): { kind: ReportScopeKind; id?: string } | null {
  if (value === "service") return { kind: "service" };
  const m = /^(provider|activity|district):([A-Za-z0-9_-]{1,64})$/.exec(value);
  return m ? { kind: m[1] as ReportScopeKind, id: m[2] } : null;
}

const scopeField = z
  .string({ error: "Choose what the report covers" })
  .trim()
  .min(1, "Choose what the report covers")
  .max(100, "Choose what the report covers from the list")
  .transform((v, ctx) => {
    const scope = parseScopeValue(v);
    if (!scope) {
      ctx.addIssue({ code: "custom", message: "Choose what the report covers from the list" });
      return z.NEVER;
    }
    return scope;
  });

const periodField = z
  .string({ error: "Choose the period the report covers" })
  .trim()
  .min(1, "Choose the period the report covers")
  .max(20, "Choose a month, quarter or financial year from the list");

/** The form that asks for a report. Unknown fields are never read (see app/ui/validation.ts). */
export const reportRequestSchema = z.object({ period: periodField, scope: scopeField });

export { periodField, scopeField };

/** What the report job is given: the validated request (the scope's label is looked up when it runs). */
export interface ReportJobParams {
  period: string;
  scopeKind: ReportScopeKind;
  scopeId?: string;
}

/**
 * The PDF's download name: the scope's kind (never its name, which for a small provider could point to people),
 * the period key and the first 8 characters of the checksum. ASCII only, e.g.
 * `connect-well-outcomes-service-2026-Q3-1a2b3c4d.pdf`.
 */
export function reportFileName(report: {
  scope: { kind: ReportScopeKind };
  periodKey: string;
  sha256: string;
}): string {
  const period = report.periodKey.replace(/[^A-Za-z0-9-]/g, "");
  return `connect-well-outcomes-${report.scope.kind}-${period}-${report.sha256.slice(0, 8)}.pdf`;
}
