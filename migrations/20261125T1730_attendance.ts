import { type Kysely, sql } from "kysely";

// Sessions of each activity, the register per session (the platform's largest table), volunteers with their
// DBS checks, befriending matches and calls.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("activity_session")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("activity_id", "uuid", (c) => c.notNull().references("activity.id"))
    .addColumn("session_date", "date", (c) => c.notNull())
    .addColumn("start_time", "time", (c) => c.notNull())
    .addColumn("end_time", "time", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("scheduled")
        .check(sql`status in ('scheduled','cancelled','held')`),
    )
    .addColumn("ad_hoc", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("other_attendees", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`other_attendees between 0 and 1000`),
    )
    .addColumn("register_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("register_saved_at", "timestamptz")
    .addColumn("register_saved_by", "uuid", (c) => c.references("app_user.id"))
    .addCheckConstraint("activity_session_times", sql`start_time < end_time`)
    .execute();
  await sql`create unique index activity_session_slot_key on activity_session (activity_id, session_date, start_time)`.execute(
    db,
  );
  await db.schema.createIndex("activity_session_date_idx").on("activity_session").column("session_date").execute();

  // Composite key, no surrogate: tens of millions of rows nationally, so every byte counts.
  await db.schema
    .createTable("attendance")
    .addColumn("session_id", "uuid", (c) => c.notNull().references("activity_session.id").onDelete("cascade"))
    .addColumn("referral_id", "uuid", (c) => c.notNull().references("referral.id"))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("person.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('present','absent','excused')`))
    .addColumn("recorded_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("attendance_pk", ["session_id", "referral_id"])
    .execute();
  await db.schema.createIndex("attendance_referral_idx").on("attendance").column("referral_id").execute();
  await db.schema.createIndex("attendance_person_idx").on("attendance").column("person_id").execute();

  await db.schema
    .createTable("volunteer")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("provider_id", "uuid", (c) => c.notNull().references("provider.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("dbs_checked_on", "date")
    .addColumn("dbs_renewal_due_on", "date")
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("volunteer_provider_idx").on("volunteer").column("provider_id").execute();

  await db.schema
    .createTable("befriending_match")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("referral_id", "uuid", (c) => c.notNull().references("referral.id"))
    .addColumn("volunteer_id", "uuid", (c) => c.notNull().references("volunteer.id"))
    .addColumn("started_on", "date", (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn("ended_on", "date")
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id"))
    .execute();
  await db.schema.createIndex("befriending_match_referral_idx").on("befriending_match").column("referral_id").execute();
  await db.schema
    .createIndex("befriending_match_volunteer_idx")
    .on("befriending_match")
    .column("volunteer_id")
    .execute();

  await db.schema
    .createTable("befriending_call")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("match_id", "uuid", (c) => c.notNull().references("befriending_match.id"))
    .addColumn("call_date", "date", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('done','no_answer','rearranged')`))
    .addColumn("duration_minutes", "integer", (c) => c.check(sql`duration_minutes between 0 and 600`))
    .addColumn("recorded_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .execute();
  await db.schema
    .createIndex("befriending_call_match_idx")
    .on("befriending_call")
    .columns(["match_id", "call_date"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["befriending_call", "befriending_match", "volunteer", "attendance", "activity_session"]) {
    await db.schema.dropTable(t).execute();
  }
}
