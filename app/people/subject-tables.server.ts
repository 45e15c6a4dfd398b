// Every table that holds rows about a person, and how to find them: the one list the subject access export reads
// and the retention schedule erases (docs/decisions/0810-subject-access-export.md, 0811-retention-schedule.md).
// tests/integration/privacy/subject-tables.test.ts enumerates the schema's foreign keys to `person` (and onwards,
// through tables whose rows are per person, such as referral) and fails when a table is missing here.

import { sql, type RawBuilder } from "kysely";
import type { DB } from "@db/types";

/** What the retention schedule does with a stale person's rows in a table (docs/decisions/0811). */
export type RetentionAction =
  /** Rows removed. */
  | "delete"
  /** Rows kept for the aggregate figures, with identifying and free-text columns cleared (see `clear`). */
  | "anonymise";

export interface SubjectTable {
  table: keyof DB & string;
  /** A readable name for the table's rows, as the printable export's heading. */
  label: string;
  /**
   * The condition, over the table aliased `t`, that a row is about one of the people `ids` (a person and the
   * records merged into it).
   */
  about: (ids: readonly string[]) => RawBuilder<boolean>;
  /**
   * The person a row is about (SQL over `t`), for the retention schedule's whole-table pass. For rows reached
   * through a referral, the referral's person. Null for a self-referral not linked to a record.
   */
  owner: RawBuilder<string | null>;
  /**
   * The instants (or dates) in a row that are contact with the person (docs/decisions/0811): when a referral was
   * received, a register marked, a questionnaire answered, a note written. Empty for rows that are not contact
   * (a staff member joining the care team).
   */
  contact: RawBuilder<unknown>[];
  /** Column(s) the export lists rows by, oldest first. */
  orderBy: string;
  retention: RetentionAction;
  /**
   * For `anonymise`: each column set to a value that says nothing about the person (SQL), the others kept because
   * the outcome summaries count by them.
   */
  clear?: Record<string, RawBuilder<unknown>>;
}

