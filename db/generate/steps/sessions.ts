import type { GenContext } from "../context";
import { textArray } from "../random-sql";
import { cancelReasons } from "../vocabulary";

/** A session's date from its index k in its activity's weekly pattern (SQL over gen_activity a). */
export function sessionDateSql(g: GenContext, k: string): string {
  return `(${g.date(g.monday0)} + 7 * ((${k}) / a.f) + a.wd[1 + (${k}) % a.f] - 1)`;
}

/** The index of an activity's first session on or after a date (SQL over gen_activity a). */
export function firstSessionOnOrAfterSql(g: GenContext, day: string): string {
  const dow = `extract(isodow from ${day})`;
  return `(a.f * ((${day} - ${g.date(g.monday0)}) / 7) + (case when a.wd[1] < ${dow} then 1 else 0 end)
    + (case when a.wd[2] < ${dow} then 1 else 0 end) + (case when a.wd[3] < ${dow} then 1 else 0 end))`;
}

/**
 * Every session of every activity's weekly pattern, from the first week of the span to four weeks ahead. Past
 * sessions are held with a saved register (about 3% cancelled, never two in a row, so a newcomer's first session
 * always happens); today's and later ones are scheduled with no register yet.
 */
export async function generateSessions(g: GenContext): Promise<void> {
  const { r } = g;
  const day = sessionDateSql(g, "k");
  await g.run(
    "gen_session",
    `create temp table gen_session on commit drop as
    select a.a, k, a.base + k as sn, ${r.uuid("session", "a.base + k")} as id, ${day} as session_date,
      ((${day}) + a.end_time + interval '45 minutes')::timestamp at time zone 'Europe/London' as saved_at,
      case when ${day} >= ${g.date(g.asOf)} then 'scheduled'
           when k % 2 = 1 and ${r.u("session.cancel", "a.base + k")} < 0.06 then 'cancelled' else 'held' end as status
    from gen_activity a, generate_series(0, a.total - 1) k`,
  );
  await g.run("gen_session index", "create unique index on gen_session (sn) include (status, session_date, saved_at)");
  await g.run(
    "activity_session",
    `insert into activity_session (id, activity_id, session_date, start_time, end_time, status, ad_hoc,
      other_attendees, register_version, register_saved_at, register_saved_by, cancel_reason)
    select s.id, a.id, s.session_date, a.start_time, a.end_time, s.status, false,
      case when s.status = 'held' then floor(power(${r.u("session.others", "s.sn")}, 3) * 6)::int else 0 end,
      case when s.status = 'scheduled' then 0 else 1 end,
      case when s.status = 'held' then s.saved_at end,
      case when s.status = 'held' then ${r.uuid("lead", "a.lead_n")} end,
      case when s.status = 'cancelled' then (${textArray(cancelReasons)})[1 + ${r.int("session.reason", "s.sn", cancelReasons.length)}] end
    from gen_session s join gen_activity a using (a)`,
  );
}
