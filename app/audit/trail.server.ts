import { sql } from "kysely";
import { audit, type AuditActor, type Executor } from "./audit.server";
import { auditActionMatch } from "./actions";
import type { AuditSort } from "./trail";

export interface AuditFilters {
  action?: string;
  outcome?: "ok" | "denied" | "failed";
  actorId?: string;
  from?: string;
  to?: string;
}

async function listAuditEvents(
  db: Executor,
  opts: {
    sort: AuditSort;
    dir: "asc" | "desc";
    page: number;
    pageSize: number;
    filters: AuditFilters;
  },
) {
  const f = opts.filters;
  let q = db.selectFrom("audit_event as a").leftJoin("app_user as u", "u.id", "a.actor_user_id");
  if (f.action) {
    const match = auditActionMatch(f.action);
    q =
      "exact" in match
        ? q.where("a.action", "=", match.exact)
        : q.where("a.action", "like", `${match.prefix.replace(/[%_\\]/g, "\\$&")}%`);
  }
  if (f.outcome) q = q.where("a.outcome", "=", f.outcome);
  if (f.actorId) q = q.where("a.actor_user_id", "=", f.actorId);
  if (f.from) q = q.where("a.occurred_at", ">=", sql<Date>`${f.from}::date::timestamp at time zone 'Europe/London'`);
  if (f.to) q = q.where("a.occurred_at", "<", sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Europe/London'`);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const order = {
    occurred_at: sql`a.occurred_at`,
    action: sql`a.action`,
    actor: sql`u.display_name`,
    outcome: sql`a.outcome`,
  }[opts.sort];
  const rows = await q
    .select([
      "a.id",
      "a.occurred_at",
      "a.action",
      "a.outcome",
      "a.actor_role",
      "a.entity_type",
      "a.entity_id",
      "a.person_id",
      "a.request_id",
      "u.display_name as actor_name",
    ])
    .orderBy(sql`${order} ${sql.raw(opts.dir)} nulls last`)
    // Rows written in the same instant keep the order they were written in, the way the time sort runs; other
    // sorts list ties newest first.
    .orderBy("a.id", opts.sort === "occurred_at" ? opts.dir : "desc")
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { total: Number(total), rows };
}

async function auditActors(db: Executor) {
  return db.selectFrom("app_user").select(["id", "display_name"]).orderBy("display_name").execute();
}

/**
 * One page of the audit trail (`listAuditEvents`) with the people to filter it by. Reading the trail is itself
 * recorded, with the filters used.
 */
export async function readAuditTrail(db: Executor, actor: AuditActor, opts: Parameters<typeof listAuditEvents>[1]) {
  const [page, actors] = await Promise.all([listAuditEvents(db, opts), auditActors(db)]);
  await audit(db, actor, { action: "audit.read", details: { filters: opts.filters } });
  return { ...page, actors };
}
