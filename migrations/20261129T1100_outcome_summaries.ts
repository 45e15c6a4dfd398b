import { type Kysely, sql } from "kysely";

// Outcome summaries (docs/decisions/0700-outcome-summaries.md, 0704-outcome-summary-refresh.md):
// - every person gets a fixed random record key 0–255 for the cell-key disclosure method, existing rows included;
// - one summary row per outcome view and period holding the additive inputs of every published figure;
// - group sizes per activity and month (sessions held, people present, drop-ins);
// - when the summaries were last rebuilt, and a change counter the data tables bump so a refresh runs only
//   when something changed (a sequence: bumping it takes no lock, so concurrent register saves never queue on it);
// - the disclosure rule an administrator chose (no row: NHS England's small-number rule).
const watched = [
  "person",
  "referral",
  "referral_event",
  "attendance",
  "activity_session",
  "measure_response",
  "activity",
];

export async function up(db: Kysely<any>): Promise<void> {
  // A volatile default is evaluated per row, so existing people get their own keys too.
  await sql`alter table person add column record_key smallint not null default floor(random() * 256)::smallint
    constraint person_record_key_range check (record_key between 0 and 255)`.execute(db);

  await db.schema
    .createTable("outcome_summary")
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("view_key", "text", (c) => c.notNull())
    .addColumn("figures", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("outcome_summary_pk", ["period_key", "view_key"])
    .execute();

  await db.schema
    .createTable("outcome_group_size")
    .addColumn("activity_id", "uuid", (c) => c.notNull())
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("provider_id", "uuid", (c) => c.notNull())
    .addColumn("category_code", "text", (c) => c.notNull())
    .addColumn("sessions", "integer", (c) => c.notNull())
    .addColumn("present", "integer", (c) => c.notNull())
    .addColumn("present_key", "integer", (c) => c.notNull())
    .addColumn("drop_ins", "integer", (c) => c.notNull())
    .addColumn("largest", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("outcome_group_size_pk", ["activity_id", "month"])
    .execute();
  await db.schema
    .createIndex("outcome_group_size_month_idx")
    .on("outcome_group_size")
    .columns(["month", "activity_id"])
    .execute();

  await db.schema
    .createTable("outcome_summary_state")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("refreshed_at", "timestamptz", (c) => c.notNull())
    .addColumn("change_mark", "bigint", (c) => c.notNull())
    .addColumn("first_date", "date")
    .addColumn("last_date", "date")
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .execute();

  await sql`create sequence outcome_data_change_seq`.execute(db);
  await sql`create function outcome_data_changed() returns trigger language plpgsql as $$
    begin
      perform nextval('outcome_data_change_seq');
      return null;
    end $$`.execute(db);
  for (const table of watched) {
    await sql`create trigger ${sql.id(`${table}_outcome_change`)} after insert or update or delete on ${sql.id(table)}
      for each statement execute function outcome_data_changed()`.execute(db);
  }

  await db.schema
    .createTable("outcome_setting")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("disclosure_rule", "text", (c) =>
      c.notNull().check(sql`disclosure_rule in ('nhs_small_numbers','cell_key')`),
    )
    .addColumn("updated_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("outcome_setting").execute();
  for (const table of watched) {
    await sql`drop trigger if exists ${sql.id(`${table}_outcome_change`)} on ${sql.id(table)}`.execute(db);
  }
  await sql`drop function if exists outcome_data_changed()`.execute(db);
  await sql`drop sequence if exists outcome_data_change_seq`.execute(db);
  await db.schema.dropTable("outcome_summary_state").execute();
  await db.schema.dropTable("outcome_group_size").execute();
  await db.schema.dropTable("outcome_summary").execute();
  await db.schema.alterTable("person").dropColumn("record_key").execute();
}
