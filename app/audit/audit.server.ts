import type { Kysely, Transaction } from "kysely";
import type { DB } from "@db/types";

export type Executor = Kysely<DB> | Transaction<DB>;

export interface AuditActor {
  userId: string | null;
  role: string | null;
  requestId: string;
}

export interface AuditEntry {
  action: string;
  outcome?: "ok" | "denied" | "failed";
  entityType?: string;
  entityId?: string;
  personId?: string | null;
  /** Identifiers and field names only: never note text, names or NHS numbers. */
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row. Call it with the same transaction as the read or write it records, so that if the
 * row cannot be written the data is neither changed nor returned.
 */
export async function audit(db: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await auditAll(db, actor, [entry]);
}

/** Several audit rows in one statement (a page showing many people): all are written, or none and the caller fails. */
export async function auditAll(db: Executor, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("audit_event")
    .values(
      entries.map((entry) => ({
        actor_user_id: actor.userId,
        actor_role: actor.role,
        request_id: actor.requestId,
        action: entry.action,
        outcome: entry.outcome ?? "ok",
        entity_type: entry.entityType ?? null,
        entity_id: entry.entityId ?? null,
        person_id: entry.personId ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
      })),
    )
    .execute();
}
