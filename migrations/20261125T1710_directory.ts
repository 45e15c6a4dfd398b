import { type Kysely, sql } from "kysely";

// The community offer: providers, their activities (with where, when, who it suits, transport), the leads who
// run them, and the taxonomy prescribers search by.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("activity_category")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("taxonomy", "text", (c) => c.notNull())
    .addColumn("taxonomy_term", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("activity_category")
    .values([
      { code: "befriending", label: "Befriending", taxonomy: "esdServiceType", taxonomy_term: "Befriending services" },
      {
        code: "physical_activity",
        label: "Physical activity",
        taxonomy: "openActiveActivity",
        taxonomy_term: "Exercise and fitness",
      },
      {
        code: "arts_crafts",
        label: "Arts and crafts",
        taxonomy: "esdServiceType",
        taxonomy_term: "Arts and crafts groups",
      },
      {
        code: "community_group",
        label: "Community groups",
        taxonomy: "esdServiceType",
        taxonomy_term: "Community groups",
      },
      {
        code: "community_event",
        label: "Community events",
        taxonomy: "esdServiceType",
        taxonomy_term: "Community events",
      },
      {
        code: "walking_running",
        label: "Walking and running",
        taxonomy: "openActiveActivity",
        taxonomy_term: "Running",
      },
      {
        code: "transport",
        label: "Community transport",
        taxonomy: "esdServiceType",
        taxonomy_term: "Community transport",
      },
      { code: "advice", label: "Advice and information", taxonomy: "esdNeed", taxonomy_term: "Information and advice" },
      { code: "carers", label: "Support for carers", taxonomy: "esdCircumstance", taxonomy_term: "Carers" },
      { code: "bereavement", label: "Bereavement support", taxonomy: "esdCircumstance", taxonomy_term: "Bereavement" },
    ])
    .execute();

  await db.schema
    .createTable("provider")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('befriending_scheme','charity','social_enterprise','council','nhs','parkrun','community_group','transport')`,
        ),
    )
    .addColumn("description", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("website", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("activity")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("provider_id", "uuid", (c) => c.notNull().references("provider.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category_code", "text", (c) => c.notNull().references("activity_category.code"))
    .addColumn("format", "text", (c) =>
      c
        .notNull()
        .defaultTo("group")
        .check(sql`format in ('group','one_to_one','event')`),
    )
    .addColumn("address", "text")
    .addColumn("postcode", "text")
    .addColumn("district_code", "text", (c) => c.references("district.code"))
    .addColumn("capacity", "integer", (c) => c.check(sql`capacity >= 0`))
    .addColumn("cost", "text")
    .addColumn("free", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("accessibility", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("min_age", "integer", (c) => c.check(sql`min_age >= 0 and min_age <= 120`))
    .addColumn("max_age", "integer", (c) => c.check(sql`max_age >= 0 and max_age <= 120`))
    .addColumn("eligibility", "text")
    .addColumn("transport", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("transport_zones", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("referral_mode", "text", (c) =>
      c
        .notNull()
        .defaultTo("direct")
        .check(sql`referral_mode in ('direct','signpost')`),
    )
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_email", "text")
    .addColumn("last_checked_on", "date", (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active','paused','closed')`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("activity_age_range", sql`min_age is null or max_age is null or min_age <= max_age`)
    .execute();
  await db.schema.createIndex("activity_provider_idx").on("activity").column("provider_id").execute();
  await db.schema.createIndex("activity_category_idx").on("activity").column("category_code").execute();
  await db.schema.createIndex("activity_district_idx").on("activity").column("district_code").execute();
  await sql`create index activity_name_trgm_idx on activity using gin (name gin_trgm_ops)`.execute(db);

  // A weekly pattern; one-off dates are sessions without a schedule.
  await db.schema
    .createTable("activity_schedule")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("activity_id", "uuid", (c) => c.notNull().references("activity.id").onDelete("cascade"))
    .addColumn("weekday", "integer", (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn("start_time", "time", (c) => c.notNull())
    .addColumn("end_time", "time", (c) => c.notNull())
    .addColumn("valid_from", "date", (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn("valid_to", "date")
    .addCheckConstraint("activity_schedule_times", sql`start_time < end_time`)
    .addCheckConstraint("activity_schedule_dates", sql`valid_to is null or valid_from <= valid_to`)
    .execute();
  await db.schema.createIndex("activity_schedule_activity_idx").on("activity_schedule").column("activity_id").execute();

  await db.schema
    .createTable("activity_lead")
    .addColumn("activity_id", "uuid", (c) => c.notNull().references("activity.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("activity_lead_pk", ["activity_id", "user_id"])
    .execute();
  await db.schema.createIndex("activity_lead_user_idx").on("activity_lead").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["activity_lead", "activity_schedule", "activity", "provider", "activity_category"]) {
    await db.schema.dropTable(t).execute();
  }
}
