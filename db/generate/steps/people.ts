import { ethnicityCodes } from "../../../app/people/equality";
import type { GenContext } from "../context";
import { lit, textArray, weightedBy } from "../random-sql";
import { familyNameSql, givenNameSql } from "../names-sql";
import { postcodeLetters, preferredNames, streetKinds, streetNames } from "../vocabulary";

/** Rough shares for an East Midlands caseload; codes the app does not know are left out. */
const ethnicityWeights: Record<string, number> = {
  white_british: 70,
  asian_indian: 9,
  white_other: 4,
  not_stated: 4,
  black_african: 2.5,
  asian_pakistani: 2,
  black_caribbean: 1.5,
  white_irish: 1,
  asian_other: 1,
  mixed_white_black_caribbean: 1,
  other_any: 0.8,
  asian_bangladeshi: 0.7,
  mixed_other: 0.6,
  asian_chinese: 0.5,
};

const communicationNeeds = [
  "Hard of hearing: face them and speak clearly",
  "Uses British Sign Language",
  "Prefers Gujarati; a family member can interpret",
  "Prefers Polish",
  "Large print letters, please",
  "Prefers Punjabi",
];
const accessNeeds = [
  "Uses a walking frame",
  "Wheelchair user",
  "Housebound",
  "Needs a seat near the door",
  "Partially sighted",
];

/** Nine-digit NHS number stems in the 999 test range whose Modulus 11 check digit exists, with that digit. */
async function nhsNumbers(g: GenContext, needed: number): Promise<void> {
  const span = Math.min(1_000_000, Math.ceil(needed * 1.2) + 100);
  const total = Array.from({ length: 9 }, (_, i) => `((n9 / ${10 ** (8 - i)}) % 10) * ${10 - i}`).join(" + ");
  await g.run(
    "gen_nhs",
    `create temp table gen_nhs on commit drop as
    with stems as (select 999000000::int8 + p as n9 from generate_series(0, ${span - 1}) p),
    checked as (select n9, (11 - (${total}) % 11) % 11 as check_digit from stems)
    select row_number() over (order by ${g.r.u("nhs.order", "n9")}, n9) as k, n9::text || check_digit::text as nhs_number
    from checked where check_digit <> 10`,
  );
  await g.run("gen_nhs index", "create unique index on gen_nhs (k)");
}

