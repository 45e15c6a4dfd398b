import { type Kysely, sql } from "kysely";

// Validated measures: each completed questionnaire with its answers AND the scores and bands computed when it
// was saved (with the instrument version, so a corrected scoring rule can rescore history in a later migration),
// the follow-up schedule each activity uses, and the server-side drafts of a self-completion in progress.

// The instruments defined in app/measures/instruments.ts; a new one needs a migration extending this list.
const instrumentCodes = ["ucla3", "ons_loneliness", "ons4", "swemwbs", "wemwbs", "djg6"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("measure_response")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("person.id"))
    .addColumn("referral_id", "uuid", (c) => c.notNull().references("referral.id"))
    .addColumn("instrument_code", "text", (c) =>
      c.notNull().check(sql`instrument_code in (${sql.join(instrumentCodes.map((c) => sql.lit(c)))})`),
    )
    .addColumn("instrument_version", "text", (c) => c.notNull())
    .addColumn("time_point", "text", (c) => c.notNull().check(sql`time_point in ('baseline','follow_up','exit')`))
    .addColumn("follow_up_week", "integer", (c) => c.check(sql`follow_up_week between 1 and 104`))
    .addColumn("administered_on", "date", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('staff','self')`))
    .addColumn("answers", "jsonb", (c) => c.notNull())
    .addColumn("scores", "jsonb", (c) => c.notNull())
    .addColumn("bands", "jsonb", (c) => c.notNull())
    .addColumn("recorded_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("entered_in_error_at", "timestamptz")
    .addColumn("entered_in_error_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("entered_in_error_reason", "text", (c) =>
      c.check(sql`length(entered_in_error_reason) between 1 and 500`),
    )
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .addCheckConstraint("measure_response_week", sql`(time_point = 'follow_up') = (follow_up_week is not null)`)
    .addCheckConstraint(
      "measure_response_error_complete",
      sql`(entered_in_error_at is null) = (entered_in_error_reason is null) and (entered_in_error_at is null) = (entered_in_error_by is null)`,
    )
    .execute();
  // One live baseline, one live response per follow-up week and one live exit per referral and instrument.
  // A response marked entered in error stops counting, so it can be recorded again correctly.
  await sql`create unique index measure_response_baseline_key on measure_response (referral_id, instrument_code)
    where time_point = 'baseline' and entered_in_error_at is null`.execute(db);
  await sql`create unique index measure_response_follow_up_key on measure_response (referral_id, instrument_code, follow_up_week)
    where time_point = 'follow_up' and entered_in_error_at is null`.execute(db);
  await sql`create unique index measure_response_exit_key on measure_response (referral_id, instrument_code)
    where time_point = 'exit' and entered_in_error_at is null`.execute(db);
  // The person's timeline reads newest first; due calculations read by referral; outcome summaries read live
  // responses by instrument and date.
  await sql`create index measure_response_person_idx on measure_response (person_id, administered_on desc)`.execute(db);
  await sql`create index measure_response_referral_idx on measure_response (referral_id, instrument_code, time_point)`.execute(
    db,
  );
  await sql`create index measure_response_outcome_idx on measure_response (instrument_code, time_point, administered_on)
    include (referral_id, person_id) where entered_in_error_at is null`.execute(db);
  await db.schema
    .createIndex("measure_response_recorded_by_idx")
    .on("measure_response")
    .column("recorded_by")
    .execute();

  // Weeks after the first session at which each activity asks for a follow-up. No row: the default (6 and 12).
  await db.schema
    .createTable("measure_schedule")
    .addColumn("activity_id", "uuid", (c) => c.primaryKey().references("activity.id").onDelete("cascade"))
    .addColumn("follow_up_weeks", sql`integer[]`, (c) =>
      c
        .notNull()
        .check(
          sql`cardinality(follow_up_weeks) between 1 and 6 and 0 < all(follow_up_weeks) and 104 >= all(follow_up_weeks)`,
        ),
    )
    .addColumn("updated_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  // A questionnaire the person completes on a handed-over device, one question per screen. Answers wait here
  // (never in the page or the URL) until the last question, then become measure_response rows together.
  await db.schema
    .createTable("measure_self_session")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("person.id"))
    .addColumn("referral_id", "uuid", (c) => c.notNull().references("referral.id"))
    .addColumn("instrument_codes", sql`text[]`, (c) =>
      c.notNull().check(sql`cardinality(instrument_codes) between 1 and 6`),
    )
    .addColumn("time_point", "text", (c) => c.notNull().check(sql`time_point in ('baseline','follow_up','exit')`))
    .addColumn("follow_up_week", "integer", (c) => c.check(sql`follow_up_week between 1 and 104`))
    .addColumn("answers", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("step", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("completed_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("response_ids", sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .addCheckConstraint("measure_self_session_week", sql`(time_point = 'follow_up') = (follow_up_week is not null)`)
    .execute();
  await db.schema
    .createIndex("measure_self_session_person_idx")
    .on("measure_self_session")
    .columns(["person_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("measure_self_session_creator_idx")
    .on("measure_self_session")
    .columns(["created_by", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["measure_self_session", "measure_schedule", "measure_response"]) {
    await db.schema.dropTable(t).execute();
  }
}
