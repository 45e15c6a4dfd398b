import type { GenContext } from "../context";

/**
 * Register rows: each referral that went ahead is marked at consecutive sessions of its activity from its first
 * (always present). Rows are written session by session, in date order, as registers are in real use, so a person's rows
 * lie scattered through the table as they would in production (reading them back is not flattered). Steady attenders come about 85% of the time; for a quarter of people attendance fades, the
 * chance of coming decaying session by session until they stop. Cancelled sessions have no register.
 */
export async function generateAttendance(g: GenContext): Promise<void> {
  const { r } = g;
  const key = "(p.r::int8 * 4096 + j)";
  const chance = `case p.profile when 'fading' then greatest(0.05, 0.9 * exp(-j / p.tau)) when 'brief' then 0.8 else 0.85 end`;
  await g.run(
    "attendance",
    `insert into attendance (session_id, referral_id, person_id, status, recorded_by, recorded_at)
    select s.id, p.ref_id, p.person_id,
      case when j = 0 or ${r.u("attendance.present", key)} < ${chance} then 'present'
           when ${r.u("attendance.excused", key)} < 0.3 then 'excused' else 'absent' end,
      p.lead_id, s.saved_at
    from gen_plan p
    cross join lateral generate_series(0, p.c - 1) j
    join gen_session s on s.sn = p.base + p.k0 + j
    where p.c > 0 and s.status = 'held'
    order by s.session_date, s.sn`,
  );
}
