import { type Kysely, sql } from "kysely";

// A follow-up counts as change only when taken long enough after the referral's live baseline: each activity's
// schedule says how many days (28 by default, six weeks less two weeks' tolerance; never fewer, the outcome
// summaries' floor). One entered sooner, or with no baseline, is saved as an extra baseline-window response
// (time point 'baseline_extra'): kept and shown, labelled, never compared, and filling no follow-up slot.
// Follow-ups already saved fewer than 28 days after their live baseline become such responses here, each with an
// audit row, so they stop being reported as change and their follow-up week can be recorded properly.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("measure_schedule")
    .addColumn("min_follow_up_days", "integer", (c) =>
      c
        .notNull()
        .defaultTo(28)
        .check(sql`min_follow_up_days between 28 and 182`),
    )
    .execute();
  await sql`alter table measure_response drop constraint measure_response_time_point_check`.execute(db);
  await sql`alter table measure_response add constraint measure_response_time_point_check
    check (time_point in ('baseline', 'baseline_extra', 'follow_up', 'exit'))`.execute(db);
  await moveTooSoonFollowUps(db);
}

/** Live follow-ups fewer than 28 days after their live baseline become extra baseline-window responses, audited. */
export async function moveTooSoonFollowUps(db: Kysely<any>): Promise<void> {
  await sql`
    with moved as (
      update measure_response f
      set time_point = 'baseline_extra', follow_up_week = null
      from measure_response b
      where f.time_point = 'follow_up' and f.entered_in_error_at is null
        and b.referral_id = f.referral_id and b.instrument_code = f.instrument_code
        and b.time_point = 'baseline' and b.entered_in_error_at is null
        and f.administered_on < b.administered_on + 28
      returning f.id, f.person_id, f.referral_id, f.instrument_code
    )
    insert into audit_event (action, entity_type, entity_id, person_id, details)
    select 'measure.moved-to-baseline-window', 'measure_response', id::text, person_id,
      jsonb_build_object('referralId', referral_id, 'instrumentCode', instrument_code, 'reason', 'fewer than 28 days after the baseline')
    from moved`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // An extra baseline-window response has no follow-up week to go back to, so the downgrade refuses while any exist.
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from measure_response where time_point = 'baseline_extra'`.execute(db);
  if ((rows[0]?.n ?? 0) > 0)
    throw new Error("Extra baseline-window responses exist: they cannot be put back as follow-ups automatically");
  await sql`alter table measure_response drop constraint measure_response_time_point_check`.execute(db);
  await sql`alter table measure_response add constraint measure_response_time_point_check
    check (time_point in ('baseline', 'follow_up', 'exit'))`.execute(db);
  await db.schema.alterTable("measure_schedule").dropColumn("min_follow_up_days").execute();
}
