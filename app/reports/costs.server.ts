// Service costs per period and scope, entered by an administrator (the only source of a report's value-for-money
// figures: nothing is estimated). Each save is audited with its amount.
import { type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import type { ReportScope, ReportScopeKind } from "./model";

export interface ServiceCost {
  id: string;
  periodKey: string;
  scopeKind: ReportScopeKind;
  scopeId: string | null;
  scopeLabel: string;
  /** Pence. */
  costPence: number;
  note: string | null;
  enteredBy: string;
  enteredAt: Date;
}

/** Every cost entered, newest period first, with the scope's name (from the directory or district list). */
export async function listCosts(db: Executor): Promise<ServiceCost[]> {
  const rows = await db
    .selectFrom("service_cost as c")
    .innerJoin("app_user as u", "u.id", "c.entered_by")
    .select([
      "c.id",
      "c.period_key",
      "c.scope_kind",
      "c.scope_id",
      "c.cost_pence",
      "c.note",
      "c.entered_at",
      "u.display_name",
    ])
    .orderBy("c.period_key", "desc")
    .orderBy("c.scope_kind")
    .execute();
  const names = await scopeNames(db);
  return rows.map((r) => ({
    id: r.id,
    periodKey: r.period_key,
    scopeKind: r.scope_kind as ReportScopeKind,
    scopeId: r.scope_id,
    scopeLabel:
      r.scope_kind === "service" ? "Whole service" : (names.get(`${r.scope_kind}:${r.scope_id}`) ?? "Removed"),
    costPence: r.cost_pence,
    note: r.note,
    enteredBy: r.display_name,
    enteredAt: r.entered_at,
  }));
}

async function scopeNames(db: Executor): Promise<Map<string, string>> {
  const [providers, activities, districts] = await Promise.all([
    db.selectFrom("provider").select(["id", "name"]).execute(),
    db.selectFrom("activity").select(["id", "name"]).execute(),
    db.selectFrom("district").select(["code", "name"]).execute(),
  ]);
  return new Map([
    ...providers.map((p) => [`provider:${p.id}`, p.name] as const),
    ...activities.map((a) => [`activity:${a.id}`, a.name] as const),
    ...districts.map((d) => [`district:${d.code}`, d.name] as const),
  ]);
}

/**
 * Records the cost of a period and scope, replacing any earlier figure for the same pair (the audit row keeps the
 * history: "cost.save" with the period, scope, pence and the previous pence). `costPence` is a positive integer.
 */
export async function saveCost(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  input: { periodKey: string; scope: ReportScope; costPence: number; note?: string },
): Promise<void> {
  const scopeId = input.scope.kind === "service" ? null : (input.scope.id ?? null);
  await db.transaction().execute(async (trx) => {
    const existing = await costRow(trx, input.periodKey, input.scope.kind, scopeId).forUpdate().executeTakeFirst();
    if (existing) {
      await trx
        .updateTable("service_cost")
        .set({
          cost_pence: input.costPence,
          note: input.note ?? null,
          entered_by: actor.userId,
          entered_at: new Date(),
          version: existing.version + 1,
        })
        .where("id", "=", existing.id)
        .execute();
    } else {
      await trx
        .insertInto("service_cost")
        .values({
          period_key: input.periodKey,
          scope_kind: input.scope.kind,
          scope_id: scopeId,
          cost_pence: input.costPence,
          note: input.note ?? null,
          entered_by: actor.userId,
        })
        .execute();
    }
    await audit(trx, actor, {
      action: "cost.save",
      entityType: "service_cost",
      details: {
        period: input.periodKey,
        scopeKind: input.scope.kind,
        scopeId,
        pence: input.costPence,
        previousPence: existing?.cost_pence ?? null,
      },
    });
  });
}

function costRow(db: Executor, periodKey: string, kind: ReportScopeKind, scopeId: string | null) {
  let q = db
    .selectFrom("service_cost")
    .select(["id", "cost_pence", "version"])
    .where("period_key", "=", periodKey)
    .where("scope_kind", "=", kind);
  q = scopeId === null ? q.where("scope_id", "is", null) : q.where("scope_id", "=", scopeId);
  return q;
}

/** The cost entered for exactly this period and scope, in pence, or null when none was entered. */
export async function costFor(db: Executor, periodKey: string, scope: ReportScope): Promise<number | null> {
  const row = await costRow(
    db,
    periodKey,
    scope.kind,
    scope.kind === "service" ? null : (scope.id ?? null),
  ).executeTakeFirst();
  return row ? row.cost_pence : null;
}
