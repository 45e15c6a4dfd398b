import { instruments, SWEMWBS_METRIC } from "../../../app/measures/instruments";
import { DEFAULT_FOLLOW_UP_WEEKS } from "../../../app/measures/time-points";
import type { GenContext } from "../context";
import { lit } from "../random-sql";

/** Share of people with a baseline who are measured again (paired completion lands at 40–60% of baselines). */
const PAIRED = 0.62;

const ucla3 = instruments.find((i) => i.code === "ucla3")!;
const swemwbs = instruments.find((i) => i.code === "swemwbs")!;

/**
 * Answers adding up to a total: item i gets floor((total + k_i) / n) for a rotation k of 0..n-1, which by
 * Hermite's identity sums to the total exactly and keeps every answer within the options.
 */
function answersSql(items: readonly { id: string }[], total: string, rotation: string): string {
  const n = items.length;
  return `jsonb_build_object(${items.map((it, i) => `${lit(it.id)}, floor(((${total}) + ((${i} + ${rotation}) % ${n})) / ${n})::int`).join(", ")})`;
}

function bandSql(bands: readonly { label: string; from: number; to: number }[], value: string): string {
  return `case ${bands.map((b) => `when ${value} between ${b.from} and ${b.to} then ${lit(b.label)}`).join(" ")} end`;
}

/**
 * The core questionnaires (UCLA-3 and SWEMWBS) at baseline, at the follow-up weeks and at exit. Most people
 * improve, some stay level and some get worse (more of those among people whose attendance faded). Answers,
 * scores and bands are stored together exactly as the app's scoring would compute them.
 */
