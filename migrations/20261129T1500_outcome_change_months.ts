import { type Kysely, sql } from "kysely";

// Which months of outcome data a change touched (docs/decisions/0790-summaries-rebuilt-by-touched-period.md), so the
// outcome summaries can rebuild only the periods containing them instead of every period.
// - `outcome_change_month`: an append-only log, one row per changing statement and month. No unique key, so
//   concurrent writers never wait on one another or on a rebuild deleting the rows it has read.
// - Statement-level triggers with transition tables on the tables the figures read log the months whose figures the
//   changed rows feed: a referral's month received and, when what it is counted under changed (person, activity,
//   source, date received), the months of its register marks and questionnaire responses; a register mark's session
//   month; a response's months and its referral's other responses' (pairs move between follow-ups); a person's or an
//   activity's change to what figures group by, every month of the referrals counted under it.
// - `outcome_summary_state` records which periods the stored summaries hold and the format they were built in, so a
//   rebuild can tell a first build or a change of rules (build everything) from an update (build what was touched).
const DISTINCT_REFERRAL_COLUMNS = [
  "received_at",
  "person_id",
  "activity_id",
  "source",
  "kind",
  "status",
  "contacted_at",
  "first_attended_on",
  "ended_at",
  "declined_by",
  "decline_reason",
  "provider_responded_at",
  "needs",
  "barriers",
];
// What a referral is counted under in its marks' and responses' months (its dimensions and its age band's date).
const REFERRAL_DIMENSION_COLUMNS = ["received_at", "person_id", "activity_id", "source"];
const PERSON_COLUMNS = [
  "date_of_birth",
  "district_code",
  "sex",
  "ethnicity",
  "imd_quintile",
  "imd_decile",
  "record_key",
  "merged_into_id",
];

const differ = (columns: string[]) =>
  `(${columns.map((c) => `o.${c}`).join(", ")}) is distinct from (${columns.map((c) => `n.${c}`).join(", ")})`;

