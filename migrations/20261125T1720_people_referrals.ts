import { type Kysely, sql } from "kysely";

// People, their care team, consents, notes, referrals with their lifecycle history, and the public
// self-referral queue.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("person")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("given_name", "text", (c) => c.notNull())
    .addColumn("family_name", "text", (c) => c.notNull())
    .addColumn("preferred_name", "text")
    .addColumn("date_of_birth", "date", (c) => c.notNull())
    .addColumn("nhs_number", "text", (c) => c.check(sql`nhs_number ~ '^[0-9]{10}$'`))
    .addColumn("address_line1", "text")
    .addColumn("address_line2", "text")
    .addColumn("town", "text")
    .addColumn("postcode", "text")
    .addColumn("district_code", "text", (c) => c.references("district.code"))
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("preferred_contact", "text", (c) =>
      c.check(sql`preferred_contact in ('phone','email','text','post','visit')`),
    )
    .addColumn("communication_needs", "text")
    .addColumn("access_needs", "text")
    .addColumn("gp_practice", "text")
    .addColumn("sex", "text", (c) => c.check(sql`sex in ('female','male','not_known','not_stated')`))
    .addColumn("ethnicity", "text")
    .addColumn("imd_decile", "integer", (c) => c.check(sql`imd_decile between 1 and 10`))
    .addColumn("lawful_basis", "text", (c) => c.notNull().defaultTo("direct_care"))
    .addColumn("merged_into_id", "uuid", (c) => c.references("person.id"))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .execute();
  await sql`create unique index person_nhs_number_key on person (nhs_number) where nhs_number is not null and merged_into_id is null`.execute(
    db,
  );
  await sql`create index person_name_trgm_idx on person using gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index person_family_name_idx on person (lower(family_name) text_pattern_ops)`.execute(db);
  await db.schema.createIndex("person_dob_idx").on("person").column("date_of_birth").execute();
  await db.schema.createIndex("person_district_idx").on("person").column("district_code").execute();
  await db.schema.createIndex("person_merged_into_idx").on("person").column("merged_into_id").execute();

  await db.schema
    .createTable("care_team_member")
    .addColumn("person_id", "uuid", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("care_team_member_pk", ["person_id", "user_id"])
    .execute();
  await db.schema.createIndex("care_team_member_user_idx").on("care_team_member").column("user_id").execute();

  await db.schema
    .createTable("person_consent")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('volunteer_contact','quote_in_reports','share_with_gp')`),
    )
    .addColumn("given", "boolean", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("recorded_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("person_consent_person_idx")
    .on("person_consent")
    .columns(["person_id", "kind", "recorded_at"])
    .execute();

  await db.schema
    .createTable("case_note")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .defaultTo("note")
        .check(sql`kind in ('note','safeguarding','quote')`),
    )
    .addColumn("body", "text", (c) => c.notNull().check(sql`length(body) <= 10000`))
    .addColumn("author_id", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .execute();
  await db.schema.createIndex("case_note_person_idx").on("case_note").columns(["person_id", "created_at"]).execute();

  await db.schema
    .createTable("referral")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("person.id"))
    .addColumn("activity_id", "uuid", (c) => c.references("activity.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('direct','signpost')`))
    .addColumn("source", "text", (c) =>
      c.notNull().check(sql`source in ('prescriber','coordinator','gp_practice','self','other')`),
    )
    .addColumn("source_detail", "text")
    .addColumn("caseworker_id", "uuid", (c) => c.references("app_user.id"))
    .addColumn("needs", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("barriers", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("support_notes", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("received")
        .check(sql`status in ('received','contacted','accepted','declined','attending','ended')`),
    )
    .addColumn("declined_by", "text", (c) => c.check(sql`declined_by in ('person','provider')`))
    .addColumn("decline_reason", "text")
    .addColumn("end_reason", "text", (c) =>
      c.check(sql`end_reason in ('completed','disengaged','moved_away','died','other')`),
    )
    .addColumn("snomed_code", "text", (c) => c.notNull().defaultTo("871731000000106"))
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("contacted_at", "timestamptz")
    .addColumn("provider_responded_at", "timestamptz")
    .addColumn("first_attended_on", "date")
    .addColumn("ended_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .addCheckConstraint("referral_direct_has_activity", sql`kind = 'signpost' or activity_id is not null`)
    .execute();
  await db.schema.createIndex("referral_person_idx").on("referral").column("person_id").execute();
  await db.schema.createIndex("referral_activity_idx").on("referral").columns(["activity_id", "status"]).execute();
  await db.schema.createIndex("referral_caseworker_idx").on("referral").columns(["caseworker_id", "status"]).execute();
  await db.schema.createIndex("referral_received_idx").on("referral").column("received_at").execute();

  await db.schema
    .createTable("referral_event")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("referral_id", "uuid", (c) => c.notNull().references("referral.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("actor_id", "uuid", (c) => c.references("app_user.id"))
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("referral_event_referral_idx")
    .on("referral_event")
    .columns(["referral_id", "occurred_at"])
    .execute();

  await db.schema
    .createTable("self_referral")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("given_name", "text", (c) => c.notNull())
    .addColumn("family_name", "text", (c) => c.notNull())
    .addColumn("date_of_birth", "date")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("postcode", "text")
    .addColumn("district_code", "text", (c) => c.references("district.code"))
    .addColumn("best_time", "text")
    .addColumn("message", "text", (c) => c.check(sql`length(message) <= 2000`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("new")
        .check(sql`status in ('new','linked','created','closed')`),
    )
    .addColumn("person_id", "uuid", (c) => c.references("person.id"))
    .addColumn("referral_id", "uuid", (c) => c.references("referral.id"))
    .addColumn("handled_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("handled_at", "timestamptz")
    .addColumn("client_key", "text", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("self_referral_queue_idx")
    .on("self_referral")
    .columns(["status", "district_code", "received_at"])
    .execute();
  await db.schema
    .createIndex("self_referral_client_idx")
    .on("self_referral")
    .columns(["client_key", "received_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "self_referral",
    "referral_event",
    "referral",
    "case_note",
    "person_consent",
    "care_team_member",
    "person",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
