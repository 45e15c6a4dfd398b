// The retention schedule: find the people with no contact since the cut-off, report what erasing them would do, and
// do it (docs/decisions/0811-retention-schedule.md, 0812-audit-pseudonyms.md). Run by `npm run retention`
// (db/cli/retention.ts) as the owner of the schema: only the owner may replace references in the append-only audit
// trail with pseudonyms, which the app's own role cannot do.

import { createHmac } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Executor } from "~/audit/audit.server";
import type { DB } from "@db/types";
import { coarseDateOfBirth, MIN_HMAC_KEY_LENGTH } from "./retention";
import { subjectTables, type RetentionAction } from "./subject-tables.server";

/** What a run would do (dry run) or did: counts only, never a name, an NHS number or a record id. */
export interface RetentionReport {
  /** 'YYYY-MM-DD': people whose last contact was before this day are erased. */
  cutoff: string;
  /** People (a surviving record and the records merged into it count as one). */
  people: number;
  /** Person records, merged ones included. */
  records: number;
  /** Rows per table about those people, and what happens to them. */
  tables: { table: string; action: RetentionAction; rows: number }[];
  /** Person records removed outright (nothing about them is counted in the outcome figures). */
  recordsDeleted: number;
  /** Person records kept, anonymised, because the outcome figures count their referrals. */
  recordsAnonymised: number;
  /** Self-referrals never linked to a record, received (or last handled) before the cut-off: removed. */
  unlinkedSelfReferrals: number;
  /** Audit rows whose references to these people and their removed rows become pseudonyms. */
  auditRows: number;
}

const UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/**
 * The pseudonym that replaces the identifier `id` in the audit trail: HMAC-SHA-256 keyed with `key` over
 * "connect-well:" + id, its first 128 bits written as a UUID (version 8, "custom", RFC 9562 §5.8) so it fits the
 * audit trail's uuid column. The same id and key always give the same pseudonym; without the key it cannot be
 * reversed or recomputed from a guessed id (docs/decisions/0812-audit-pseudonyms.md).
 */
