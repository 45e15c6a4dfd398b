import { type Kysely, sql } from "kysely";

// One statement that inserts many referrals (an import, the benchmark generator) logged its months through
// `r.id = any(ids)`: with a million ids PostgreSQL searched the array once per row of the table it scanned, which never
// finished. The ids are now joined as a set (hashed or looked up by index), so the log costs what the statement
// changed, not its square; likewise a bulk change to people (erasure at the end of retention) or activities. What is
// logged is unchanged (docs/decisions/0790-summaries-rebuilt-by-touched-period.md).
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

const triggerFunction = (table: string, body: string) =>
  sql.raw(`create or replace function outcome_${table}_touched() returns trigger language plpgsql as $$
      begin
        ${body}
        return null;
      end $$`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function outcome_touch_referrals(ids uuid[]) returns void language sql as $$
    insert into outcome_change_month (month)
    select distinct m from (
      select date_trunc('month', (r.received_at at time zone 'Europe/London')::date)::date as m
        from referral r join unnest(ids) as i(id) on i.id = r.id
      union all
      select date_trunc('month', x.session_date)::date
        from attendance t join activity_session x on x.id = t.session_id join unnest(ids) as i(id) on i.id = t.referral_id
      union all
      select date_trunc('month', f.administered_on)::date
        from measure_response f join unnest(ids) as i(id) on i.id = f.referral_id
    ) s where m is not null
  $$`.execute(db);

  // A person's details are counted under every referral of theirs and of the records merged into them.
  const personReferrals = (ids: string) => `perform outcome_touch_referrals(array(
            select r.id from referral r join person p on p.id = r.person_id join unnest(${ids}) as i(id) on i.id = p.id
            union
            select r.id from referral r join person p on p.id = r.person_id
              join unnest(${ids}) as i(id) on i.id = p.merged_into_id));`;
  await triggerFunction(
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
  const activityMonths = (ids: string) => `perform outcome_touch_referrals(array(
            select r.id from referral r join unnest(${ids}) as i(id) on i.id = r.activity_id));
          perform outcome_touch_months(array(
            select x.session_date from activity_session x join unnest(${ids}) as i(id) on i.id = x.activity_id));`;
  await triggerFunction(
    "activity",
    `if tg_op = 'DELETE' then
          ${activityMonths("array(select id from old_rows)")}
        elsif tg_op = 'UPDATE' then
          ${activityMonths(`array(select n.id from new_rows n join old_rows o using (id) where ${differ(["provider_id", "category_code"])})`)}
        end if;`,
  ).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create or replace function outcome_touch_referrals(ids uuid[]) returns void language sql as $$
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
  // The trigger functions of people and activities keep their new, set-based bodies: they log the same months.
}
