// Subject access: find the person an administrator was asked about, and export everything held about them with
// their access history (UK GDPR Art 15; docs/decisions/0810-subject-access-export.md).

import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, auditListing, type AuditActor } from "~/audit/audit.server";
import { SUBJECT_ACCESS_FORMAT, type AccessEvent, type SubjectExport, type SubjectTableRows } from "./subject-access";
import { subjectGroupSql, subjectTables } from "./subject-tables.server";

/** How the administrator identifies the person: an NHS number (10 digits), or family name and date of birth. */
export type SubjectQuery = { nhsNumber: string } | { familyName: string; dateOfBirth: string };

/** A record the search found, resolved to its surviving record: enough to recognise the person asked about. */
export interface SubjectCandidate {
  id: string;
  givenName: string;
  familyName: string;
  /** 'YYYY-MM-DD'. */
  dateOfBirth: string;
  nhsNumber: string | null;
  postcode: string | null;
  /** How many records were merged into this one. */
  mergedRecords: number;
}

/**
 * The people matching `query`, each as its surviving record (a match on a record merged into another finds the
 * survivor). Audited as `person.subject-access-search` with a `person.listed` row per person shown (the search terms are
 * never written to the audit trail or a URL). At most 20, by family name.
 */
export async function searchSubjects(
  db: Kysely<DB>,
  actor: AuditActor,
  query: SubjectQuery,
): Promise<SubjectCandidate[]> {
  return db.transaction().execute(async (trx) => {
    const match =
      "nhsNumber" in query
        ? sql`m.nhs_number = ${query.nhsNumber}`
        : sql`lower(m.family_name) = lower(${query.familyName.trim()}) and m.date_of_birth = ${query.dateOfBirth}::date`;
    const { rows } = await sql<{
      id: string;
      given_name: string;
      family_name: string;
      date_of_birth: string;
      nhs_number: string | null;
      postcode: string | null;
      merged: number;
    }>`
      with recursive found as (select m.id, m.merged_into_id, 0 as depth from person m where ${match}
        union all
        select p.id, p.merged_into_id, f.depth + 1 from person p join found f on p.id = f.merged_into_id
        where f.depth < 100)
      select s.id, s.given_name, s.family_name, s.date_of_birth, s.nhs_number, s.postcode,
        (select count(*) from person c where c.merged_into_id = s.id)::int as merged
      from person s
      where s.id in (select id from found where merged_into_id is null)
      order by s.family_name, s.given_name, s.id
      limit 20`.execute(trx);
    await auditListing(
      trx,
      actor,
      {
        action: "person.subject-access-search",
        entityType: "person",
        details: { by: "nhsNumber" in query ? "nhs_number" : "name_and_date_of_birth", found: rows.length },
      },
      rows.map((r) => ({ personId: r.id })),
    );
    return rows.map((r) => ({
      id: r.id,
      givenName: r.given_name,
      familyName: r.family_name,
      dateOfBirth: r.date_of_birth,
      nhsNumber: r.nhs_number,
      postcode: r.postcode,
      mergedRecords: Number(r.merged),
    }));
  });
}

/**
 * Everything held about the person `personId` (or the person a merged record `personId` became): every row of every
 * table in `subjectTables` about the surviving record or any record merged into it, and the full access history
 * (every audit row naming one of the records, or with one of the exported rows as its subject, oldest first).
 *
 * The export is itself audited (`person.export`, `details.format` = `json` or `html`, with the row counts) in the
 * same transaction, before the history is read, so the history it returns ends with this export. The reads are
 * one repeatable-read snapshot. Returns null, writing nothing, when there is no such person.
 */
export async function subjectAccessExport(
  db: Kysely<DB>,
  actor: AuditActor,
  personId: string,
  format: "json" | "html",
): Promise<SubjectExport | null> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const group = (await subjectGroupSql(personId).execute(trx)).rows;
      if (group.length === 0) return null;
      const ids = group.map((g) => g.id);
      const survivor = ids[0];
      const tables: SubjectTableRows[] = [];
      for (const t of subjectTables) {
        const { rows } = await sql<{ row: Record<string, unknown> }>`
          select to_jsonb(t) as row from ${sql.table(t.table)} t where ${t.about(ids)} order by ${sql.raw(t.orderBy)}`.execute(
          trx,
        );
        tables.push({ table: t.table, label: t.label, rows: rows.map((r) => r.row) });
      }
      await audit(trx, actor, {
        action: "person.export",
        entityType: "person",
        entityId: survivor,
        personId: survivor,
        details: {
          format,
          records: ids.length,
          rows: Object.fromEntries(tables.map((t) => [t.table, t.rows.length])),
        },
      });
      // Rows that are the subject of an audit entry without naming the person (a self-referral not yet linked to a
      // record is audited by its own id) are found by their ids.
      const rowIds = tables.flatMap((t) =>
        t.rows.map((r) => r.id).filter((id): id is string => typeof id === "string"),
      );
      const history = await sql<{
        occurred_at: string;
        actor_user_id: string | null;
        actor_name: string | null;
        actor_role: string | null;
        action: string;
        outcome: string;
        entity_type: string | null;
        entity_id: string | null;
        request_id: string | null;
        details: unknown;
      }>`
        select to_jsonb(a.occurred_at) #>> '{}' as occurred_at, a.actor_user_id, u.display_name as actor_name,
          a.actor_role, a.action, a.outcome, a.entity_type, a.entity_id, a.request_id, a.details
        from audit_event a left join app_user u on u.id = a.actor_user_id
        where a.person_id = any(${ids}::uuid[])
           or (a.person_id is null and a.entity_id = any(${rowIds}::text[]))
        order by a.occurred_at, a.id`.execute(trx);
      const accessHistory: AccessEvent[] = history.rows.map((h) => ({
        occurredAt: h.occurred_at,
        actorUserId: h.actor_user_id,
        actorName: h.actor_name,
        actorRole: h.actor_role,
        action: h.action,
        outcome: h.outcome,
        entityType: h.entity_type,
        entityId: h.entity_id,
        requestId: h.request_id,
        details: h.details,
      }));
      const { rows: now } = await sql<{ now: string }>`select to_jsonb(now()) #>> '{}' as now`.execute(trx);
      return {
        format: SUBJECT_ACCESS_FORMAT,
        generatedAt: now[0].now,
        generatedBy: { userId: actor.userId, role: actor.role },
        subject: { personId: survivor, recordIds: ids },
        tables,
        accessHistory,
      };
    });
}
