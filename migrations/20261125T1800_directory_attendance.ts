import { type Kysely, sql } from "kysely";

// Idempotency keys for directory creation forms and register saves, one active befriender per referral, and the
// indexes the directory search, the register, the person timeline and outcome summaries read through.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("provider")
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .execute();
  await db.schema
    .alterTable("activity")
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .execute();
  await db.schema
    .alterTable("volunteer")
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .execute();
  await db.schema
    .alterTable("activity_session")
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .execute();
  // The key of the last register save applied: a resubmitted save with the same key is answered as done.
  await db.schema.alterTable("activity_session").addColumn("register_save_key", "uuid").execute();
  await db.schema.alterTable("activity_session").addColumn("cancel_reason", "text").execute();

  // Directory filters test array membership (accessibility @> '{wheelchair}', transport @> '{fox_connect}').
  await sql`create index activity_accessibility_gin on activity using gin (accessibility)`.execute(db);
  await sql`create index activity_transport_gin on activity using gin (transport)`.execute(db);
  await sql`create index activity_schedule_weekday_idx on activity_schedule (weekday, activity_id)`.execute(db);

  // Attendance (tens of millions of rows): the register reads by the primary key (session_id, referral_id);
  // "has this referral attended / when last" and outcome summaries read by referral with the status alone,
  // so the referral index carries it and the old single-column one is redundant.
  await sql`create index attendance_referral_status_idx on attendance (referral_id, status) include (session_id)`.execute(
    db,
  );
  await sql`drop index attendance_referral_idx`.execute(db);
  // The person timeline reads a person's attendance newest first.
  await sql`create index attendance_person_recorded_idx on attendance (person_id, recorded_at desc)`.execute(db);
  await sql`drop index attendance_person_idx`.execute(db);
  // Sessions per activity over a date range (registers, monthly rollups) use the unique slot key's prefix;
  // the lead's "today" view reads by date across their activities.
  await sql`create index activity_session_date_activity_idx on activity_session (session_date, activity_id)`.execute(
    db,
  );
  await sql`drop index activity_session_date_idx`.execute(db);

  await sql`create unique index befriending_match_active_key on befriending_match (referral_id) where ended_on is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists befriending_match_active_key`.execute(db);
  await sql`create index activity_session_date_idx on activity_session (session_date)`.execute(db);
  await sql`drop index activity_session_date_activity_idx`.execute(db);
  await sql`create index attendance_person_idx on attendance (person_id)`.execute(db);
  await sql`drop index attendance_person_recorded_idx`.execute(db);
  await sql`create index attendance_referral_idx on attendance (referral_id)`.execute(db);
  await sql`drop index attendance_referral_status_idx`.execute(db);
  await sql`drop index activity_schedule_weekday_idx`.execute(db);
  await sql`drop index activity_transport_gin`.execute(db);
  await sql`drop index activity_accessibility_gin`.execute(db);
  for (const [t, c] of [
    ["activity_session", "cancel_reason"],
    ["activity_session", "register_save_key"],
    ["activity_session", "idempotency_key"],
    ["volunteer", "idempotency_key"],
    ["activity", "idempotency_key"],
    ["provider", "idempotency_key"],
  ]) {
    await db.schema.alterTable(t).dropColumn(c).execute();
  }
}
