import { type Kysely, sql } from "kysely";

// One open referral of a person to an activity. A second one while the first is received, contacted, accepted or
// attending splits the person's attendance, measures and provider answers across two records. Referrals made
// before the rule that break it are closed here, keeping the one furthest along (then the earliest), each closing
// recorded in its history with the reason, so nothing is lost and the index can be built.
const OPEN = sql`('received', 'contacted', 'accepted', 'attending')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    with ranked as (
      select id, status, row_number() over (
        partition by person_id, activity_id
        order by case status when 'attending' then 0 when 'accepted' then 1 when 'contacted' then 2 else 3 end,
                 received_at, id
      ) as n
      from referral
      where activity_id is not null and status in ${OPEN}
    ),
    closed as (
      update referral r
      set status = 'ended', end_reason = 'other', ended_at = now(), updated_at = now(), version = r.version + 1
      from ranked
      where ranked.id = r.id and ranked.n > 1
      returning r.id, ranked.status as from_status
    )
    insert into referral_event (referral_id, from_status, to_status, reason)
    select id, from_status, 'ended', 'Closed as a duplicate: the person already had an open referral to this activity'
    from closed`.execute(db);
  await sql`create unique index referral_one_open_per_activity on referral (person_id, activity_id)
    where activity_id is not null and status in ${OPEN}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index referral_one_open_per_activity`.execute(db);
}
