import { type Kysely, sql } from "kysely";

// The retention schedule (docs/decisions/0811-retention-schedule.md, 0812-audit-pseudonyms.md).
// - person.erased_at: when the record was anonymised by the schedule, so a later run leaves it alone.
// - The audit trail stays append-only, with one narrow exception: its owner, in a transaction that has set
//   connect_well.pseudonymise_audit, may replace the person, subject and details of a row (with pseudonyms) and
//   nothing else. The app's role has no update privilege and is not the owner, so it still cannot change a row.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table person add column erased_at timestamptz`.execute(db);
  await sql`
    create or replace function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
         and current_setting('connect_well.pseudonymise_audit', true) = 'on'
         and pg_has_role(current_user, (select c.relowner from pg_class c where c.oid = tg_relid), 'USAGE')
         and (new.id, new.occurred_at, new.actor_user_id, new.actor_role, new.action, new.outcome,
              new.entity_type, new.request_id)
             is not distinct from
             (old.id, old.occurred_at, old.actor_user_id, old.actor_role, old.action, old.outcome,
              old.entity_type, old.request_id)
      then
        return new;
      end if;
      raise exception 'audit_event is append-only' using errcode = '42501';
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`alter table person drop column erased_at`.execute(db);
}
