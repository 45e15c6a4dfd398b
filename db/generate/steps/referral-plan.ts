import type { GenContext } from "../context";
import { lit, weightedBy } from "../random-sql";
import { firstSessionOnOrAfterSql, sessionDateSql } from "./sessions";

/**
 * The plan of every person's referrals, built in temporary tables before any row of the real schema is written:
 * who is referred when (weekdays, a winter peak, slow growth), by whom, for what, to which activity, how the
 * referral turns out, and how many register rows it earns. People, referrals, events, attendance and measures are
 * then all read from this one plan, so they agree with each other.
 */
export async function planReferrals(g: GenContext): Promise<void> {
  const { r, scale, districts } = g;
  const district = weightedBy(
    r.u("person.district", "n"),
    districts.map((d) => [lit(d.code), d.population] as const),
  );
  await g.run(
    "gen_person",
    `create temp table gen_person on commit drop as
    select n, ${r.uuid("person", "n")} as id, ${district} as district_code from generate_series(1, ${scale.people}) n`,
  );
  await g.run("gen_person index", "create unique index on gen_person (n)");

  // Referral numbers are handed out day by day in proportion to a daily weight, so the totals are exact and the
  // seasonal shape is smooth rather than sampled noise.
  const weight = `((1 + 0.3 * cos(2 * pi() * (extract(doy from day) - 15) / 365.25))
    * (case when extract(isodow from day) >= 6 then 0.12 else 1 end) * (1 + 0.06 * d / 365.0))`;
  await g.run(
    "gen_day",
    `create temp table gen_day on commit drop as
    with w as (select d, day, ${weight} as w from (select d, ${g.date(g.firstDay)} + d as day from generate_series(0, ${scale.spanDays - 1}) d) x),
    c as (select d, day, round(${scale.referrals} * sum(w) over (order by d) / sum(w) over ())::int as hi from w)
    select d, day, coalesce(lag(hi) over (order by d), 0) as lo, hi from c`,
  );

  // Every person has at least one referral (a random permutation gives each their first); the rest are repeats.
  await g.run(
    "gen_ref_person",
    `create temp table gen_ref_person on commit drop as
    select r, day, row_number() over (order by ${r.u("referral.order", "r")}, r) as pi
    from gen_day, generate_series(lo + 1, hi) r`,
  );

  await g.run(
    "gen_activity_mode",
    `create temp table gen_activity_mode on commit drop as
    select a, district_code, mode, row_number() over (partition by district_code, mode order by a) - 1 as m_idx,
      count(*) over (partition by district_code, mode) as m_cnt
    from gen_activity`,
  );
  await g.run("gen_activity_mode index", "create unique index on gen_activity_mode (district_code, mode, m_idx)");
  await g.run(
    "gen_mode_count",
    `create temp table gen_mode_count on commit drop as
    select d.code as district_code, m.mode, coalesce((select max(m_cnt) from gen_activity_mode x where x.district_code = d.code and x.mode = m.mode), 0) as cnt
    from gen_district d, (values ('direct'), ('signpost')) m(mode)`,
  );

  const personN = `case when rp.pi <= ${scale.people} then rp.pi else 1 + ${r.int("referral.person", "rp.r", scale.people)} end`;
  const kind = `case when ${r.chance("referral.kind", "rp.r", 0.82)} then 'direct' else 'signpost' end`;
  await g.run(
    "gen_ref_draw",
    `create temp table gen_ref_draw on commit drop as
    select rp.r, rp.day, ${personN} as person_n, ${kind} as kind from gen_ref_person rp`,
  );

  const outcome = `case when k.kind = 'direct' then ${r.weighted("referral.outcome", "k.r", [
    ["'provider_declined'", 8],
    ["'person_declined'", 6],
    ["'no_start'", 6],
    ["'ahead'", 80],
  ])}
    else case when ${r.chance("referral.outcome", "k.r", 0.1)} then 'person_declined' else 'signposted' end end`;
  // Popular activities take most referrals: the index within the district falls off as a power of the draw. A
  // person's later referrals of the same kind go to the activities next to their first (j = 0, 1, 2…), so no one
  // has two referrals to one activity (the app allows one open referral per person and activity).
  const mIdx = `((floor(mc.cnt * power(${r.u("referral.activity", "k.person_n")}, 1.8))::int + k.j) % greatest(mc.cnt, 1))`;
  const contactD = `case when k.kind = 'signpost' or ${r.chance("referral.contacted", "k.r", 0.9)} then 1 + ${r.int("referral.contact_d", "k.r", 6)} end`;
  await g.run(
    "gen_ref_base",
    `create temp table gen_ref_base on commit drop as
    select k.r, k.day, k.kind, k.person_n, p.id as person_id, p.district_code,
      ${outcome} as outcome, ${contactD} as contact_d,
      gd.cw_lo + floor(${r.u("person.caseworker", "k.person_n")} * gd.cw_cnt)::int as caseworker_n,
      ${r.uuid("user", `gd.cw_lo + floor(${r.u("person.caseworker", "k.person_n")} * gd.cw_cnt)::int`)} as caseworker_id,
      case when k.overflow then null
        when k.kind = 'direct' or (mc.cnt > 0 and ${r.chance("referral.signpost_to", "k.r", 0.6)}) then am.a end as a,
      case when ${r.chance("referral.profile.fading", "k.r", 0.25)} then 'fading' when ${r.chance("referral.profile.brief", "k.r", 0.13)} then 'brief' else 'steady' end as profile
    from (
      -- A person referred more often than their district has activities of that kind is signposted (to no
      -- particular activity) for the rest.
      select x.r, x.day, x.person_n, case when x.j >= x.cnt then 'signpost' else x.kind end as kind,
        x.j, x.j >= x.cnt as overflow
      from (
        select d.*, row_number() over (partition by d.person_n, d.kind order by d.r)::int - 1 as j, mc0.cnt
        from gen_ref_draw d
        join gen_person p0 on p0.n = d.person_n
        join gen_mode_count mc0 on mc0.district_code = p0.district_code and mc0.mode = d.kind
      ) x
    ) k
    join gen_person p on p.n = k.person_n
    join gen_district gd on gd.code = p.district_code
    join gen_mode_count mc on mc.district_code = p.district_code and mc.mode = k.kind
    left join gen_activity_mode am on am.district_code = p.district_code and am.mode = k.kind and am.m_idx = ${mIdx}`,
  );

  // Timing in days after the referral arrived. The provider answers after first contact; the first session
  // is the activity's first on or after the agreed start.
  await g.run(
    "gen_ref_timed",
    `create temp table gen_ref_timed on commit drop as
    select b.*,
      coalesce(b.contact_d, 0) + 1 + ${r.int("referral.resp_d", "b.r", 18)} as resp_d,
      coalesce(b.contact_d, 0) + 2 + ${r.int("referral.decl_d", "b.r", 8)} as decl_d,
      1 + ${r.int("referral.start_pad", "b.r", 7)} as start_pad,
      21 + ${r.int("referral.nostart_end", "b.r", 21)} as nostart_end_pad,
      14 + ${r.int("referral.signpost_end", "b.r", 46)} as signpost_end_pad,
      7 + ${r.int("referral.end_pad", "b.r", 14)} as end_pad,
      exp(0.5 * ${r.normal("referral.length", "b.r")}) * case b.profile when 'brief' then 0.25 when 'fading' then 0.8 else 1.15 end as w,
      3 + 6 * ${r.u("referral.fade", "b.r")} as tau
    from gen_ref_base b`,
  );

  const k0 = firstSessionOnOrAfterSql(g, "(t.day + t.resp_d + t.start_pad)");
  await g.run(
    "gen_ref_start",
    `create temp table gen_ref_start on commit drop as
    select t.*, x.k0 + case when s.status = 'cancelled' then 1 else 0 end as k0, a.held, a.base
    from gen_ref_timed t
    left join gen_activity a on a.a = t.a and t.outcome = 'ahead'
    left join lateral (select ${k0} as k0) x on a.a is not null
    left join gen_session s on s.sn = a.base + x.k0`,
  );

  const L = await calibrateLength(g, scale.attendances / 0.97);
  await planOutcomes(g, L);
}

