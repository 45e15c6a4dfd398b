import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { scoreResponse } from "../../../app/measures/scoring";
import { nhsNumberProblem, normaliseNhsNumber } from "~/forms/nhs-number";
import { allowedTransitions, referralKinds, referralStatuses } from "../../../app/referrals/lifecycle";
import { generate, GENERATED_TABLES } from "../../../db/generate/generate";
import { scales } from "../../../db/generate/scales";
import { testDb, useTestDatabase } from "../../support/db";

useTestDatabase();

const AS_OF = "2026-11-25";
const smoke = scales.smoke;

async function one<T>(query: string): Promise<T> {
  const { rows } = await sql.raw<T>(query).execute(testDb());
  return rows[0];
}

async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of GENERATED_TABLES) {
    const row = await one<{ h: string }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`,
    );
    out[table] = row.h;
  }
  return out;
}

describe("synthetic data generator (smoke scale)", () => {
  it("writes the planned volumes, all keys valid, every record consistent with the lifecycle", async () => {
    const summary = await generate(testDb(), { scale: smoke, seed: 3, asOf: AS_OF });
    const c = summary.counts;
    expect(c.person).toBe(smoke.people);
    expect(c.referral).toBe(smoke.referrals);
    expect(c.activity).toBe(smoke.activities);
    expect(c.activity_session).toBeGreaterThan(smoke.sessions * 0.9);
    expect(c.activity_session).toBeLessThan(smoke.sessions * 1.1);
    expect(c.attendance).toBeGreaterThan(smoke.attendances * 0.9);
    expect(c.attendance).toBeLessThan(smoke.attendances * 1.1);
    expect(c.measure_response).toBeGreaterThan(smoke.responses * 0.85);
    expect(c.measure_response).toBeLessThanOrEqual(smoke.responses + 2);

    // Foreign keys were rebuilt (and so checked by PostgreSQL); these are the cross-table rules no key states.
    const broken = await one<Record<string, number>>(`select
      (select count(*)::int from person p where not exists (select 1 from referral r where r.person_id = p.id)) as people_without_referral,
      (select count(*)::int from attendance a join referral r on r.id = a.referral_id where r.person_id <> a.person_id) as attendance_wrong_person,
      (select count(*)::int from attendance a join referral r on r.id = a.referral_id join activity_session s on s.id = a.session_id
        where s.activity_id <> r.activity_id) as attendance_wrong_activity,
      (select count(*)::int from attendance a join activity_session s on s.id = a.session_id where s.status <> 'held' or s.session_date >= date '${AS_OF}') as attendance_not_held,
      (select count(*)::int from referral r where r.status = 'attending' and not exists
        (select 1 from attendance a where a.referral_id = r.id and a.status = 'present')) as attending_never_present,
      (select count(*)::int from referral r where r.first_attended_on is distinct from
        (select min(s.session_date) from attendance a join activity_session s on s.id = a.session_id where a.referral_id = r.id and a.status = 'present')) as wrong_first_attended,
      (select count(*)::int from referral r where r.kind = 'direct' and r.activity_id is null) as direct_without_activity,
      (select count(*)::int from measure_response m join referral r on r.id = m.referral_id
        where r.person_id <> m.person_id or r.status = 'declined' or m.administered_on < (r.received_at at time zone 'Europe/London')::date) as misplaced_measures,
      (select count(*)::int from referral where received_at >= date '${AS_OF}' or updated_at >= date '${AS_OF}') as from_the_future,
      (select count(*)::int from person where nhs_number is not null and nhs_number not like '999%') as outside_test_range`);
    expect(broken).toEqual({
      people_without_referral: 0,
      attendance_wrong_person: 0,
      attendance_wrong_activity: 0,
      attendance_not_held: 0,
      attending_never_present: 0,
      wrong_first_attended: 0,
      direct_without_activity: 0,
      misplaced_measures: 0,
      from_the_future: 0,
      outside_test_range: 0,
    });

    const nhs = await sql<{ nhs_number: string }>`select nhs_number from person where nhs_number is not null`.execute(
      testDb(),
    );
    expect(nhs.rows.length).toBeGreaterThan(smoke.people * 0.8);
    expect(
      nhs.rows.every((r) => nhsNumberProblem(normaliseNhsNumber(r.nhs_number), { testNumbers: true }) === null),
    ).toBe(true);

    // Each status history is a walk through the lifecycle's transitions ending at the referral's status.
    const allowed = new Set(
      referralStatuses.flatMap((from) =>
        referralKinds.flatMap((kind) =>
          (["caseworker", "provider", "system"] as const).flatMap((actor) =>
            allowedTransitions(kind, from, actor).map((to) => `${from}>${to}`),
          ),
        ),
      ),
    );
    const events = await sql<{ referral_id: string; from_status: string | null; to_status: string; status: string }>`
      select e.referral_id, e.from_status, e.to_status, r.status from referral_event e join referral r on r.id = e.referral_id
      order by e.referral_id, e.occurred_at`.execute(testDb());
    const last = new Map<string, { to: string; status: string }>();
    for (const e of events.rows) {
      const previous = last.get(e.referral_id);
      if (previous) {
        expect(e.from_status).toBe(previous.to);
        expect(allowed.has(`${e.from_status}>${e.to_status}`)).toBe(true);
      } else {
        expect([e.from_status, e.to_status]).toEqual([null, "received"]);
      }
      last.set(e.referral_id, { to: e.to_status, status: e.status });
    }
    expect(last.size).toBe(smoke.referrals);
    for (const { to, status } of last.values()) expect(to).toBe(status);
  });

  it("stores exactly the scores and bands the app's scoring gives for the stored answers", async () => {
    await generate(testDb(), { scale: smoke, seed: 4, asOf: AS_OF });
    const { rows } = await sql<{
      instrument_code: string;
      answers: Record<string, number>;
      scores: Record<string, number>;
      bands: Record<string, string>;
    }>`
      select instrument_code, answers, scores, bands from measure_response`.execute(testDb());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const scored = scoreResponse(row.instrument_code, row.answers);
      expect(row.scores).toEqual(scored.scores);
      expect(row.bands).toEqual(scored.bands);
    }
  });

  it("has the shapes the benchmarks and dashboards rely on", async () => {
    await generate(testDb(), { scale: smoke, seed: 5, asOf: AS_OF });
    const d = await one<Record<string, number>>(`select
      (select avg((kind = 'direct')::int)::float8 from referral) as direct_share,
      (select avg((source = 'prescriber')::int)::float8 from referral) as prescriber_share,
      (select count(*)::float8 from referral where extract(month from received_at) in (12, 1, 2)) /
        (select count(*) from referral where extract(month from received_at) in (6, 7, 8)) as winter_over_summer,
      (select avg((extract(isodow from received_at at time zone 'Europe/London') >= 6)::int)::float8 from referral) as weekend_share,
      (select count(*)::float8 from person where district_code = 'leicester') / (select count(*) from person where district_code = 'rutland') as leicester_over_rutland,
      (select avg((status = 'present')::int)::float8 from attendance) as present_rate,
      (select avg((cardinality(needs) between 1 and 3)::int)::float8 from referral) as needs_recorded,
      (select avg((extract(year from age(date '${AS_OF}', date_of_birth)) >= 65)::int)::float8 from person) as older_share`);
    // Below the planned 82%: at smoke scale a district has few activities, and a person referred more often than
    // their district has direct activities is signposted for the rest (one open referral per person and activity).
    expect(d.direct_share).toBeGreaterThan(0.68);
    expect(d.direct_share).toBeLessThan(0.9);
    expect(d.prescriber_share).toBeGreaterThan(0.3);
    expect(d.winter_over_summer).toBeGreaterThan(1.2);
    expect(d.weekend_share).toBeLessThan(0.1);
    expect(d.leicester_over_rutland).toBeGreaterThan(4);
    expect(d.present_rate).toBeGreaterThan(0.65);
    expect(d.present_rate).toBeLessThan(0.9);
    expect(d.needs_recorded).toBe(1);
    expect(d.older_share).toBeGreaterThan(0.4);

    // Paired completion: of baselines, how many have a later response for the same instrument.
    const paired = await one<{
      share: number;
    }>(`select avg((exists (select 1 from measure_response l where l.referral_id = b.referral_id
        and l.instrument_code = b.instrument_code and l.time_point <> 'baseline'))::int)::float8 as share
      from measure_response b where b.time_point = 'baseline'`);
    expect(paired.share).toBeGreaterThan(0.4);
    expect(paired.share).toBeLessThan(0.6);

    // Most people's wellbeing improves between baseline and exit, and some people's gets worse.
    const change = await one<{ better: number; worse: number }>(`select
        count(*) filter (where (e.scores->>'raw')::int > (b.scores->>'raw')::int)::int as better,
        count(*) filter (where (e.scores->>'raw')::int < (b.scores->>'raw')::int)::int as worse
      from measure_response e join measure_response b on b.referral_id = e.referral_id and b.instrument_code = e.instrument_code
      where e.instrument_code = 'swemwbs' and e.time_point = 'exit' and b.time_point = 'baseline'`);
    expect(change.better).toBeGreaterThan(change.worse * 2);
    expect(change.worse).toBeGreaterThan(0);

    // Some people's attendance fades: their present rate in their first three sessions beats the rest.
    const fade = await one<{
      early: number;
      late: number;
    }>(`select avg((status = 'present')::int) filter (where n <= 3)::float8 as early,
        avg((status = 'present')::int) filter (where n > 6)::float8 as late
      from (select a.status, row_number() over (partition by a.referral_id order by s.session_date) as n
        from attendance a join activity_session s on s.id = a.session_id) x`);
    expect(fade.early).toBeGreaterThan(fade.late);
  });

  it("is deterministic for a seed and differs between seeds", async () => {
    await generate(testDb(), { scale: smoke, seed: 7, asOf: AS_OF });
    const first = await fingerprint();
    await emptyGeneratedTables();
    await generate(testDb(), { scale: smoke, seed: 7, asOf: AS_OF });
    expect(await fingerprint()).toEqual(first);
    await emptyGeneratedTables();
    await generate(testDb(), { scale: smoke, seed: 8, asOf: AS_OF });
    const other = await fingerprint();
    expect(other.person).not.toBe(first.person);
    expect(other.attendance).not.toBe(first.attendance);
  });

  it("refuses a database that already holds people", async () => {
    await generate(testDb(), { scale: smoke, seed: 1, asOf: AS_OF });
    await expect(generate(testDb(), { scale: smoke, seed: 1, asOf: AS_OF })).rejects.toThrow(/already holds people/);
  });
});

/** Empties what the generator writes, restarting sequences, as a fresh database would be. */
async function emptyGeneratedTables() {
  const tables = [...GENERATED_TABLES, "measure_schedule"].map((t) => sql.id(t));
  await sql`truncate ${sql.join(tables)} restart identity cascade`.execute(testDb());
}
