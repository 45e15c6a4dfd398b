import { barriers, needs } from "../../../app/referrals/codes";
import { SNOMED_DECLINED, SNOMED_REFERRED } from "../../../app/referrals/lifecycle";
import type { GenContext } from "../context";
import { lit, textArray } from "../random-sql";
import { caseNoteBodies, personDeclineReasons, providerDeclineReasons, safeguardingBodies } from "../vocabulary";

/** How often each need and barrier is recorded (a referral carries one to three needs, zero to two barriers). */
const needShares: Partial<Record<keyof typeof needs, number>> = {
  loneliness: 0.45,
  social_isolation: 0.35,
  low_mood: 0.25,
  anxiety: 0.2,
  physical_inactivity: 0.2,
  long_term_condition: 0.2,
  bereavement: 0.1,
  money_worries: 0.1,
  carer_strain: 0.08,
  housing: 0.05,
};
const barrierShares: Partial<Record<keyof typeof barriers, number>> = {
  transport: 0.22,
  mobility: 0.18,
  confidence: 0.2,
  cost: 0.1,
  caring_responsibilities: 0.06,
  sensory: 0.06,
  language: 0.05,
  digital: 0.08,
};

/** Instants on a plan day: working hours, London time. */
function at(g: GenContext, day: string, stream: string): string {
  return `((${day} + time '09:00' + ${g.r.u(stream, "p.r")} * interval '8 hours')::timestamp at time zone 'Europe/London')`;
}

