import { PLAN_EACH_CALL } from "../../db/prepared-client";
// The statements the app issues for each benchmarked page, written out as SQL for the ceilings: the bare Node
// page runs them through pg, the raw-SQL ceiling through pgbench. They mirror app/person-record/read.server.ts,
// app/people/people.server.ts (findPeople) and app/attendance/register.server.ts (saveRegister); when those
// change, change these.

/** A list read inside the person statement as a JSON array, as Kysely's jsonArrayFrom writes it. */
const jsonList = (q: string) => `(select coalesce(json_agg(agg), '[]') from (${q}) as agg)`;

const personLists = {
  consents: `select distinct on (kind) kind, given, recorded_at from person_consent where person_id = $1 order by kind, recorded_at desc, id`,
  care_team: `select app_user.id, app_user.display_name, app_user.role, care_team_member.added_at from care_team_member
    join app_user on app_user.id = care_team_member.user_id where person_id = $1 order by added_at`,
  referrals: `select r.id, r.kind, r.status, r.received_at, r.provider_responded_at, r.end_reason, r.needs, r.ended_at,
      activity.name as activity_name, app_user.display_name as caseworker,
      coalesce(r.first_attended_on, (select min(s.session_date) from attendance a join activity_session s on s.id = a.session_id
        where a.referral_id = r.id and a.status = 'present')) as first_session_on, ms.follow_up_weeks
    from referral r left join activity on activity.id = r.activity_id left join app_user on app_user.id = r.caseworker_id
      left join measure_schedule ms on ms.activity_id = r.activity_id
    where r.person_id = $1 order by r.received_at desc`,
  events: `select referral_event.id, referral_event.referral_id, referral_event.from_status, referral_event.to_status, referral_event.occurred_at,
      activity.name as activity_name, app_user.display_name as actor
    from referral_event join referral on referral.id = referral_event.referral_id left join activity on activity.id = referral.activity_id
    left join app_user on app_user.id = referral_event.actor_id where referral.person_id = $1`,
  attendance: `select attendance.session_id, attendance.referral_id, attendance.status, activity_session.session_date, activity.name as activity_name
    from attendance join activity_session on activity_session.id = attendance.session_id join activity on activity.id = activity_session.activity_id
    where attendance.person_id = $1`,
  notes: `select case_note.id, case_note.kind, case_note.body, case_note.created_at, app_user.display_name as author
    from case_note left join app_user on app_user.id = case_note.author_id
    where case_note.person_id = $1 and (case_note.kind <> 'safeguarding'
      or exists (select 1 from care_team_member c where c.person_id = $1 and c.user_id = $2)) order by case_note.created_at desc`,
  measures: `select m.id, m.referral_id, m.instrument_code, m.instrument_version, m.time_point, m.follow_up_week, m.administered_on, m.mode,
      m.answers, m.scores, m.bands, m.recorded_at, rec.display_name as recorded_by_name, m.entered_in_error_at, m.entered_in_error_reason,
      err.display_name as error_by_name
    from measure_response m left join app_user rec on rec.id = m.recorded_by left join app_user err on err.id = m.entered_in_error_by
    where m.person_id = $1`,
};

const careTeamCheck = `exists (select 1 from care_team_member c where c.person_id = person.id and c.user_id = $2)`;
export const personView = {
  /**
   * $1 the person, $2 the reader, $3 the request id: the person row, whether the reader is on the care team, and
   * every list, with the audit row written by the same statement (only for a live record), as the app reads it.
   */
  record: `with read_audit as (
      insert into audit_event (actor_user_id, actor_role, request_id, action, outcome, entity_type, entity_id, person_id, details)
      select $2::uuid, 'prescriber', $3::text, 'person.read', 'ok', 'person', person.id::text, person.id,
        jsonb_build_object('view', 'record', 'careTeam', ${careTeamCheck}, 'safeguardingShown', ${careTeamCheck})
      from person where person.id = $1 and person.merged_into_id is null
    )
    select person.*, district.name as district_name,
      ${careTeamCheck} as on_care_team,
      ${Object.entries(personLists)
        .map(([name, q]) => `${jsonList(q)} as ${name}`)
        .join(",\n      ")}
    from person left join district on district.code = person.district_code where person.id = $1`,
};

