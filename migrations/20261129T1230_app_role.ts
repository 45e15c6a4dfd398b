import { type Kysely, sql } from "kysely";

// The application's own database role (docs/decisions/0756-app-database-role.md). Migrations run as the owner of the
// schema; the app's queries run as `connect_well_app`, which may read and write the service's tables but may only
// insert and read audit rows: it cannot update, delete or truncate them, disable their triggers (only an owner can
// alter a table) or switch triggers off for its session (session_replication_role needs a superuser).
// Roles belong to the whole PostgreSQL server, so it may already exist (another database on the same server).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'connect_well_app') then
        create role connect_well_app nologin;
      end if;
    exception when duplicate_object or unique_violation then
      null; -- created by a migration of another database at the same moment
    end $$`.execute(db);
  // An owner that is not a superuser must be a member to switch to the role.
  await sql`
    do $$
    begin
      if not (select rolsuper from pg_roles where rolname = current_user)
         and not pg_has_role(current_user, 'connect_well_app', 'member') then
        execute format('grant connect_well_app to %I', current_user);
      end if;
    end $$`.execute(db);

  await sql`grant usage on schema public to connect_well_app`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to connect_well_app`.execute(db);
  await sql`grant usage, select on all sequences in schema public to connect_well_app`.execute(db);
  // Tables and sequences later migrations create (as the same owner) get the same grants.
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to connect_well_app`.execute(
    db,
  );
  await sql`alter default privileges in schema public grant usage, select on sequences to connect_well_app`.execute(db);

  // The audit trail: insert and read only.
  await sql`revoke update, delete, truncate, trigger, references on audit_event from connect_well_app`.execute(db);
  // Migration bookkeeping is the owner's: the app only reads it (/readyz).
  await sql`revoke insert, update, delete on kysely_migration, kysely_migration_lock from connect_well_app`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter default privileges in schema public revoke all on tables from connect_well_app`.execute(db);
  await sql`alter default privileges in schema public revoke all on sequences from connect_well_app`.execute(db);
  await sql`revoke all on all tables in schema public from connect_well_app`.execute(db);
  await sql`revoke all on all sequences in schema public from connect_well_app`.execute(db);
  await sql`revoke usage on schema public from connect_well_app`.execute(db);
}