/**
 * Finds the length scale L so that the register rows earned, sum(min(ceil(L * w), sessions still to come)), reach
 * the target: a bisection over aggregates of the plan (about 25 scans of a temporary table, a few seconds).
 */
async function calibrateLength(g: GenContext, target: number): Promise<number> {
  let lo = 0.1;
  let hi = 400;
  const rowsFor = async (L: number) => {
    const [row] = await g.query<{
      n: string | number | null;
    }>(`select sum(least(greatest(1, ceil(${L} * w)), held - k0)) as n
      from gen_ref_start where k0 is not null and held > k0`);
    return Number(row?.n ?? 0);
  };
  if ((await rowsFor(hi)) < target) return hi;
  for (let i = 0; i < 25; i++) {
    const mid = (lo + hi) / 2;
    if ((await rowsFor(mid)) < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

async function planOutcomes(g: GenContext, L: number): Promise<void> {
  const { r } = g;
  const asOf = g.date(g.asOf);
  const lastDay = sessionDateSql(g, "(l.k0 + l.c - 1)");
  await g.run(
    "gen_ref_length",
    `create temp table gen_ref_length on commit drop as
    select t.*, case when t.k0 is not null and t.held > t.k0 then least(greatest(1, ceil(${L} * t.w))::int, t.held - t.k0) else 0 end as c,
      greatest(1, ceil(${L} * t.w))::int as wanted
    from gen_ref_start t`,
  );
  await g.run(
    "gen_plan",
    `create temp table gen_plan on commit drop as
    with s as (
      select l.*, ${r.uuid("referral", "l.r")} as ref_id, a.id as activity_id, ${r.uuid("lead", "a.lead_n")} as lead_id,
        a.f, a.wd, a.start_time, a.end_time, a.lead_n, l.c > 0 and l.wanted <= l.c as finished,
        case when l.c > 0 then ${lastDay} end as last_session_day,
        case when l.c > 0 then ${sessionDateSql(g, "l.k0")} end as first_session_day
      from gen_ref_length l
      left join gen_activity a on a.a = l.a
    ), st as (
      select s.*,
        case when s.contact_d is not null and s.day + s.contact_d < ${asOf} then 'contacted' else 'received' end as pending
      from s
    )
    select st.*,
      case st.outcome
        when 'provider_declined' then case when st.day + st.resp_d < ${asOf} then 'declined' else st.pending end
        when 'person_declined' then case when st.day + st.decl_d < ${asOf} then 'declined' else st.pending end
        when 'no_start' then case when st.day + st.resp_d >= ${asOf} then st.pending
                                  when st.day + st.resp_d + st.nostart_end_pad < ${asOf} then 'ended' else 'accepted' end
        when 'ahead' then case when st.day + st.resp_d >= ${asOf} then st.pending when st.c = 0 then 'accepted'
                               when st.finished and st.last_session_day + st.end_pad < ${asOf} then 'ended' else 'attending' end
        else case when st.day + st.contact_d + st.signpost_end_pad < ${asOf} then 'ended' else st.pending end
      end as status,
      case st.outcome
        when 'no_start' then st.day + st.resp_d + st.nostart_end_pad
        when 'ahead' then st.last_session_day + st.end_pad
        when 'signposted' then st.day + st.contact_d + st.signpost_end_pad
      end as end_day,
      case when st.outcome = 'ahead' and st.profile = 'steady' then
        ${r.weighted("referral.end_reason", "st.r", [
          ["'completed'", 95],
          ["'moved_away'", 3],
          ["'died'", 2],
        ])}
        when st.outcome = 'signposted' then 'completed' else 'disengaged' end as end_reason
    from st`,
  );
  await g.run("gen_plan index", "create unique index on gen_plan (r)");
  await g.run("gen_plan analyze", "analyze gen_plan");
}