const tables = [
  "referral",
  "referral_event",
  "attendance",
  "activity_session",
  "measure_response",
  "person",
  "activity",
];
const events = ["insert", "update", "delete"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table outcome_change_month (
    id bigint generated always as identity primary key,
    month date not null)`.execute(db);

  await db.schema
    .alterTable("outcome_summary_state")
    .addColumn("period_keys", sql`text[]`)
    .addColumn("format", "integer")
    .execute();

  // Every month in which these referrals' facts fall: received (UK date), register marks, responses.
  await sql`create function outcome_touch_referrals(ids uuid[]) returns void language sql as $$
    insert into outcome_change_month (month)
    select distinct m from (
      select date_trunc('month', (r.received_at at time zone 'Europe/London')::date)::date as m
        from referral r where r.id = any(ids)
      union all
      select date_trunc('month', x.session_date)::date
        from attendance t join activity_session x on x.id = t.session_id where t.referral_id = any(ids)
      union all
      select date_trunc('month', f.administered_on)::date from measure_response f where f.referral_id = any(ids)
    ) s where m is not null
  $$`.execute(db);

  await sql
    .raw(
      `create function outcome_touch_months(months date[]) returns void language sql as $$
    insert into outcome_change_month (month)
    select distinct date_trunc('month', m)::date from unnest(months) m where m is not null
  $$`,
    )
    .execute(db);

  const fn = (table: string, body: string) =>
    sql.raw(`create function outcome_${table}_touched() returns trigger language plpgsql as $$
      begin
        ${body}
        return null;
      end $$`);

  // Rows of the transition tables: `new_rows` on insert and update, `old_rows` on update and delete.
  const changed = (key: string, columns: string[]) => `
        (select n.${key} from new_rows n join old_rows o using (${key}) where ${differ(columns)})`;

  await fn(
    "referral",
    `if tg_op = 'INSERT' then
          perform outcome_touch_referrals(array(select id from new_rows));
        elsif tg_op = 'DELETE' then
          perform outcome_touch_months(array(select (received_at at time zone 'Europe/London')::date from old_rows));
        else
          perform outcome_touch_months(array(
            select (o.received_at at time zone 'Europe/London')::date from old_rows o join new_rows n using (id)
            where ${differ(DISTINCT_REFERRAL_COLUMNS)}
            union all
            select (n.received_at at time zone 'Europe/London')::date from old_rows o join new_rows n using (id)
            where ${differ(DISTINCT_REFERRAL_COLUMNS)}));
          perform outcome_touch_referrals(array${changed("id", REFERRAL_DIMENSION_COLUMNS)});
        end if;`,
  ).execute(db);

  const rowsOf = (op: string) =>
    op === "INSERT"
      ? "new_rows"
      : op === "DELETE"
        ? "old_rows"
        : "(select * from old_rows union all select * from new_rows)";
  const byOp = (body: (rows: string) => string) =>
    `if tg_op = 'INSERT' then
          ${body(rowsOf("INSERT"))}
        elsif tg_op = 'DELETE' then
          ${body(rowsOf("DELETE"))}
        else
          ${body(rowsOf("UPDATE"))}
        end if;`;

  // An accepted event counts its referral as accepted, in the month it was received.
  await fn(
    "referral_event",
    byOp(
      (rows) => `perform outcome_touch_months(array(
            select (r.received_at at time zone 'Europe/London')::date from referral r
            where r.id in (select e.referral_id from ${rows} e)));`,
    ),
  ).execute(db);

  await fn(
    "attendance",
    byOp(
      (rows) => `perform outcome_touch_months(array(
            select x.session_date from activity_session x where x.id in (select t.session_id from ${rows} t)));`,
    ),
  ).execute(db);

  await fn(
    "activity_session",
    byOp((rows) => `perform outcome_touch_months(array(select x.session_date from ${rows} x));`),
  ).execute(db);

  // A response moves its referral's pair (the latest follow-up) and its baseline's "followed" mark: every month of
  // the referral's responses, and the changed rows' own.
  await fn(
    "measure_response",
    byOp(
      (rows) => `perform outcome_touch_months(array(
            select f.administered_on from ${rows} f
            union all
            select f.administered_on from measure_response f where f.referral_id in (select c.referral_id from ${rows} c)));`,
    ),
  ).execute(db);

  // A person's details are counted under every referral of theirs and of the records merged into them.
  const personReferrals = (ids: string) => `perform outcome_touch_referrals(array(
            select r.id from referral r join person p on p.id = r.person_id
            where p.id = any(${ids}) or p.merged_into_id = any(${ids})));`;
  await fn(
    "person",
    `if tg_op = 'DELETE' then
          ${personReferrals("array(select id from old_rows union all select merged_into_id from old_rows)")}
        elsif tg_op = 'UPDATE' then
          ${personReferrals(
            `array(select n.id from new_rows n join old_rows o using (id) where ${differ(PERSON_COLUMNS)}
              union all select o.merged_into_id from new_rows n join old_rows o using (id) where ${differ(PERSON_COLUMNS)}
              union all select n.merged_into_id from new_rows n join old_rows o using (id) where ${differ(PERSON_COLUMNS)})`,
          )}
        end if;`,
  ).execute(db);

  // An activity's provider and category are counted under every referral to it, and its sessions' group sizes.
  const activityMonths = (
    ids: string,
  ) => `perform outcome_touch_referrals(array(select r.id from referral r where r.activity_id = any(${ids})));
          perform outcome_touch_months(array(select x.session_date from activity_session x where x.activity_id = any(${ids})));`;
  await fn(
    "activity",
    `if tg_op = 'DELETE' then
          ${activityMonths("array(select id from old_rows)")}
        elsif tg_op = 'UPDATE' then
          ${activityMonths(`array${changed("id", ["provider_id", "category_code"])}`)}
        end if;`,
  ).execute(db);

  for (const table of tables) {
    for (const event of events) {
      const referencing =
        event === "insert"
          ? "new table as new_rows"
          : event === "delete"
            ? "old table as old_rows"
            : "old table as old_rows new table as new_rows";
      await sql
        .raw(
          `create trigger ${table}_outcome_${event}_months after ${event} on ${table}
           referencing ${referencing} for each statement execute function outcome_${table}_touched()`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    for (const event of events) {
      await sql.raw(`drop trigger if exists ${table}_outcome_${event}_months on ${table}`).execute(db);
    }
    await sql.raw(`drop function if exists outcome_${table}_touched()`).execute(db);
  }
  await sql`drop function if exists outcome_touch_months(date[])`.execute(db);
  await sql`drop function if exists outcome_touch_referrals(uuid[])`.execute(db);
  await db.schema.alterTable("outcome_summary_state").dropColumn("period_keys").dropColumn("format").execute();
  await sql`drop table outcome_change_month`.execute(db);
}