export function auditPseudonym(key: string, id: string): string {
  const b = createHmac("sha256", key).update(`connect-well:${id.toLowerCase()}`).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Stale {
  /** Every person record of the stale people: survivors and the records merged into them. */
  ids: string[];
  /** The surviving records. */
  roots: string[];
}

/**
 * The people whose last contact (the latest contact instant of any row about them or a record merged into them:
 * `SubjectTable.contact`) was before `cutoff` ('YYYY-MM-DD', UK midnight), not already erased.
 */
async function findStale(db: Executor, cutoff: string): Promise<Stale> {
  const contactRows = subjectTables
    .filter((t) => t.contact.length > 0)
    .map(
      (t) =>
        sql`select ${t.owner} as person_id, greatest(${sql.join(t.contact.map((c) => sql`(${c})::timestamptz`))}) as at from ${sql.table(t.table)} t`,
    );
  const { rows } = await sql<{ id: string; root: string }>`
    with recursive grp(id, root, depth) as (
      select p.id, p.id, 0 from person p where p.merged_into_id is null and p.erased_at is null
      union all
      select p.id, g.root, g.depth + 1 from person p join grp g on p.merged_into_id = g.id where g.depth < 100
    ),
    contact(person_id, at) as (${sql.join(contactRows, sql` union all `)}),
    stale as (
      select g.root from grp g join contact c on c.person_id = g.id
      group by g.root
      having max(c.at) < (${cutoff}::date)::timestamp at time zone 'Europe/London'
    )
    select g.id, g.root from grp g join stale s on s.root = g.root order by g.root, g.depth, g.id`.execute(db);
  return { ids: rows.map((r) => r.id), roots: [...new Set(rows.map((r) => r.root))] };
}

const unlinkedSelfReferrals = (cutoff: string) =>
  sql<boolean>`t.person_id is null and t.referral_id is null
    and coalesce(t.handled_at, t.received_at) < (${cutoff}::date)::timestamp at time zone 'Europe/London'`;

/** Person records of `ids` that nothing kept refers to: no referral, register mark or questionnaire of their own. */
const deletablePerson = sql<boolean>`not exists (select 1 from referral r where r.person_id = p.id)
  and not exists (select 1 from attendance a where a.person_id = p.id)
  and not exists (select 1 from measure_response m where m.person_id = p.id)`;

async function countRows(trx: Transaction<DB>, stale: Stale, cutoff: string) {
  const tables: RetentionReport["tables"] = [];
  for (const t of subjectTables) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(t.table)} t where ${t.about(stale.ids)}`.execute(trx);
    tables.push({ table: t.table, action: t.retention, rows: Number(rows[0].n) });
  }
  const unlinked = await sql<{ n: number }>`
    select count(*)::int as n from self_referral t where ${unlinkedSelfReferrals(cutoff)}`.execute(trx);
  // A record is removed when neither it nor a record merged into it has anything the figures count.
  const kept = await sql<{ n: number }>`
    with recursive keep(id, depth) as (
      select p.id, 0 from person p where p.id = any(${stale.ids}::uuid[]) and not (${deletablePerson})
      union all
      select p.merged_into_id, k.depth + 1 from person p join keep k on p.id = k.id
      where p.merged_into_id is not null and k.depth < 100
    )
    select count(distinct id)::int as n from keep`.execute(trx);
  return { tables, unlinked: Number(unlinked.rows[0].n), kept: Number(kept.rows[0].n) };
}

/** Ids whose audit references become pseudonyms: the people's records, and removed rows that had ids of their own. */
async function pseudonymisedIds(trx: Transaction<DB>, stale: Stale, cutoff: string): Promise<string[]> {
  const ids = [...stale.ids];
  for (const t of subjectTables) {
    if (t.retention !== "delete" || t.table === "care_team_member") continue;
    const { rows } = await sql<{ id: string }>`
      select t.id::text as id from ${sql.table(t.table)} t where ${t.about(stale.ids)}`.execute(trx);
    ids.push(...rows.map((r) => r.id));
  }
  const { rows } = await sql<{ id: string }>`
    select t.id::text as id from self_referral t where ${unlinkedSelfReferrals(cutoff)}`.execute(trx);
  ids.push(...rows.map((r) => r.id));
  return [...new Set(ids)];
}

/** The audit rows that name one of `ids`: as the person, the subject, or inside the details (a path, a merge). */
const auditRowsNaming = (ids: string[]) => sql<boolean>`(
  a.person_id = any(${ids}::uuid[]) or a.entity_id = any(${ids}::text[])
  or (a.details is not null and exists (
    select 1 from regexp_matches(a.details::text, ${UUID_RE}, 'g') m where m[1] = any(${ids}::text[]))))`;

/** What erasing the people with no contact since `cutoff` would do, changing nothing (reads in one snapshot). */
export async function planRetention(db: Kysely<DB>, cutoff: string): Promise<RetentionReport> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => (await survey(trx, cutoff)).report);
}

async function survey(trx: Transaction<DB>, cutoff: string) {
  const stale = await findStale(trx, cutoff);
  const counts = await countRows(trx, stale, cutoff);
  const ids = await pseudonymisedIds(trx, stale, cutoff);
  const audit = await sql<{ n: number }>`
    select count(*)::int as n from audit_event a where ${auditRowsNaming(ids)}`.execute(trx);
  const report: RetentionReport = {
    cutoff,
    people: stale.roots.length,
    records: stale.ids.length,
    tables: counts.tables,
    recordsDeleted: stale.ids.length - counts.kept,
    recordsAnonymised: counts.kept,
    unlinkedSelfReferrals: counts.unlinked,
    auditRows: Number(audit.rows[0].n),
  };
  return { report, stale, ids };
}

/**
 * Erases the people with no contact since `cutoff`, in one transaction, and returns what it did (as
 * `planRetention` would have reported). Rows the outcome figures count (referrals, their status changes, register
 * marks, questionnaire scores, and the person record's record key, district, sex, ethnic group, IMD quintile and
 * a date of birth giving the same age bands) are kept with everything else about the person cleared; every other
 * row about them is deleted, as are self-referrals never linked to a record. In the audit trail every reference to
 * the people and their removed rows is replaced by its `auditPseudonym` under `hmacKey`; the run itself is
 * audited as `retention.apply` with its counts.
 *
 * Must run as the owner of `audit_event`: its append-only trigger lets the owner, and nobody else, replace
 * references with pseudonyms (migrations/20261129T1400_retention.ts); as the app's role the run fails and changes
 * nothing.
 */
export async function applyRetention(db: Kysely<DB>, cutoff: string, hmacKey: string): Promise<RetentionReport> {
  if (hmacKey.length < MIN_HMAC_KEY_LENGTH)
    throw new Error(`The pseudonym key must be at least ${MIN_HMAC_KEY_LENGTH} characters`);
  return db.transaction().execute(async (trx) => {
    const { report, stale, ids } = await survey(trx, cutoff);
    if (stale.ids.length === 0 && report.unlinkedSelfReferrals === 0) return report;
    await coarsenDatesOfBirth(trx, stale);
    // Children before parents: the subject tables are listed parents first.
    for (const t of [...subjectTables].reverse()) {
      if (t.retention === "delete") {
        await sql`delete from ${sql.table(t.table)} t where ${t.about(stale.ids)}`.execute(trx);
      } else if (t.table !== "person" && t.clear) {
        await sql`update ${sql.table(t.table)} t set ${sql.join(
          Object.entries(t.clear).map(([col, value]) => sql`${sql.id(col)} = ${value}`),
        )} where ${t.about(stale.ids)}`.execute(trx);
      }
    }
    await sql`delete from self_referral t where ${unlinkedSelfReferrals(cutoff)}`.execute(trx);
    // Records with nothing counted go; a survivor stays while a record merged into it stays.
    for (let removed = -1; removed !== 0; ) {
      const res = await sql`
        delete from person p where p.id = any(${stale.ids}::uuid[]) and ${deletablePerson}
          and not exists (select 1 from person c where c.merged_into_id = p.id)`.execute(trx);
      removed = Number(res.numAffectedRows ?? 0);
    }
    const person = subjectTables.find((t) => t.table === "person")!;
    await sql`update person t set ${sql.join(
      Object.entries(person.clear!).map(([col, value]) => sql`${sql.id(col)} = ${value}`),
    )}, erased_at = now(), updated_at = now(), version = version + 1
      where t.id = any(${stale.ids}::uuid[])`.execute(trx);
    await pseudonymiseAudit(trx, ids, hmacKey);
    await trx
      .insertInto("audit_event")
      .values({
        action: "retention.apply",
        entity_type: "person",
        details: JSON.stringify({
          cutoff,
          people: report.people,
          records: report.records,
          recordsDeleted: report.recordsDeleted,
          recordsAnonymised: report.recordsAnonymised,
          unlinkedSelfReferrals: report.unlinkedSelfReferrals,
          auditRows: report.auditRows,
          rows: Object.fromEntries(report.tables.map((t) => [t.table, t.rows])),
        }),
      })
      .execute();
    return report;
  });
}

/** Each record keeps a date of birth that gives the same age band at each referral its person had. */
async function coarsenDatesOfBirth(trx: Transaction<DB>, stale: Stale) {
  if (stale.ids.length === 0) return;
  const { rows } = await sql<{ id: string; dob: string; counted: string[] }>`
    with recursive grp(id, root, depth) as (
      select p.id, p.id, 0 from person p where p.id = any(${stale.roots}::uuid[])
      union all
      select p.id, g.root, g.depth + 1 from person p join grp g on p.merged_into_id = g.id where g.depth < 100
    )
    select g.id, root.date_of_birth::text as dob,
      coalesce((select array_agg(distinct ((r.received_at at time zone 'Europe/London')::date)::text)
        from grp g2 join referral r on r.person_id = g2.id where g2.root = g.root), '{}') as counted
    from grp g join person root on root.id = g.root`.execute(trx);
  const ids = rows.map((r) => r.id);
  const dobs = rows.map((r) => coarseDateOfBirth(r.dob, r.counted));
  await sql`
    update person p set date_of_birth = v.dob
    from unnest(${ids}::uuid[], ${dobs}::date[]) as v(id, dob) where p.id = v.id`.execute(trx);
}

/**
 * Replaces `ids` wherever the audit trail names them with their pseudonyms. The append-only trigger lets an update
 * through only when it changes nothing but these three columns, the transaction has asked for it, and the user is
 * the table's owner (migrations/20261129T1400_retention.ts); the app's role also lacks the privilege.
 */
async function pseudonymiseAudit(trx: Transaction<DB>, ids: string[], key: string) {
  if (ids.length === 0) return;
  const pseudonyms = new Map(ids.map((id) => [id, auditPseudonym(key, id)]));
  const { rows } = await sql<{
    id: number;
    person_id: string | null;
    entity_id: string | null;
    details: string | null;
  }>`
    select a.id, a.person_id::text as person_id, a.entity_id, a.details::text as details
    from audit_event a where ${auditRowsNaming(ids)}`.execute(trx);
  if (rows.length === 0) return;
  const swap = (v: string | null) => (v === null ? null : (pseudonyms.get(v.toLowerCase()) ?? v));
  const uuid = new RegExp(UUID_RE, "g");
  const rowIds = rows.map((r) => r.id);
  const personIds = rows.map((r) => swap(r.person_id));
  const entityIds = rows.map((r) => swap(r.entity_id));
  const details = rows.map((r) => (r.details === null ? null : r.details.replace(uuid, (m) => pseudonyms.get(m) ?? m)));
  await sql`select set_config('connect_well.pseudonymise_audit', 'on', true)`.execute(trx);
  await sql`
    update audit_event a set person_id = v.person_id, entity_id = v.entity_id, details = v.details::jsonb
    from unnest(${rowIds}::bigint[], ${personIds}::uuid[], ${entityIds}::text[], ${details}::text[])
      as v(id, person_id, entity_id, details)
    where a.id = v.id`.execute(trx);
  await sql`select set_config('connect_well.pseudonymise_audit', 'off', true)`.execute(trx);
}