export async function generateMeasures(g: GenContext): Promise<void> {
  const { r, scale } = g;
  const asOf = g.date(g.asOf);
  const baseDay = `case
    when p.outcome = 'ahead' and p.c > 0 then p.first_session_day
    when p.outcome in ('ahead', 'no_start') and p.status not in ('received', 'contacted') then p.day + p.resp_d
    when p.outcome = 'signposted' and p.contact_d is not null then p.day + p.contact_d end`;
  const weeks = scale.followUpWeeks;
  const followUps = weeks.map(
    (w, i) => `case when p.c > 0 and p.first_session_day + ${7 * w} < ${asOf}
      and p.first_session_day + ${7 * w} <= p.last_session_day + 14 then ${i + 1} end`,
  );
  const exit = `case when p.status = 'ended' and p.outcome in ('ahead', 'signposted') and p.end_reason in ('completed', 'disengaged') then 1 end`;

  const trend = `case when p.profile = 'fading'
      then case when ${r.u("measure.trend", "p.r")} < 0.4 then 'improve' when ${r.u("measure.trend", "p.r")} < 0.7 then 'level' else 'worse' end
      else case when ${r.u("measure.trend", "p.r")} < 0.75 then 'improve' when ${r.u("measure.trend", "p.r")} < 0.92 then 'level' else 'worse' end end`;
  await g.run(
    "gen_measure_referral",
    `create temp table gen_measure_referral on commit drop as
    select p.r, p.ref_id, p.person_id, p.caseworker_id, b.base_day, ${r.u("measure.baseline", "p.r")} as u_base,
      ${r.chance("measure.paired", "p.r", PAIRED)} as paired,
      2 * (1 + case when ${r.chance("measure.paired", "p.r", PAIRED)} then
        ${followUps.map((f) => `(${f} is not null)::int`).join(" + ") || "0"} + (${exit} is not null)::int else 0 end) as responses,
      array_remove(array[${followUps.join(", ") || "null"}]::int[], null) as follow_ups,
      ${exit} is not null as has_exit, p.first_session_day, p.end_day,
      ${trend} as trend, ${r.normal("measure.gain", "p.r")} as gain, ${r.u("measure.loss", "p.r")} as loss,
      least(35, greatest(7, round(19.5 + 4.5 * ${r.normal("measure.sw_base", "p.r")}))) as sw_base,
      least(9, greatest(3, round(6.8 + 1.5 * ${r.normal("measure.ucla_base", "p.r")}))) as ucla_base
    from gen_plan p cross join lateral (select ${baseDay} as base_day) b
    where b.base_day < ${asOf}`,
  );

  // The share of referrals with a baseline is set so the total lands on the target.
  const [threshold] = await g.query<{ u: number | null }>(`select min(u_base) as u from (
      select u_base, sum(responses) over (order by u_base, r) as running from gen_measure_referral) x
    where running >= ${scale.responses}`);
  const cut = threshold?.u ?? 1;

  const weekList = `array[${weeks.join(",") || "null"}]::int[]`;
  await g.run(
    "gen_occasion",
    `create temp table gen_occasion on commit drop as
    select m.r, 0 as slot, 'baseline' as time_point, null::int as week, m.base_day as day, 0.0::float8 as progress from gen_measure_referral m where m.u_base <= ${cut}
    union all
    select m.r, f, 'follow_up', (${weekList})[f], m.first_session_day + 7 * (${weekList})[f], least(0.95, 0.3 + 0.05 * (${weekList})[f])
    from gen_measure_referral m, unnest(m.follow_ups) f where m.u_base <= ${cut} and m.paired
    union all
    select m.r, 15, 'exit', null, m.end_day, 1.0 from gen_measure_referral m where m.u_base <= ${cut} and m.paired and m.has_exit`,
  );

  // Scores per occasion, materialised once: the answers below read each score several times.
  const occ = "(o.r * 16 + o.slot)";
  const delta = `(case m.trend when 'improve' then greatest(1, 4.5 + 2.5 * m.gain) when 'level' then 1.2 * m.gain else -(1 + 3 * m.loss) end)`;
  await g.run(
    "gen_score",
    `create temp table gen_score on commit drop as
    select ${occ} as occ, m.ref_id, m.person_id, m.caseworker_id, o.time_point, o.week, o.day,
      least(35, greatest(7, round(m.sw_base + ${delta} * o.progress + case when o.slot > 0 then ${r.normal("measure.sw_noise", occ)} else 0 end)))::int as sw,
      least(9, greatest(3, round(m.ucla_base - ${delta} * o.progress / 3.5 + case when o.slot > 0 then 0.6 * ${r.normal("measure.ucla_noise", occ)} else 0 end)))::int as ucla,
      ${r.int("measure.sw_rot", occ, swemwbs.items.length)} as sw_rot, ${r.int("measure.ucla_rot", occ, ucla3.items.length)} as ucla_rot
    from gen_occasion o join gen_measure_referral m using (r)`,
  );

  const metric = `(array[${Array.from({ length: 29 }, (_, i) => SWEMWBS_METRIC[i + 7]).join(",")}]::numeric[])[s.sw - 6]`;
  const uclaBands = ucla3.scoreScales.find((x) => x.key === "total")!.bands!;
  await g.run(
    "measure_response",
    `insert into measure_response (id, person_id, referral_id, instrument_code, instrument_version, time_point,
      follow_up_week, administered_on, mode, answers, scores, bands, recorded_by, recorded_at)
    select ${r.uuid("response", "s.occ * 2 + i.k")}, s.person_id, s.ref_id, i.code, i.version, s.time_point, s.week, s.day,
      case when ${r.chance("measure.self", "s.occ", 0.2)} then 'self' else 'staff' end,
      case i.k when 0 then ${answersSql(swemwbs.items, "s.sw", "s.sw_rot")} else ${answersSql(ucla3.items, "s.ucla", "s.ucla_rot")} end,
      case i.k when 0 then jsonb_build_object('metric', ${metric}, 'raw', s.sw) else jsonb_build_object('total', s.ucla) end,
      case i.k when 0 then '{}'::jsonb else jsonb_build_object('total', ${bandSql(uclaBands, "s.ucla")}) end,
      s.caseworker_id,
      (s.day + time '10:00' + ${r.u("measure.time", "s.occ")} * interval '7 hours')::timestamp at time zone 'Europe/London'
    from gen_score s
    cross join (values (0, ${lit(swemwbs.code)}, ${lit(swemwbs.version)}), (1, ${lit(ucla3.code)}, ${lit(ucla3.version)})) as i(k, code, version)`,
  );

  // Activities in the county data set ask for a 26-week follow-up as well: the schedule says so.
  if (weeks.join(",") !== DEFAULT_FOLLOW_UP_WEEKS.join(",")) {
    await g.run(
      "measure_schedule",
      `insert into measure_schedule (activity_id, follow_up_weeks, updated_at)
      select id, ${weekList}, ${g.date(g.monday0)}::timestamp at time zone 'Europe/London' from gen_activity where mode = 'direct'`,
    );
  }
}
