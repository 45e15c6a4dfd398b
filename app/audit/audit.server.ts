import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { preparedQuery } from "@db/prepared-query";
import type { DB } from "@db/types";
import type { AuditAction } from "./actions";

export type { AuditAction } from "./actions";

export type Executor = Kysely<DB> | Transaction<DB>;

export interface AuditActor {
  userId: string | null;
  role: string | null;
  requestId: string;
}

export interface AuditEntry {
  /** `domain.verb`, one of the list in app/audit/actions.ts. */
  action: AuditAction;
  outcome?: "ok" | "denied" | "failed";
  entityType?: string;
  entityId?: string;
  personId?: string | null;
  /** Identifiers and field names only: never note text, names or NHS numbers. */
  details?: Record<string, unknown>;
}

/** The audit row for an entry, as its columns. */
function auditRow(actor: AuditActor, entry: AuditEntry) {
  return {
    actor_user_id: actor.userId,
    actor_role: actor.role,
    request_id: actor.requestId,
    action: entry.action,
    outcome: entry.outcome ?? "ok",
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    person_id: entry.personId ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
}

/**
 * Writes one audit row. Call it with the same transaction as the read or write it records, so that if the
 * row cannot be written the data is neither changed nor returned.
 */
export async function audit(db: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await insertAuditRow(db, auditRow(actor, entry));
}

// Nearly every request writes one audit row: compiled once (db/prepared-query.ts). The stand-ins cannot be
// spread, so the columns are named here once more.
const insertAuditRow = preparedQuery((db, p: ReturnType<typeof auditRow>) =>
  db.insertInto("audit_event").values({
    actor_user_id: p.actor_user_id,
    actor_role: p.actor_role,
    request_id: p.request_id,
    action: p.action,
    outcome: p.outcome,
    entity_type: p.entity_type,
    entity_id: p.entity_id,
    person_id: p.person_id,
    details: p.details,
  }),
);

/** Several audit rows in one statement (a page showing many people): all are written, or none and the caller fails. */
export async function auditAll(db: Executor, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("audit_event")
    .values(entries.map((entry) => auditRow(actor, entry)))
    .execute();
}

/** One person a list showed: the person's record when there is one, and the row that named them. */
export interface ListedPerson {
  personId: string | null;
  /** The row shown, when it is not the person itself: a referral on a caseload, a self-referral in the queue. */
  entityType?: string;
  entityId?: string;
}

/**
 * The audit rows for a page that shows people: the list's own row (`entry`: what was asked, how many found) and one
 * `person.listed` row per person shown, naming the list in `details.list`, so each person's access history says
 * who saw them listed and where. One multi-row insert: all are written, or none and the caller fails, so call it in
 * the transaction that read the list. A person shown twice (two referrals on one caseload page) gets one row.
 */
export async function auditListing(
  db: Executor,
  actor: AuditActor,
  entry: AuditEntry,
  shown: readonly ListedPerson[],
): Promise<void> {
  const seen = new Set<string>();
  const listed: AuditEntry[] = [];
  for (const p of shown) {
    const key = p.personId ?? `${p.entityType}:${p.entityId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    listed.push({
      action: "person.listed",
      entityType: p.entityType ?? "person",
      entityId: p.entityId ?? p.personId ?? undefined,
      personId: p.personId,
      details: { list: entry.action },
    });
  }
  await auditAll(db, actor, [entry, ...listed]);
}

/** The audit row's columns, in the order `auditSelect` gives their values. */
export const AUDIT_COLUMNS = [
  "actor_user_id",
  "actor_role",
  "request_id",
  "action",
  "outcome",
  "entity_type",
  "entity_id",
  "person_id",
  "details",
] as const;

/**
 * An audit row as a SELECT list, for a read that writes its own row in the same statement: an
 * `insert into audit_event (AUDIT_COLUMNS) select ... from <the row read>` in a data-modifying CTE. The read and
 * its row are then one statement, so one round trip, and atomic without a transaction; a read that finds nothing
 * writes no row. `entityId`, `personId` and `details` are SQL over the row read, so details can record what the
 * read decided. Values are cast: a bare parameter in a SELECT list gives PostgreSQL no type to take from the
 * target column.
 */
export function auditSelect(
  actor: AuditActor,
  entry: {
    action: AuditAction;
    entityType: string;
    entityId: RawBuilder<unknown>;
    personId: RawBuilder<unknown>;
    details: RawBuilder<unknown>;
  },
) {
  return [
    sql`${actor.userId}::uuid`.as("actor_user_id"),
    sql`${actor.role}::text`.as("actor_role"),
    sql`${actor.requestId}::text`.as("request_id"),
    sql`${entry.action}::text`.as("action"),
    sql.lit("ok").as("outcome"),
    sql`${entry.entityType}::text`.as("entity_type"),
    sql`(${entry.entityId})::text`.as("entity_id"),
    sql`(${entry.personId})::uuid`.as("person_id"),
    sql`(${entry.details})::jsonb`.as("details"),
  ];
}
