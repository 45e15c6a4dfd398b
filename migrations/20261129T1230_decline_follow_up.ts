import { type Kysely, sql } from "kysely";

// A referral the provider declined stays on the referrer's caseload, flagged "declined: find an alternative", until
// the referrer refers the person elsewhere (a later referral, seen on read) or closes it here: who closed it and when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("referral")
    .addColumn("decline_closed_at", "timestamptz")
    .addColumn("decline_closed_by", "uuid", (c) => c.references("app_user.id"))
    .execute();
  await sql`create index referral_decline_closed_by_idx on referral (decline_closed_by) where decline_closed_by is not null`.execute(
    db,
  );
  // The caseload reads a caseworker's provider-declined referrals still waiting for a follow-up.
  await sql`create index referral_declines_to_follow_up_idx on referral (caseworker_id) where status = 'declined' and declined_by = 'provider' and decline_closed_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index referral_declines_to_follow_up_idx`.execute(db);
  await sql`drop index referral_decline_closed_by_idx`.execute(db);
  await db.schema.alterTable("referral").dropColumn("decline_closed_by").dropColumn("decline_closed_at").execute();
}