const idList = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`;
const referralsOf = (ids: readonly string[]) =>
  sql`(select r.id from referral r where r.person_id = any(${idList(ids)}))`;
const matchesOf = (ids: readonly string[]) =>
  sql`(select m.id from befriending_match m where m.referral_id in ${referralsOf(ids)})`;
const referralOwner = sql<string>`(select r.person_id from referral r where r.id = t.referral_id)`;
const nul = sql`null`;

/**
 * The tables that refer to a person, directly or through a referral, in the order the export lists them (and the
 * reverse of the order retention deletes in, children first).
 */
export const subjectTables: readonly SubjectTable[] = [
  {
    table: "person",
    label: "Person record",
    about: (ids) => sql<boolean>`t.id = any(${idList(ids)})`,
    owner: sql`t.id`,
    contact: [sql`t.created_at`, sql`t.updated_at`],
    orderBy: "t.created_at, t.id",
    retention: "anonymise",
    // The outcome summaries read the record key, district, sex, ethnic group, IMD quintile and the age at each
    // referral (the date of birth is replaced by one giving the same age bands: app/people/retention.ts).
    clear: {
      given_name: sql`'Erased'`,
      family_name: sql`'Record'`,
      preferred_name: nul,
      nhs_number: nul,
      address_line1: nul,
      address_line2: nul,
      town: nul,
      postcode: nul,
      phone: nul,
      email: nul,
      preferred_contact: nul,
      communication_needs: nul,
      access_needs: nul,
      gp_practice: nul,
      imd_decile: nul,
      idempotency_key: nul,
      created_by: nul,
      merged_by: nul,
    },
  },
  {
    table: "care_team_member",
    label: "Care team",
    about: (ids) => sql<boolean>`t.person_id = any(${idList(ids)})`,
    owner: sql`t.person_id`,
    contact: [],
    orderBy: "t.added_at, t.user_id",
    retention: "delete",
  },
  {
    // Break-glass access to the record (docs/decisions/0801): who, when and the reason they gave.
    table: "break_glass_access",
    label: "Break-glass access",
    about: (ids) => sql<boolean>`t.person_id = any(${idList(ids)})`,
    owner: sql`t.person_id`,
    contact: [],
    orderBy: "t.occurred_at, t.id",
    retention: "delete",
  },
  {
    table: "person_consent",
    label: "Consent",
    about: (ids) => sql<boolean>`t.person_id = any(${idList(ids)})`,
    owner: sql`t.person_id`,
    contact: [sql`t.recorded_at`],
    orderBy: "t.recorded_at, t.id",
    retention: "delete",
  },
  {
    table: "case_note",
    label: "Case note",
    about: (ids) => sql<boolean>`t.person_id = any(${idList(ids)})`,
    owner: sql`t.person_id`,
    contact: [sql`t.created_at`],
    orderBy: "t.created_at, t.id",
    retention: "delete",
  },
  {
    table: "self_referral",
    label: "Self-referral",
    about: (ids) => sql<boolean>`(t.person_id = any(${idList(ids)}) or t.referral_id in ${referralsOf(ids)})`,
    owner: sql`coalesce(t.person_id, (select r.person_id from referral r where r.id = t.referral_id))`,
    contact: [sql`t.received_at`, sql`t.handled_at`],
    orderBy: "t.received_at, t.id",
    retention: "delete",
  },
  {
    table: "referral",
    label: "Referral",
    about: (ids) => sql<boolean>`t.person_id = any(${idList(ids)})`,
    owner: sql`t.person_id`,
    contact: [
      sql`t.received_at`,
      sql`t.contacted_at`,
      sql`t.provider_responded_at`,
      sql`t.first_attended_on`,
      sql`t.ended_at`,
      sql`t.updated_at`,
    ],
    orderBy: "t.received_at, t.id",
    retention: "anonymise",
    // Kept: dates, status, kind, source, activity, needs, barriers, decline and end reasons (counted by the
    // outcome summaries; a decline reason is published by its words only when many declines share them).
    clear: {
      source_detail: nul,
      support_notes: nul,
      caseworker_id: nul,
      created_by: nul,
      decline_closed_by: nul,
      idempotency_key: nul,
    },
  },
  {
    table: "referral_event",
    label: "Referral status change",
    about: (ids) => sql<boolean>`t.referral_id in ${referralsOf(ids)}`,
    owner: referralOwner,
    contact: [sql`t.occurred_at`],
    orderBy: "t.occurred_at, t.id",
    retention: "anonymise",
    clear: { reason: nul, actor_id: nul },
  },
  {
    table: "attendance",
    label: "Attendance",
    about: (ids) => sql<boolean>`(t.person_id = any(${idList(ids)}) or t.referral_id in ${referralsOf(ids)})`,
    owner: sql`t.person_id`,
    contact: [sql`(select s.session_date from activity_session s where s.id = t.session_id)`, sql`t.recorded_at`],
    orderBy: "t.recorded_at, t.session_id",
    retention: "anonymise",
    clear: { recorded_by: nul },
  },
  {
    table: "measure_response",
    label: "Questionnaire response",
    about: (ids) => sql<boolean>`(t.person_id = any(${idList(ids)}) or t.referral_id in ${referralsOf(ids)})`,
    owner: sql`t.person_id`,
    contact: [sql`t.administered_on`, sql`t.recorded_at`],
    orderBy: "t.administered_on, t.recorded_at, t.id",
    retention: "anonymise",
    // The scores are what the summaries count; the item answers and who recorded them are not kept.
    clear: {
      answers: sql`'{}'::jsonb`,
      recorded_by: nul,
      entered_in_error_by: nul,
      entered_in_error_reason: nul,
      idempotency_key: nul,
    },
  },
  {
    table: "measure_self_session",
    label: "Self-completion session",
    about: (ids) => sql<boolean>`(t.person_id = any(${idList(ids)}) or t.referral_id in ${referralsOf(ids)})`,
    owner: sql`t.person_id`,
    contact: [sql`t.created_at`, sql`t.completed_at`],
    orderBy: "t.created_at, t.id",
    retention: "delete",
  },
  {
    table: "befriending_match",
    label: "Befriending match",
    about: (ids) => sql<boolean>`t.referral_id in ${referralsOf(ids)}`,
    owner: referralOwner,
    contact: [sql`t.started_on`, sql`t.ended_on`],
    orderBy: "t.started_on, t.id",
    retention: "delete",
  },
  {
    table: "befriending_call",
    label: "Befriending call",
    about: (ids) => sql<boolean>`t.match_id in ${matchesOf(ids)}`,
    owner: sql`(select r.person_id from befriending_match m join referral r on r.id = m.referral_id where m.id = t.match_id)`,
    contact: [sql`t.call_date`],
    orderBy: "t.call_date, t.recorded_at, t.id",
    retention: "delete",
  },
];

/**
 * The person `personId` belongs to as a subject: the surviving record (following `merged_into_id` to the end) and
 * every record merged into it, at any depth. Empty when there is no such person. The survivor comes first.
 */
export function subjectGroupSql(personId: string) {
  return sql<{ id: string; survivor: boolean }>`
    with recursive up(id, merged_into_id, depth) as (
      select p.id, p.merged_into_id, 0 from person p where p.id = ${personId}::uuid
      union all
      select p.id, p.merged_into_id, up.depth + 1 from person p join up on p.id = up.merged_into_id where up.depth < 100
    ),
    root as (select id from up where merged_into_id is null limit 1),
    down(id, depth) as (
      select id, 0 from root
      union all
      select p.id, down.depth + 1 from person p join down on p.merged_into_id = down.id where down.depth < 100
    )
    select id, depth = 0 as survivor from down order by depth, id`;
}
