import { type Kysely, sql } from "kysely";

// Foundation: reference districts, staff accounts, server-side sessions, sign-in throttle, append-only audit trail.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable("district")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("area", "text", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull())
    .execute();
  // Census 2021 populations (Leicester, Leicestershire and Rutland).
  await db
    .insertInto("district")
    .values([
      { code: "blaby", name: "Blaby", area: "Leicestershire", population: 102900 },
      { code: "charnwood", name: "Charnwood", area: "Leicestershire", population: 183000 },
      { code: "harborough", name: "Harborough", area: "Leicestershire", population: 97600 },
      { code: "hinckley_bosworth", name: "Hinckley & Bosworth", area: "Leicestershire", population: 113600 },
      { code: "melton", name: "Melton", area: "Leicestershire", population: 51800 },
      { code: "nw_leicestershire", name: "North West Leicestershire", area: "Leicestershire", population: 104700 },
      { code: "oadby_wigston", name: "Oadby & Wigston", area: "Leicestershire", population: 57700 },
      { code: "leicester", name: "Leicester", area: "Leicester", population: 368600 },
      { code: "rutland", name: "Rutland", area: "Rutland", population: 41049 },
    ])
    .execute();

  await db.schema
    .createTable("app_user")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('prescriber','coordinator','activity_lead','analyst','commissioner','admin')`),
    )
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("district_code", "text", (c) => c.references("district.code"))
    .addColumn("disabled_at", "timestamptz")
    // Demo accounts sign in only while the server runs in demo mode.
    .addColumn("demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index app_user_email_key on app_user (lower(email))`.execute(db);
  await db.schema.createIndex("app_user_district_idx").on("app_user").column("district_code").execute();

  // Only a SHA-256 of the session id is stored: a copy of this table cannot be replayed as cookies.
  await db.schema
    .createTable("user_session")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ended_at", "timestamptz")
    .execute();
  await db.schema.createIndex("user_session_user_idx").on("user_session").column("user_id").execute();

  // Failed sign-ins live in the database so the throttle survives restarts and spans app servers.
  await db.schema
    .createTable("sign_in_failure")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("account_key", "text", (c) => c.notNull())
    .addColumn("client_key", "text", (c) => c.notNull())
    .addColumn("failed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("sign_in_failure_account_idx")
    .on("sign_in_failure")
    .columns(["account_key", "failed_at"])
    .execute();
  await db.schema
    .createIndex("sign_in_failure_client_idx")
    .on("sign_in_failure")
    .columns(["client_key", "failed_at"])
    .execute();

  await db.schema
    .createTable("audit_event")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "uuid")
    .addColumn("actor_role", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) =>
      c
        .notNull()
        .defaultTo("ok")
        .check(sql`outcome in ('ok','denied','failed')`),
    )
    .addColumn("entity_type", "text")
    .addColumn("entity_id", "text")
    .addColumn("person_id", "uuid")
    .addColumn("request_id", "text")
    .addColumn("details", "jsonb")
    .execute();
  await db.schema.createIndex("audit_event_occurred_idx").on("audit_event").column("occurred_at").execute();
  await db.schema
    .createIndex("audit_event_person_idx")
    .on("audit_event")
    .columns(["person_id", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("audit_event_actor_idx")
    .on("audit_event")
    .columns(["actor_user_id", "occurred_at"])
    .execute();

  // Append-only: the trail cannot be rewritten by the application (or by anyone short of dropping the trigger).
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only()`.execute(db);
  await sql`
    create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("The foundation migration is not reversible: restore from backup instead.");
}