/** Referrals as the plan left them on the as-of date, their status history, and some case notes. */
export async function generateReferrals(g: GenContext): Promise<void> {
  const { r } = g;
  // Each code is recorded with its own probability; the list is cut to the form's limit.
  const codes = (shares: Record<string, number | undefined>, stream: string, most: number) =>
    `(array_remove(array[${Object.entries(shares)
      .map(([c, p], i) => `case when ${r.u(`${stream}.${i}`, "p.r")} < ${p} then ${lit(c)} end`)
      .join(", ")}], null))[1:${most}]`;
  const source = `case when p.kind = 'direct' and ${r.chance("referral.self", "p.r", 0.02)} then 'self' else
    ${r.weighted("referral.source", "p.r", [
      ["'prescriber'", 45],
      ["'gp_practice'", 25],
      ["'coordinator'", 15],
      ["'self'", 10],
      ["'other'", 5],
    ])} end`;
  const received = at(g, "p.day", "referral.received_t");
  const contacted = at(g, "(p.day + p.contact_d)", "referral.contacted_t");
  const responded = at(g, "(p.day + p.resp_d)", "referral.responded_t");
  const declinedByPerson = at(g, "(p.day + p.decl_d)", "referral.declined_t");
  const ended = at(g, "p.end_day", "referral.ended_t");
  const declineReason = `case p.outcome
    when 'provider_declined' then (${textArray(providerDeclineReasons)})[1 + ${r.int("referral.decline_reason", "p.r", providerDeclineReasons.length)}]
    else (${textArray(personDeclineReasons)})[1 + ${r.int("referral.decline_reason", "p.r", personDeclineReasons.length)}] end`;

  await g.run(
    "gen_referral_times",
    `create temp table gen_referral_times on commit drop as
    select p.r,
      ${received} as received_at,
      case when p.contact_d is not null and p.day + p.contact_d < ${g.date(g.asOf)} then ${contacted} end as contacted_at,
      case when p.outcome in ('provider_declined', 'no_start', 'ahead') and p.status not in ('received', 'contacted') then ${responded} end as responded_at,
      case when p.outcome = 'person_declined' and p.status = 'declined' then ${declinedByPerson} end as person_declined_at,
      case when p.status = 'ended' then ${ended} end as ended_at,
      case when p.c > 0 then (p.first_session_day + p.start_time)::timestamp at time zone 'Europe/London' end as first_attended_at
    from gen_plan p`,
  );
  await g.run("gen_referral_times index", "create unique index on gen_referral_times (r)");

  await g.run(
    "referral",
    `insert into referral (id, person_id, activity_id, kind, source, caseworker_id, needs, barriers, support_notes, status,
      declined_by, decline_reason, end_reason, snomed_code, received_at, contacted_at, provider_responded_at, first_attended_on, ended_at,
      created_by, created_at, updated_at, version)
    select p.ref_id, p.person_id, p.activity_id, p.kind, ${source}, p.caseworker_id,
      coalesce(nullif(${codes(needShares, "referral.need", 3)}, '{}'), '{social_isolation}'), ${codes(barrierShares, "referral.barrier", 2)},
      case when ${r.chance("referral.notes", "p.r", 0.3)} then 'Would like someone to meet them on the first visit.' end,
      p.status,
      case when p.status = 'declined' then case p.outcome when 'provider_declined' then 'provider' else 'person' end end,
      case when p.status = 'declined' then ${declineReason} end,
      case when p.status = 'ended' then p.end_reason end,
      case when p.status = 'declined' and p.outcome = 'person_declined' then ${lit(SNOMED_DECLINED)} else ${lit(SNOMED_REFERRED)} end,
      t.received_at, t.contacted_at, t.responded_at, case when p.c > 0 then p.first_session_day end,
      coalesce(t.ended_at, case when p.status = 'declined' then coalesce(t.person_declined_at, t.responded_at) end),
      p.caseworker_id, t.received_at,
      greatest(t.received_at, t.contacted_at, t.responded_at, t.person_declined_at, t.first_attended_at, t.ended_at),
      1 + (t.contacted_at is not null)::int + (t.responded_at is not null)::int + (t.person_declined_at is not null)::int
        + (t.first_attended_at is not null)::int + (t.ended_at is not null)::int
    from gen_plan p join gen_referral_times t using (r)`,
  );

  // The status history, one row per step of the lifecycle the referral went through.
  const prior = `case when t.contacted_at is not null then 'contacted' else 'received' end`;
  await g.run(
    "referral_event",
    `insert into referral_event (referral_id, from_status, to_status, reason, actor_id, occurred_at)
    select p.ref_id, e.from_status, e.to_status, e.reason, e.actor_id, e.occurred_at
    from gen_plan p join gen_referral_times t using (r)
    cross join lateral (values
      (null, 'received', null, p.caseworker_id, t.received_at),
      ('received', 'contacted', null, p.caseworker_id, t.contacted_at),
      (${prior}, case when p.outcome = 'provider_declined' then 'declined' else 'accepted' end,
        case when p.outcome = 'provider_declined' then ${declineReason} end, p.lead_id, t.responded_at),
      (${prior}, 'declined', ${declineReason}, p.caseworker_id, t.person_declined_at),
      ('accepted', 'attending', null, null, t.first_attended_at),
      (case p.outcome when 'ahead' then 'attending' when 'no_start' then 'accepted' else 'contacted' end, 'ended', null,
        p.caseworker_id, t.ended_at)
    ) as e(from_status, to_status, reason, actor_id, occurred_at)
    where e.occurred_at is not null
    order by 1, e.occurred_at`,
  );

  // Notes on about half the referrals that got as far as a conversation; a few safeguarding concerns.
  await g.run(
    "case_note",
    `insert into case_note (id, person_id, kind, body, author_id, created_at)
    select ${r.uuid("note", "p.r * 4 + k")}, p.person_id,
      case when k = 1 and ${r.chance("note.safeguarding", "p.r", 0.01)} then 'safeguarding' else 'note' end,
      case when k = 1 and ${r.chance("note.safeguarding", "p.r", 0.01)}
        then (${textArray(safeguardingBodies)})[1 + ${r.int("note.sg_body", "p.r", safeguardingBodies.length)}]
        else (${textArray(caseNoteBodies)})[1 + ${r.int("note.body", "p.r * 4 + k", caseNoteBodies.length)}] end,
      p.caseworker_id, t.contacted_at + k * interval '9 days'
    from gen_plan p join gen_referral_times t using (r), generate_series(1, 2) k
    where t.contacted_at is not null and t.contacted_at + k * interval '9 days' < ${g.date(g.asOf)}::timestamp at time zone 'Europe/London'
      and ${r.u("note.count", "p.r")} < case k when 1 then 0.45 else 0.15 end`,
  );
}
