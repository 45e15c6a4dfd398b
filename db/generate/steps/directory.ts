import { accessibilityFeatures, transportOptions } from "../../../app/directory/options";
import type { GenContext } from "../context";
import { apportion } from "../context";
import { lit, textArray, weightedBy } from "../random-sql";
import { insertUsers } from "./staff";
import { activityKinds, providerStems, streetKinds, streetNames } from "../vocabulary";

/** How often each category appears in a directory (community groups and exercise dominate real ones). */
const categoryWeights: [string, number][] = [
  ["befriending", 12],
  ["physical_activity", 18],
  ["arts_crafts", 14],
  ["community_group", 20],
  ["community_event", 4],
  ["walking_running", 10],
  ["transport", 3],
  ["advice", 8],
  ["carers", 6],
  ["bereavement", 5],
];
/** Services people are pointed to rather than referred into: nobody is put on their register. */
const SIGNPOST_CATEGORIES = ["transport", "advice"];

/**
 * Providers, activities with weekly schedules (one to three sessions a week, so the session count lands on the
 * scale's target), and their leads. Every district gets at least one activity taking direct referrals.
 */
export async function generateDirectory(g: GenContext): Promise<void> {
  const { r, scale, districts } = g;
  const A = scale.activities;
  if (A < districts.length)
    throw new Error(`The ${scale.name} scale needs at least one activity per district (${districts.length})`);
  const perDistrict = apportion(
    A,
    districts.map((d) => d.population),
    1,
  );
  let lo = 1;
  const blocks = districts.map((d, i) => {
    const row = `(${lit(d.code)}, ${lo}, ${perDistrict[i]})`;
    lo += perDistrict[i];
    return row;
  });
  const perWeek = scale.sessions / (A * g.weeks);
  const category = weightedBy(
    r.u("activity.category", "a"),
    categoryWeights.map(([c, w]) => [lit(c), w] as const),
  );
  const f = `least(3, greatest(1, floor(${perWeek} + ${r.u("activity.freq", "a")})))::int`;
  const leads = Math.max(1, Math.ceil(A * 0.6));

  await g.run(
    "gen_activity",
    `create temp table gen_activity on commit drop as
    with base as (
      select a, b.code as district_code, a - b.lo as d_idx, ${category} as category, ${f} as f
      from (values ${blocks.join(",")}) as b(code, lo, cnt), generate_series(b.lo, b.lo + b.cnt - 1) a
    ), coded as (
      select a, district_code, d_idx, f,
        case when d_idx = 0 and category in (${SIGNPOST_CATEGORIES.map(lit).join(",")}) then 'community_group' else category end as category
      from base
    ), timed as (
      select *, case when category in (${SIGNPOST_CATEGORIES.map(lit).join(",")}) then 'signpost' else 'direct' end as mode,
        case f when 1 then array[1 + ${r.int("activity.wd", "a", 6)}]
               when 2 then array[1 + ${r.int("activity.wd", "a", 3)}, 4 + ${r.int("activity.wd", "a", 3)}]
               else array[1 + ${r.int("activity.wd", "a", 2)}, 3 + ${r.int("activity.wd", "a", 2)}, 5 + ${r.int("activity.wd", "a", 2)}] end as wd,
        ${r.weighted("activity.start", "a", [
          ["time '10:00'", 45],
          ["time '13:30'", 30],
          ["time '18:30'", 15],
          ["time '09:30'", 10],
        ])} as start_time,
        ${r.weighted("activity.length", "a", [
          ["interval '60 minutes'", 40],
          ["interval '90 minutes'", 35],
          ["interval '120 minutes'", 25],
        ])} as length
      from coded
    )
    select a, ${r.uuid("activity", "a")} as id, district_code, d_idx, category, mode, f, wd, start_time, (start_time + length)::time as end_time,
      (a - 1) / 4 + 1 as provider_n, ${leads} * (a - 1) / ${A} + 1 as lead_n,
      f * ${g.weeks} as total,
      sum(f * ${g.weeks}) over (order by a) - f * ${g.weeks} as base,
      f * ((${g.date(g.asOf)} - ${g.date(g.monday0)}) / 7) + (case when wd[1] < extract(isodow from ${g.date(g.asOf)}) then 1 else 0 end)
        + (case when wd[2] < extract(isodow from ${g.date(g.asOf)}) then 1 else 0 end)
        + (case when wd[3] < extract(isodow from ${g.date(g.asOf)}) then 1 else 0 end) as held
    from timed`,
  );
  await g.run("gen_activity index", "create unique index on gen_activity (a)");

  // Leads: one account per one or two neighbouring activities, in the district of the first.
  await insertUsers(
    g,
    `select 1000000 + lead_n as n, ${r.uuid("lead", "lead_n")} as id, 'activity_lead' as role, min(district_code) as district_code
    from gen_activity group by lead_n`,
    "app_user (activity leads)",
  );

  const town = g.placeCase("a.district_code", "towns", r.u("activity.town", "a.a"));
  const kindArms = Object.entries(activityKinds).map(
    ([c, stems]) => `when ${lit(c)} then (${textArray(stems)})[1 + ${r.int("activity.stem", "a.a", stems.length)}]`,
  );
  const stem = `(case a.category ${kindArms.join(" ")} end)`;
  const since = `(${g.date(g.monday0)}::timestamp at time zone 'Europe/London')`;

  await g.run(
    "provider",
    `insert into provider (id, name, kind, description, email, phone, website, created_at, updated_at, version)
    select ${r.uuid("provider", "p.n")}, town || ' ' || (${textArray(providerStems)})[1 + p.n % ${providerStems.length}],
      ${r.weighted("provider.kind", "p.n", [
        ["'charity'", 40],
        ["'community_group'", 20],
        ["'social_enterprise'", 12],
        ["'council'", 10],
        ["'befriending_scheme'", 8],
        ["'nhs'", 5],
        ["'transport'", 3],
        ["'parkrun'", 2],
      ])},
      'A local organisation running activities for adults in ' || town || '.', 'hello.' || p.n || '@provider.example.org',
      '0116 496 0' || lpad((p.n % 1000)::text, 3, '0'), 'https://provider-' || p.n || '.example.org', ${since}, ${since}, 1
    from (select distinct on (provider_n) provider_n as n, a, district_code from gen_activity order by provider_n, a) p
    cross join lateral (select ${g.placeCase("p.district_code", "towns", r.u("provider.town", "p.n"))} as town) t`,
  );

  const accessibility = Object.keys(accessibilityFeatures);
  const transport = Object.keys(transportOptions);
  const subset = (codes: string[], stream: string, p: number) =>
    `array(select c from unnest(${textArray(codes)}) with ordinality as t(c, i) where ${r.u(stream, "a.a * 16 + i")} < ${p} order by i)`;
  await g.run(
    "activity",
    `insert into activity (id, provider_id, name, description, category_code, format, address, postcode, district_code,
      capacity, cost, free, accessibility, min_age, max_age, transport, transport_zones, referral_mode, contact_name, contact_phone,
      contact_email, last_checked_on, status, created_at, updated_at, version)
    select a.id, ${r.uuid("provider", "a.provider_n")}, nm.town || ' ' || nm.stem, 'A friendly ' || lower(nm.stem) || ' for adults in ' || nm.town || '.',
      a.category, case when a.category = 'community_event' then 'event' else 'group' end,
      (1 + ${r.int("activity.house", "a.a", 200)}) || ' ' || (${textArray(streetNames)})[1 + ${r.int("activity.street", "a.a", streetNames.length)}] || ' '
        || (${textArray(streetKinds)})[1 + ${r.int("activity.streetkind", "a.a", streetKinds.length)}],
      ${g.placeCase("a.district_code", "postcodes", r.u("activity.postcode", "a.a"))} || ' ' || ${r.int("activity.sector", "a.a", 10)} || 'AA',
      a.district_code, 12 + ${r.int("activity.capacity", "a.a", 29)},
      case when ${r.chance("activity.free", "a.a", 0.75)} then null else '£' || (2 + ${r.int("activity.cost", "a.a", 3)}) || ' a session' end,
      ${r.chance("activity.free", "a.a", 0.75)},
      ${subset(accessibility, "activity.access", 0.35)},
      case when ${r.chance("activity.older", "a.a", 0.3)} then 50 else 18 end, null,
      ${subset(transport, "activity.transport", 0.3)}, '{}',
      a.mode, 'Activity lead', '0116 496 0' || lpad((a.a % 1000)::text, 3, '0'), 'activity.' || a.a || '@provider.example.org',
      ${g.date(g.asOf)} - ${r.int("activity.checked", "a.a", 240)}, 'active', ${since}, ${since}, 1
    from gen_activity a cross join lateral (select ${town} as town, ${stem} as stem) nm`,
  );

  await g.run(
    "activity_schedule",
    `insert into activity_schedule (id, activity_id, weekday, start_time, end_time, valid_from)
    select ${r.uuid("schedule", "a.a * 4 + s")}, a.id, a.wd[s], a.start_time, a.end_time, ${g.date(g.monday0)}
    from gen_activity a, generate_series(1, a.f) s`,
  );
  await g.run(
    "activity_lead",
    `insert into activity_lead (activity_id, user_id) select id, ${r.uuid("lead", "lead_n")} from gen_activity`,
  );
}
