import { type Kysely, sql } from "kysely";

// Group sizes (outcome_group_size, one row per activity and month) are rebuilt for the activity-months a change
// touched, not for whole months (docs/decisions/0930-summaries-kept-current-by-difference.md): nationally a month
// holds 17,000 sessions, and five minutes of register marks touch a dozen months.
// - `outcome_change_group`: an append-only log of (activity, month), written by statement-level triggers on what a
//   group size reads: register marks (their session's activity and month), sessions (before and after: status,
//   date, drop-ins), people whose record key or merge changed (the sessions they and the records merged into them
//   attended) and activities whose provider or category changed (every month they held sessions).
// - The month log of 20261129T1500 is dropped with its triggers: the summaries now follow the people a change touched
//   (20261130T1100), and group sizes these activity-months, so nothing reads it. Migrating down does not bring it back.
const events = ["insert", "update", "delete"] as const;
const tables = ["attendance", "activity_session", "person", "activity"] as const;
const oldMonthTables = [
  "referral",
  "referral_event",
  "attendance",
  "activity_session",
  "measure_response",
  "person",
  "activity",
];

const byOp = (body: (rows: string) => string) =>
  `if tg_op = 'INSERT' then
          ${body("new_rows")}
        elsif tg_op = 'DELETE' then
          ${body("old_rows")}
        else
          ${body("(select * from old_rows union all select * from new_rows)")}
        end if;`;

/** The activity-months of the sessions a subquery `sessions` (of session rows) selects. */
const touchSessions = (sessions: string) =>
  `insert into outcome_change_group (activity_id, month)
          select distinct x.activity_id, date_trunc('month', x.session_date)::date from ${sessions} x;`;

/**
 * The activity-months of the sessions attended by the people whose ids a subquery `ids` selects, and by the records
 * merged into them.
 */
const touchAttendedBy = (ids: string) =>
  touchSessions(`(select x.* from activity_session x where x.id in (
            select t.session_id from attendance t where t.person_id in (${ids})
            union select t.session_id from attendance t join person p on p.id = t.person_id
              where p.merged_into_id in (${ids})))`);

const PERSON_COLUMNS = ["record_key", "merged_into_id"];
const SESSION_COLUMNS = ["status", "session_date", "activity_id", "other_attendees"];
const differ = (columns: string[]) =>
  `(${columns.map((c) => `o.${c}`).join(", ")}) is distinct from (${columns.map((c) => `n.${c}`).join(", ")})`;

const bodies: Record<(typeof tables)[number], string> = {
  attendance: byOp((rows) =>
    touchSessions(`(select x.* from activity_session x where x.id in (select t.session_id from ${rows} t))`),
  ),
  // A session's status, date, activity and drop-ins decide its group size; other edits (its register's version) do not.
  activity_session: `if tg_op = 'UPDATE' then
          ${touchSessions(`(select o.* from old_rows o join new_rows n using (id) where ${differ(SESSION_COLUMNS)}
            union all select n.* from old_rows o join new_rows n using (id) where ${differ(SESSION_COLUMNS)})`)}
        elsif tg_op = 'INSERT' then
          ${touchSessions("new_rows")}
        else
          ${touchSessions("old_rows")}
        end if;`,
  person: `if tg_op = 'UPDATE' then
          ${touchAttendedBy(`select n.id from new_rows n join old_rows o using (id) where ${differ(PERSON_COLUMNS)}
              union all select o.merged_into_id from new_rows n join old_rows o using (id) where ${differ(PERSON_COLUMNS)}`)}
        end if;`,
  activity: `if tg_op = 'UPDATE' then
          ${touchSessions(`(select x.* from activity_session x where x.activity_id in (
            select n.id from new_rows n join old_rows o using (id) where ${differ(["provider_id", "category_code"])}))`)}
        end if;`,
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table outcome_change_group (
    id bigint generated always as identity primary key,
    activity_id uuid not null,
    month date not null)`.execute(db);
  for (const table of tables) {
    await sql
      .raw(
        `create function outcome_${table}_groups() returns trigger language plpgsql as $$
      begin
        ${bodies[table]}
        return null;
      end $$`,
      )
      .execute(db);
    for (const event of events) {
      const referencing =
        event === "insert"
          ? "new table as new_rows"
          : event === "delete"
            ? "old table as old_rows"
            : "old table as old_rows new table as new_rows";
      await sql
        .raw(
          `create trigger ${table}_outcome_${event}_groups after ${event} on ${table}
           referencing ${referencing} for each statement execute function outcome_${table}_groups()`,
        )
        .execute(db);
    }
  }
  for (const table of oldMonthTables) {
    for (const event of events) {
      await sql.raw(`drop trigger if exists ${table}_outcome_${event}_months on ${table}`).execute(db);
    }
    await sql.raw(`drop function if exists outcome_${table}_touched()`).execute(db);
  }
  await sql`drop function if exists outcome_touch_months(date[])`.execute(db);
  await sql`drop function if exists outcome_touch_referrals(uuid[])`.execute(db);
  await sql`drop table outcome_change_month`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    for (const event of events) {
      await sql.raw(`drop trigger if exists ${table}_outcome_${event}_groups on ${table}`).execute(db);
    }
    await sql.raw(`drop function if exists outcome_${table}_groups()`).execute(db);
  }
  await sql`drop table if exists outcome_change_group`.execute(db);
}