/** People (with a care team member and consents), created when their first referral arrived. */
export async function generatePeople(g: GenContext): Promise<void> {
  const { r, scale } = g;
  await nhsNumbers(g, scale.people);
  // Nine in ten have their NHS number recorded; they take the shuffled test-range numbers in turn.
  await g.run(
    "gen_person_nhs",
    `create temp table gen_person_nhs on commit drop as
    select n, row_number() over (order by n) as k from gen_person where ${r.chance("person.has_nhs", "n", 0.9)}`,
  );
  await g.run(
    "gen_person_first",
    `create temp table gen_person_first on commit drop as
    select distinct on (person_n) person_n, day, caseworker_n from gen_plan order by person_n, r`,
  );

  const n = "p.n";
  const sex = r.weighted("person.sex", n, [
    ["'female'", 58],
    ["'male'", 40],
    ["'not_known'", 1],
    ["'not_stated'", 1],
  ]);
  const older = r.chance("person.older", n, 0.55);
  const age = `case when ${older} then least(99, greatest(65, round(76 + 7 * ${r.normal("person.age", n)}))) else 18 + ${r.int("person.age_young", n, 47)} end`;
  const known = Object.entries(ethnicityWeights).filter(([c]) => (ethnicityCodes as readonly string[]).includes(c));
  const ethnicity = r.weighted(
    "person.ethnicity",
    n,
    known.map(([c, w]) => [lit(c), w] as const),
  );
  const imd = weightedBy(r.u("person.imd", n), [
    ["null", 5],
    ...[14, 13, 12, 11, 10, 9, 8, 8, 8, 7].map((w, i) => [String(i + 1), w] as const),
  ]);
  const preferred = `case when ${r.chance("person.preferred", n, 0.5)} then (${jsonMap(preferredNames)} ->> nm.given) end`;
  const contact = r.weighted("person.contact", n, [
    ["'phone'", 60],
    ["'text'", 15],
    ["'email'", 10],
    ["'post'", 10],
    ["'visit'", 5],
  ]);
  const created = `((f.day + time '09:00' + ${r.u("person.created", n)} * interval '8 hours')::timestamp at time zone 'Europe/London' - interval '20 minutes')`;
  const letters = (stream: string) =>
    `substr(${lit(postcodeLetters)}, 1 + ${r.int(stream, n, postcodeLetters.length)}, 1)`;

  await g.run(
    "person",
    `insert into person (id, given_name, family_name, preferred_name, date_of_birth, nhs_number, address_line1, town, postcode,
      district_code, phone, email, preferred_contact, communication_needs, access_needs, gp_practice, sex, ethnicity, imd_decile, imd_quintile,
      lawful_basis, created_by, created_at, updated_at, version, record_key)
    select p.id, nm.given, nm.family, ${preferred}, ${g.date(g.asOf)} - (x.age * 365.25)::int - ${r.int("person.birthday", n, 365)},
      nhs.nhs_number,
      (1 + ${r.int("person.house", n, 150)}) || ' ' || (${textArray(streetNames)})[1 + ${r.int("person.street", n, streetNames.length)}] || ' '
        || (${textArray(streetKinds)})[1 + ${r.int("person.streetkind", n, streetKinds.length)}],
      ${g.placeCase("p.district_code", "towns", r.u("person.town", n))},
      ${g.placeCase("p.district_code", "postcodes", r.u("person.postcode", n))} || ' ' || ${r.int("person.sector", n, 10)} || ${letters("person.unit1")} || ${letters("person.unit2")},
      p.district_code, '07700 900' || lpad((p.n % 1000)::text, 3, '0'),
      case when x.has_email then lower(nm.given || '.' || nm.family) || (p.n % 100) || '@example.com' end,
      case when x.contact = 'email' and not x.has_email then 'phone' else x.contact end,
      case when ${r.chance("person.communication", n, 0.06)} then (${textArray(communicationNeeds)})[1 + ${r.int("person.communication_kind", n, communicationNeeds.length)}] end,
      case when x.age >= 65 and ${r.chance("person.access", n, 0.15)} then (${textArray(accessNeeds)})[1 + ${r.int("person.access_kind", n, accessNeeds.length)}] end,
      ${g.placeCase("p.district_code", "towns", r.u("person.gp_town", n))} || ' ' || (array['Medical Centre','Health Centre','Surgery','Medical Practice'])[1 + ${r.int("person.gp", n, 4)}],
      x.sex, ${ethnicity}, x.imd, (x.imd + 1) / 2, 'direct_care', ${r.uuid("user", "f.caseworker_n")}, ${created}, ${created}, 1,
      ${r.int("person.record_key", n, 256)}
    from gen_person p
    join gen_person_first f on f.person_n = p.n
    left join gen_person_nhs pn on pn.n = p.n
    left join gen_nhs nhs on nhs.k = pn.k
    cross join lateral (select ${sex} as sex, ${age} as age, ${imd} as imd, ${contact} as contact, ${r.chance("person.email", n, 0.35)} as has_email) x
    cross join lateral (select ${givenNameSql(r, "person.given", n, "x.sex")} as given, ${familyNameSql(r, "person.family", n)} as family) nm`,
  );

  await g.run(
    "care_team_member",
    `insert into care_team_member (person_id, user_id, added_at)
    select p.id, ${r.uuid("user", "f.caseworker_n")}, pe.created_at
    from gen_person p join gen_person_first f on f.person_n = p.n join person pe on pe.id = p.id`,
  );

  // Consent rows as recorded at the first meeting: sharing with the GP asked of everyone, the others of some.
  await g.run(
    "person_consent",
    `insert into person_consent (id, person_id, kind, given, recorded_by, recorded_at)
    select ${r.uuid("consent", "p.n * 4 + c.k")}, p.id, c.kind, ${r.u("consent.given", "p.n * 4 + c.k")} < c.p_given,
      ${r.uuid("user", "f.caseworker_n")}, pe.created_at + interval '5 minutes'
    from gen_person p join gen_person_first f on f.person_n = p.n join person pe on pe.id = p.id
    cross join (values (1, 'share_with_gp', 1.0, 0.88), (2, 'volunteer_contact', 0.6, 0.75), (3, 'quote_in_reports', 0.2, 0.6)) c(k, kind, p_asked, p_given)
    where ${r.u("consent.asked", "p.n * 4 + c.k")} < c.p_asked`,
  );
}

function jsonMap(map: Record<string, string>): string {
  return `${lit(JSON.stringify(map))}::jsonb`;
}
