// Asking for a report: the scope is checked against the directory and the districts, the period must have begun,
// and the job is queued with its audit row in one transaction.
import { type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { isUuid } from "~/params";
import { enqueueJob } from "./jobs.server";
import { wakeJobRunners } from "./runner.server";
import type { ReportScope, ReportScopeKind } from "./model";
import { type ReportJobParams, reportPeriod } from "./params";

/** The scope with its name, or null when the id names no provider, activity or district. */
export async function resolveScope(db: Executor, kind: ReportScopeKind, id?: string): Promise<ReportScope | null> {
  if (kind === "service") return { kind, label: "Whole service" };
  if (!id) return null;
  if (kind === "district") {
    const row = await db.selectFrom("district").select("name").where("code", "=", id).executeTakeFirst();
    return row ? { kind, id, label: row.name } : null;
  }
  if (!isUuid(id)) return null;
  const row =
    kind === "provider"
      ? await db.selectFrom("provider").select("name").where("id", "=", id).executeTakeFirst()
      : await db.selectFrom("activity").select("name").where("id", "=", id).executeTakeFirst();
  return row ? { kind, id, label: row.name } : null;
}

/** The choices the request form offers, by name. */
export async function scopeChoices(db: Executor) {
  const [providers, activities, districts] = await Promise.all([
    db.selectFrom("provider").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("activity").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("district").select(["code as id", "name"]).orderBy("name").execute(),
  ]);
  return { providers, activities, districts };
}

export type RequestRefusal = { field: "period" | "scope"; message: string };

/**
 * Queues a report job for a checked request, audited as "report.request". Refuses (without queuing) a period that
 * has not begun by `today` (UK date, YYYY-MM-DD) or is not a month, quarter or financial year, and a scope id that names nothing. Returns the job's id or the refusal.
 */
export async function requestReport(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  params: ReportJobParams,
  today: string,
): Promise<{ ok: true; jobId: string } | { ok: false; refusal: RequestRefusal }> {
  const period = reportPeriod(params.period, today);
  if (!period.ok) return { ok: false, refusal: { field: "period", message: period.message } };
  const scope = await resolveScope(db, params.scopeKind, params.scopeId);
  if (!scope) {
    return {
      ok: false,
      refusal: { field: "scope", message: `There is no such ${params.scopeKind}: choose one from the list` },
    };
  }
  const jobId = await db.transaction().execute(async (trx) => {
    const id = await enqueueJob(trx, { kind: "report", params, createdBy: actor.userId });
    await audit(trx, actor, {
      action: "report.request",
      entityType: "job",
      entityId: id,
      details: { period: params.period, scopeKind: params.scopeKind, scopeId: params.scopeId ?? null },
    });
    return id;
  });
  wakeJobRunners();
  return { ok: true, jobId };
}
