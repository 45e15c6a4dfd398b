// The statements the app issues for each benchmarked page, written out as SQL for the ceilings: the bare Node
// page runs them through pg, the raw-SQL ceiling through pgbench. They mirror app/people/person-record.server.ts,
// app/people/people.server.ts (searchPeople) and app/attendance/register.server.ts (saveRegister); when those
// change, change these.

export const personView = {
  person: `select person.*, district.name as district_name from person left join district on district.code = person.district_code where person.id = $1`,
  careTeamCheck: `select user_id from care_team_member where person_id = $1 and user_id = $2`,
  consents: `select distinct on (kind) kind, given, recorded_at from person_consent where person_id = $1 order by kind, recorded_at desc, id`,
  careTeam: `select app_user.id, app_user.display_name, app_user.role, care_team_member.added_at from care_team_member
    join app_user on app_user.id = care_team_member.user_id where person_id = $1 order by added_at`,
  referrals: `select referral.id, referral.kind, referral.status, referral.received_at, referral.provider_responded_at, referral.end_reason, referral.needs,
      activity.name as activity_name, app_user.display_name as caseworker
    from referral left join activity on activity.id = referral.activity_id left join app_user on app_user.id = referral.caseworker_id
    where referral.person_id = $1 order by referral.received_at desc`,
  events: `select referral_event.id, referral_event.referral_id, referral_event.from_status, referral_event.to_status, referral_event.occurred_at,
      activity.name as activity_name, app_user.display_name as actor
    from referral_event join referral on referral.id = referral_event.referral_id left join activity on activity.id = referral.activity_id
    left join app_user on app_user.id = referral_event.actor_id where referral.person_id = $1`,
  attendance: `select attendance.session_id, attendance.referral_id, attendance.status, activity_session.session_date, activity.name as activity_name
    from attendance join activity_session on activity_session.id = attendance.session_id join activity on activity.id = activity_session.activity_id
    where attendance.person_id = $1`,
  notes: `select case_note.id, case_note.kind, case_note.body, case_note.created_at, app_user.display_name as author
    from case_note left join app_user on app_user.id = case_note.author_id
    where case_note.person_id = $1 and ($2 or case_note.kind <> 'safeguarding') order by case_note.created_at desc`,
  audit: `insert into audit_event (actor_user_id, actor_role, request_id, action, outcome, entity_type, entity_id, person_id, details)
    values ($1, 'prescriber', $2, 'person.read', 'ok', 'person', $3::text, $3::text::uuid, $4)`,
};

const nameExpr = `lower(person.given_name || ' ' || person.family_name)`;
const searchColumns = `person.id, given_name, family_name, preferred_name, date_of_birth, nhs_number, postcode, district.name as district`;

/** searchPeople as the app runs it: $1 prefix pattern, $2 contains pattern, $3 the lower-cased term. */
export const searchByName = `select ${searchColumns} from person left join district on district.code = person.district_code
  where merged_into_id is null and (lower(family_name) like $1 or lower(given_name) like $1 or lower(coalesce(preferred_name, '')) like $1
    or ${nameExpr} like $2 or similarity(${nameExpr}, $3) >= 0.3)
  order by similarity(${nameExpr}, $3) desc, family_name, given_name limit 25`;

/** $1 the NHS number, $2 the term (ordering only). */
export const searchByNhs = `select ${searchColumns} from person left join district on district.code = person.district_code
  where merged_into_id is null and nhs_number = $1 order by similarity(${nameExpr}, $2) desc, family_name, given_name limit 25`;

/**
 * The same search written so every arm can use an index (family-name prefix, trigram contains, trigram
 * similarity operator): what the reference ceiling measures, and the rewrite proposed in bench/results.md.
 */
export const searchByNameIndexed = `select ${searchColumns} from person left join district on district.code = person.district_code
  where merged_into_id is null and (lower(family_name) like $1 or ${nameExpr} like $2 or ${nameExpr} % $3)
  order by similarity(${nameExpr}, $3) desc, family_name, given_name limit 25`;

export const searchAudit = `insert into audit_event (actor_user_id, actor_role, request_id, action, outcome, entity_type, details)
  values ($1, 'prescriber', $2, 'person.search', 'ok', 'person', $3)`;

export const registerSave = {
  lockSession: `select id, activity_id, session_date, status, register_version, register_save_key from activity_session
    where id = $1 and activity_id = $2 for update`,
  participants: `select r.id as referral_id, r.person_id, r.status as referral_status, t.status as mark, p.given_name, p.family_name, p.preferred_name,
      p.phone, p.email, p.preferred_contact, p.access_needs, p.communication_needs
    from referral r join person p on p.id = r.person_id left join attendance t on t.referral_id = r.id and t.session_id = $2
    where r.activity_id = $1 and (r.status in ('accepted', 'attending') or t.session_id is not null) order by p.family_name, p.given_name`,
  /** Rows as unnest arrays: $1 session, $2 referral ids, $3 person ids, $4 statuses, $5 recorded by. */
  upsertMarks: `insert into attendance (session_id, referral_id, person_id, status, recorded_by)
    select $1, r, p, s, $5 from unnest($2::uuid[], $3::uuid[], $4::text[]) as m(r, p, s)
    on conflict (session_id, referral_id) do update set status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = now()`,
  bumpVersion: `update activity_session set register_version = register_version + 1, other_attendees = $3, register_saved_at = now(),
      register_saved_by = $4, register_save_key = $5, status = 'held' where id = $1 and register_version = $2 returning register_version`,
  audit: `insert into audit_event (actor_user_id, actor_role, request_id, action, outcome, entity_type, entity_id, details)
    values ($1, 'activity_lead', $2, 'register.save', 'ok', 'activity_session', $3, $4)`,
};