const nameExpr = `lower(person.given_name || ' ' || person.family_name)`;
const searchColumns = `person.id, given_name, family_name, preferred_name, date_of_birth, nhs_number, postcode, district.name as district`;

const searchFrom = `select ${searchColumns} from person left join district on district.code = person.district_code where merged_into_id is null`;
const alphabetical = `order by lower(person.family_name) collate "C", lower(person.given_name) collate "C", person.id`;

/**
 * searchPeople's steps as the app runs them; each asks for one row more than it shows. The name steps, as the
 * app's, are planned for each call's values (the marker keeps the bare page's client from naming them; pgbench
 * runs this scenario with the extended protocol, unnamed, for the same reason).
 */
export const search = {
  /** $1 the NHS number. */
  nhs: `${searchFrom} and nhs_number = $1 limit 26`,
  /** One word: $1 the surname prefix pattern. */
  surnamePrefix: `${PLAN_EACH_CALL}${searchFrom} and lower(person.family_name) collate "C" like $1 ${alphabetical} limit 26`,
  /** Several words: $1 the full-name prefix pattern. */
  namePrefix: `${PLAN_EACH_CALL}${searchFrom} and ${nameExpr} like $1 ${alphabetical} limit 26`,
  /** Widening while fewer than 25 are found: $1 the contains pattern, $2 ids found already, $3 rows wanted. */
  contains: `${PLAN_EACH_CALL}${searchFrom} and ${nameExpr} like $1 and person.id <> all($2::uuid[]) limit $3`,
  /** $1 the preferred-name prefix pattern, $2 ids found already, $3 rows wanted. */
  preferred: `${PLAN_EACH_CALL}${searchFrom} and lower(person.preferred_name) like $1 and person.id <> all($2::uuid[]) limit $3`,
};

export const searchAudit = `insert into audit_event (actor_user_id, actor_role, request_id, action, outcome, entity_type, details)
  values ($1, 'prescriber', $2, 'person.search', 'ok', 'person', $3)`;

export const registerSave = {
  lockSession: `select id, activity_id, session_date, status, register_version, register_save_key from activity_session
    where id = $1 and activity_id = $2 for update`,
  participants: `select r.id as referral_id, r.person_id, r.status as referral_status, t.status as mark, p.given_name, p.family_name, p.preferred_name,
      p.phone, p.email, p.preferred_contact, p.access_needs, p.communication_needs
    from referral r join person p on p.id = r.person_id left join attendance t on t.referral_id = r.id and t.session_id = $2
    where r.activity_id = $1 and r.id in (select id from referral where activity_id = $1 and status in ('accepted', 'attending')
      union select referral_id from attendance where session_id = $2)
    order by p.family_name, p.given_name`,
  /** Rows as unnest arrays: $1 session, $2 referral ids, $3 person ids, $4 statuses, $5 recorded by. */
  upsertMarks: `insert into attendance (session_id, referral_id, person_id, status, recorded_by)
    select $1, r, p, s, $5 from unnest($2::uuid[], $3::uuid[], $4::text[]) as m(r, p, s)
    on conflict (session_id, referral_id) do update set status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = now()`,
  bumpVersion: `update activity_session set register_version = register_version + 1, other_attendees = $3, register_saved_at = now(),
      register_saved_by = $4, register_save_key = $5, status = 'held' where id = $1 and register_version = $2 returning register_version`,
  audit: `insert into audit_event (actor_user_id, actor_role, request_id, action, outcome, entity_type, entity_id, details)
    values ($1, 'activity_lead', $2, 'register.save', 'ok', 'activity_session', $3, $4)`,
};

/**
 * The reference operation whose ceilings scale-and-performance.md gives for the machine its targets were set on:
 * a person read and an audit insert in one transaction (pgbench, 4 clients: 5,490 tx/s) and the same behind a bare
 * Node + pg page (20 connections: 3,236 req/s). Measured here, they say how this machine compares with that one.
 */
export const reference = {
  read: `select id, given_name, family_name, date_of_birth from person where id = $1`,
  audit: `insert into audit_event (actor_user_id, actor_role, request_id, action, outcome, entity_type, entity_id, person_id, details)
    values ($1, 'prescriber', $2, 'person.read', 'ok', 'person', $3::text, $3::text::uuid, '{"view":"reference"}')`,
  /** Published ceilings of the reference machine. */
  published: { barePage: 3236, pgbench: 5490 },
};
