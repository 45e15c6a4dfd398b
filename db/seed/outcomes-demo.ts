import { sql, type Insertable, type Transaction } from "kysely";
import { ensureSessions } from "../../app/attendance/sessions.server";
import { addDays, daysBetween, londonDate } from "../../app/calendar";
import { getInstrument, scoreResponse } from "../../app/measures/scoring";
import type { DB } from "../types";
import type { DemoDirectory } from "./people";
import type { DemoUserIds } from "./users";

// A year and more of the service at work, so the outcome dashboard has something to show: about a thousand clearly
// fictional people (every family name starts "Demo-") across the districts, ages, sexes, ethnic groups and
// deprivation quintiles, referred from every source to the demo directory's activities, some signposted, some
// declined with reasons, attending weekly sessions or befriending calls, and measured with UCLA-3, SWEMWBS, ONS4
// and the ONS direct question at a baseline and six or more weeks later, scored by the real engine. Chatter Chairs
// grows from about 5 to about 40 a session over the year, registered people and drop-ins together.
//
// Everyone here is on the caseload of demo colleagues who cannot sign in, never on the demo prescriber's or
// coordinator's, so the journeys the other demo accounts walk through stay as they were. Registers are filled only
// for sessions more than two weeks ago: the latest sessions are left for the activity lead to take.
//
// Deterministic: one seeded generator draws everything, in a fixed order, and ids are drawn from it too. Rows are
// built in memory and written in a few multi-row inserts per table, which keeps `npm start` fast on PGlite.

/** mulberry32: a small, fast, seedable generator of uniform numbers in [0, 1). */
function generator(seed: number) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(u() * (hi - lo + 1));
  const hex = (n: number) =>
    Array.from({ length: n }, () =>
      Math.floor(u() * 16)
        .toString(16)
        .slice(0, 1),
    ).join("");
  return {
    u,
    int,
    chance: (p: number) => u() < p,
    pick: <T>(values: readonly T[]): T => values[Math.floor(u() * values.length)],
    weighted<T>(choices: readonly (readonly [T, number])[]): T {
      const total = choices.reduce((s, [, w]) => s + w, 0);
      let draw = u() * total;
      for (const [value, w] of choices) {
        draw -= w;
        if (draw < 0) return value;
      }
      return choices[choices.length - 1][0];
    },
    /** Standard normal (Box–Muller). */
    normal: () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u()),
    /** A version 4 UUID from the generator, so ids are the same on every run. */
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(0, 3)]}${hex(3)}-${hex(12)}`,
  };
}
type Random = ReturnType<typeof generator>;

const SEED = 20261129;
/**
 * Days of history: more than 13 months, so "the last 12 whole months" is full whatever today's date. The small set
 * covers the last five months: the summaries' work grows with the periods the data falls in as well as its size.
 */
const SPAN = { full: 400, small: 150 } as const;
/** People; about one in seven is referred twice. */
export const DEMO_OUTCOME_PEOPLE = { full: 700, small: 120 } as const;
/** Registers more recent than this are left untaken, for the activity lead's own journey. */
const REGISTERS_UNTIL_DAYS_AGO = 15;

interface Place {
  town: string;
  postcode: string;
}
const districts: Record<string, { weight: number; places: Place[]; deprived: number }> = {
  leicester: {
    weight: 17,
    places: [
      { town: "Leicester", postcode: "LE1" },
      { town: "Leicester", postcode: "LE3" },
      { town: "Leicester", postcode: "LE4" },
      { town: "Leicester", postcode: "LE5" },
    ],
    deprived: 0.7,
  },
  charnwood: {
    weight: 11,
    places: [
      { town: "Loughborough", postcode: "LE11" },
      { town: "Shepshed", postcode: "LE12" },
      { town: "Syston", postcode: "LE7" },
    ],
    deprived: 0.4,
  },
  hinckley_bosworth: {
    weight: 16,
    places: [
      { town: "Hinckley", postcode: "LE10" },
      { town: "Earl Shilton", postcode: "LE9" },
      { town: "Market Bosworth", postcode: "CV13" },
    ],
    deprived: 0.4,
  },
  melton: {
    weight: 30,
    places: [
      { town: "Melton Mowbray", postcode: "LE13" },
      { town: "Asfordby", postcode: "LE14" },
    ],
    deprived: 0.35,
  },
  harborough: {
    weight: 8,
    places: [
      { town: "Market Harborough", postcode: "LE16" },
      { town: "Lutterworth", postcode: "LE17" },
    ],
    deprived: 0.15,
  },
  nw_leicestershire: {
    weight: 9,
    places: [
      { town: "Coalville", postcode: "LE67" },
      { town: "Ashby-de-la-Zouch", postcode: "LE65" },
    ],
    deprived: 0.45,
  },
  blaby: {
    weight: 9,
    places: [
      { town: "Enderby", postcode: "LE19" },
      { town: "Narborough", postcode: "LE19" },
      { town: "Blaby", postcode: "LE8" },
    ],
    deprived: 0.25,
  },
  oadby_wigston: {
    weight: 7,
    places: [
      { town: "Oadby", postcode: "LE2" },
      { town: "Wigston", postcode: "LE18" },
    ],
    deprived: 0.3,
  },
  rutland: {
    weight: 6,
    places: [
      { town: "Oakham", postcode: "LE15" },
      { town: "Uppingham", postcode: "LE15" },
    ],
    deprived: 0.1,
  },
};

// Colleagues whose caseloads these people are on. They cannot sign in: their password hash is not a hash.
const staff = [
  ...Object.keys(districts).map((district) => ({
    key: `prescriber:${district}`,
    role: "prescriber" as const,
    district,
    email: `linkworker.${district.replace(/_/g, "-")}@demo.connectwell.example`,
  })),
  {
    key: "coordinator:east",
    role: "coordinator" as const,
    district: "melton",
    email: "lac.east@demo.connectwell.example",
  },
  {
    key: "coordinator:west",
    role: "coordinator" as const,
    district: "nw_leicestershire",
    email: "lac.west@demo.connectwell.example",
  },
  {
    key: "coordinator:city",
    role: "coordinator" as const,
    district: "leicester",
    email: "lac.city@demo.connectwell.example",
  },
];
const staffNames = [
  "Jo Demo-Archer",
  "Sam Demo-Bennett",
  "Nadia Demo-Choudhury",
  "Owen Demo-Dale",
  "Ruth Demo-Ellis",
  "Imran Demo-Farooq",
  "Kate Demo-Gregory",
  "Tom Demo-Harding",
  "Leah Demo-Irving",
  "Mark Demo-Jennings",
  "Anita Demo-Kaur",
  "Ben Demo-Lowe",
];
const coordinatorFor = (district: string) =>
  ["melton", "rutland", "harborough"].includes(district)
    ? "coordinator:east"
    : ["leicester", "oadby_wigston", "blaby"].includes(district)
      ? "coordinator:city"
      : "coordinator:west";

// Names not used elsewhere in the demo or by the browser journeys, so searches and duplicate checks there find
// only what they expect.
const femaleNames = [
  "Alice",
  "Audrey",
  "Barbara",
  "Beryl",
  "Carol",
  "Christine",
  "Dorothy",
  "Elaine",
  "Elsie",
  "Enid",
  "Evelyn",
  "Frances",
  "Gillian",
  "Gladys",
  "Hazel",
  "Irene",
  "Janet",
  "Jean",
  "Josephine",
  "Kathleen",
  "Lilian",
  "Linda",
  "Marion",
  "Maureen",
  "Mavis",
  "Mildred",
  "Muriel",
  "Nora",
  "Olive",
  "Pamela",
  "Pauline",
  "Phyllis",
  "Rita",
  "Rosemary",
  "Shirley",
  "Susan",
  "Valerie",
  "Vera",
  "Wendy",
  "Yvonne",
  "Amrit",
  "Harjit",
  "Kamala",
  "Meena",
  "Nasreen",
  "Parveen",
  "Rukhsana",
  "Shanti",
  "Grace",
  "Comfort",
  "Abena",
  "Hyacinth",
  "Mei",
  "Zofia",
  "Fatima",
] as const;
const maleNames = [
  "Albert",
  "Alan",
  "Bernard",
  "Brian",
  "Cyril",
  "Clifford",
  "Derek",
  "Donald",
  "Eric",
  "Ernest",
  "Frank",
  "Geoffrey",
  "George",
  "Gordon",
  "Graham",
  "Howard",
  "Ivan",
  "Keith",
  "Leonard",
  "Leslie",
  "Malcolm",
  "Maurice",
  "Neville",
  "Peter",
  "Ralph",
  "Roger",
  "Ronald",
  "Stanley",
  "Terence",
  "Trevor",
  "Victor",
  "Walter",
  "Wilfred",
  "Ashok",
  "Balvinder",
  "Gurdev",
  "Jagdish",
  "Mohammed",
  "Pradeep",
  "Rajesh",
  "Tariq",
  "Winston",
  "Kwame",
  "Desmond",
  "Tadeusz",
  "Wei",
] as const;
const familyNames = [
  "Abbott",
  "Bradshaw",
  "Carrington",
  "Dawson",
  "Eastwood",
  "Fenwick",
  "Gilbert",
  "Hargreaves",
  "Ingram",
  "Jarvis",
  "Kirby",
  "Lambert",
  "Mortimer",
  "Newbold",
  "Ormsby",
  "Pemberton",
  "Quarmby",
  "Radford",
  "Sutcliffe",
  "Thornton",
  "Underwood",
  "Vickers",
  "Walmsley",
  "Yardley",
  "Atwal",
  "Bhatt",
  "Chauhan",
  "Desai",
  "Gill",
  "Hussain",
  "Khan",
  "Mistry",
  "Parmar",
  "Rahman",
  "Sandhu",
  "Thakrar",
  "Adeyemi",
  "Boateng",
  "Campbell",
  "Mensah",
  "Okonkwo",
  "Kowalski",
  "Nowak",
  "Chen",
  "Byrne",
  "Doyle",
  "Merriman",
  "Tolliver",
  "Ashworth",
  "Blackwell",
  "Cropper",
  "Dunmore",
  "Everitt",
  "Foxton",
  "Gresley",
  "Hollins",
  "Keeling",
  "Langton",
  "Midgley",
  "Norcross",
] as const;

// ONS high-level groups by area: Leicester's population is far more mixed than the county's.
const ethnicityCity: (readonly [string, number])[] = [
  ["white_british", 36],
  ["white_other", 4],
  ["asian_indian", 30],
  ["asian_pakistani", 3],
  ["asian_bangladeshi", 1],
  ["asian_other", 4],
  ["black_african", 5],
  ["black_caribbean", 2],
  ["mixed_white_black_caribbean", 2],
  ["mixed_white_asian", 2],
  ["other_arab", 1],
  ["other_any", 2],
  ["not_stated", 6],
];
const ethnicityCounty: (readonly [string, number])[] = [
  ["white_british", 82],
  ["white_irish", 2],
  ["white_other", 4],
  ["asian_indian", 4],
  ["asian_other", 1],
  ["black_african", 1],
  ["black_caribbean", 1],
  ["mixed_white_black_caribbean", 1],
  ["mixed_other", 1],
  ["other_any", 1],
  ["not_stated", 3],
];

const needsWeights: (readonly [string, number])[] = [
  ["loneliness", 40],
  ["social_isolation", 30],
  ["bereavement", 12],
  ["low_mood", 18],
  ["anxiety", 12],
  ["physical_inactivity", 14],
  ["carer_strain", 7],
  ["long_term_condition", 14],
  ["money_worries", 8],
  ["housing", 4],
];
const barrierWeights: (readonly [string, number])[] = [
  ["transport", 30],
  ["mobility", 18],
  ["cost", 8],
  ["confidence", 20],
  ["language", 5],
  ["caring_responsibilities", 6],
  ["sensory", 7],
  ["digital", 6],
];

const providerDeclines = [
  "The group is full this term",
  "Needs are better met by another service",
  "Lives outside the area the scheme covers",
  "Needs a women-only group",
];
const personDeclines = ["Changed their mind", "Health got worse", "Could not get there", "Found another group"];

const quotes = [
  "Coming here gives my week a shape. I'd forgotten what it was like to laugh with people.",
  "The phone call on a Tuesday is something I look forward to all week.",
  "I was nervous the first time, but everyone made me feel welcome.",
  "I've made two friends and we meet for coffee now, even outside the group.",
  "I feel stronger on my legs and I'm not so frightened of going out.",
  "Since my husband died I hardly spoke to anyone. Now I have somewhere to be.",
  "It got me out of the house when I had stopped going anywhere.",
  "The bus picks me up at the door, which made all the difference.",
];

type Status = "received" | "contacted" | "accepted" | "declined" | "attending" | "ended";
type EndReason = "completed" | "disengaged" | "moved_away" | "died" | "other";

interface PlannedPerson {
  id: string;
  district: string;
  sex: "female" | "male" | "not_stated";
  dob: string;
  caseworker: { prescriber: string; coordinator: string };
}

interface PlannedReferral {
  id: string;
  person: PlannedPerson;
  activity: ActivityName | null;
  kind: "direct" | "signpost";
  source: "prescriber" | "coordinator" | "gp_practice" | "self" | "other";
  caseworker: string;
  received: string;
  needs: string[];
  barriers: string[];
  status: Status;
  events: { to: Status; on: string; actor: string | null; reason?: string }[];
  contactedOn: string | null;
  respondedOn: string | null;
  firstAttendedOn: string | null;
  endedOn: string | null;
  endReason: EndReason | null;
  declinedBy: "person" | "provider" | null;
  declineReason: string | null;
}

type ActivityName =
  | "Surgery befriending calls"
  | "Chatter Chairs seated exercise"
  | "Gather Create Grow craft club"
  | "Hinckley parkrun"
  | "Harborough community wellbeing event"
  | "Fox Connect on-demand bus";

const GROUPS: ActivityName[] = ["Chatter Chairs seated exercise", "Gather Create Grow craft club"];

/**
 * Writes rows in a few statements: each batch travels as one JSON parameter that PostgreSQL turns into rows of the
 * table's own type (`jsonb_populate_recordset`), which on the embedded database is several times faster than
 * thousands of bound parameters. Only the columns the rows name are written, so defaults apply to the rest. JSON
 * columns take objects, not strings.
 */
async function insertAll<T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
  batch = 2000,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]).map((c) => sql.id(c)));
  for (let i = 0; i < rows.length; i += batch) {
    const json = JSON.stringify(rows.slice(i, i + batch));
    await sql`insert into ${sql.table(table)} (${columns})
      select ${columns} from jsonb_populate_recordset(null::${sql.table(table)}, ${json}::jsonb)`.execute(trx);
  }
}

/** The instant of a London working-day time on a date, as a Date (UTC offsets ignored: an hour either way is fine). */
function at(date: string, r: Random): Date {
  return new Date(`${date}T${String(r.int(9, 16)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}:00Z`);
}

/** Answers to a summed instrument whose items add up to `total`, spread as evenly as the options allow. */
function answersForTotal(code: string, total: number, rotate: number): Record<string, number> {
  const instrument = getInstrument(code);
  const n = instrument.items.length;
  const lo = instrument.items[0].options[0].value;
  const hi = instrument.items[0].options[instrument.items[0].options.length - 1].value;
  const clamped = Math.max(lo * n, Math.min(hi * n, total));
  // Item i gets floor((total + k_i) / n) for a rotation k: the parts add up to the total exactly.
  return Object.fromEntries(
    instrument.items.map((item, i) => [item.id, Math.floor((clamped + ((i + rotate) % n)) / n)]),
  );
}

const clamp = (lo: number, hi: number, v: number) => Math.max(lo, Math.min(hi, Math.round(v)));

/** The first weekday (1 = Monday … 7 = Sunday) in `days` on or after a date. */
function nextWeekday(from: string, days: number[]): string {
  for (let i = 0; i < 8; i++) {
    const d = addDays(from, i);
    const wd = ((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (days.includes(wd)) return d;
  }
  return from;
}

/** A valid 999-range NHS number (never issued to patients) from a serial, or null when its check digit is 10. */
function testNhsNumber(serial: number): string | null {
  const nine = `999${String(serial).padStart(6, "0")}`;
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return `${nine}${check === 11 ? 0 : check}`;
}

/**
 * Adds the outcome demo data. Takes the demo users and directory the rest of the seed made; `today` (London date,
 * YYYY-MM-DD) fixes where the history ends; `size` "small" writes about a sixth as many people over five
 * months (the browser tests' server, which must start quickly). Returns how many people and referrals it wrote.
 */
export async function seedOutcomesDemo(
  trx: Transaction<DB>,
  users: DemoUserIds,
  directory: DemoDirectory,
  options: { today?: string; size?: keyof typeof DEMO_OUTCOME_PEOPLE } = {},
): Promise<{ people: number; referrals: number }> {
  const PEOPLE = DEMO_OUTCOME_PEOPLE[options.size ?? "full"];
  const SPAN_DAYS = SPAN[options.size ?? "full"];
  const r = generator(SEED);
  const today = options.today ?? londonDate(new Date());
  const start = addDays(today, -SPAN_DAYS);
  const lastRegister = addDays(today, -REGISTERS_UNTIL_DAYS_AGO);
  const yesterday = addDays(today, -1);

  // Colleagues, who cannot sign in.
  const staffIds: Record<string, string> = {};
  const staffRows = staff.map((s, i) => {
    const id = r.uuid();
    staffIds[s.key] = id;
    return {
      id,
      email: s.email,
      display_name: `${staffNames[i % staffNames.length]} (demo, no sign-in)`,
      role: s.role,
      district_code: s.district,
      password_hash: "no-sign-in",
      demo: true,
    };
  });
  await insertAll(trx, "app_user", staffRows);

  // People.
  const districtChoices = Object.entries(districts).map(([code, d]) => [code, d.weight] as const);
  const usedBirthDates = new Set(["1947-06-05", "1939-09-09", "1944-01-02", "1944-01-03", "1942-02-02", "1941-03-14"]);
  const people: PlannedPerson[] = [];
  const personRows: Insertable<DB["person"]>[] = [];
  const consentRows: Insertable<DB["person_consent"]>[] = [];
  const careTeamRows: Insertable<DB["care_team_member"]>[] = [];
  const quoteConsent: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const district = r.weighted(districtChoices);
    const d = districts[district];
    const place = r.pick(d.places);
    const sex = r.weighted([
      ["female", 57],
      ["male", 41],
      ["not_stated", 2],
    ] as const);
    const ageBand = r.weighted(
      district === "melton"
        ? ([
            [75, 58],
            [65, 20],
            [50, 12],
            [18, 10],
          ] as const)
        : ([
            [75, 40],
            [65, 26],
            [50, 19],
            [18, 15],
          ] as const),
    );
    const age =
      ageBand === 75 ? r.int(75, 94) : ageBand === 65 ? r.int(65, 74) : ageBand === 50 ? r.int(50, 64) : r.int(19, 49);
    // Age as of the middle of the span, so bands hold at referral.
    let dob = addDays(addDays(today, -SPAN_DAYS / 2), -(age * 365.25 + r.int(0, 364)));
    while (usedBirthDates.has(dob)) dob = addDays(dob, 1);
    usedBirthDates.add(dob);
    const given = sex === "male" ? r.pick(maleNames) : r.pick(femaleNames);
    const family = `Demo-${r.pick(familyNames)}`;
    const ethnicity = r.chance(0.03) ? null : r.weighted(district === "leicester" ? ethnicityCity : ethnicityCounty);
    const decile = r.chance(0.03)
      ? null
      : r.chance(d.deprived)
        ? r.int(1, 4)
        : r.chance(0.5)
          ? r.int(5, 7)
          : r.int(7, 10);
    const prescriber = staffIds[`prescriber:${district}`];
    const coordinator = staffIds[coordinatorFor(district)];
    const id = r.uuid();
    const person: PlannedPerson = { id, district, sex, dob, caseworker: { prescriber, coordinator } };
    people.push(person);
    const phone = i < 380 ? `07700 900${600 + i}` : null;
    personRows.push({
      id,
      given_name: given,
      family_name: family,
      date_of_birth: dob,
      nhs_number: r.chance(0.92) ? testNhsNumber(400_000 + i) : null,
      address_line1: `${r.int(1, 120)} Demo ${r.pick(["Street", "Road", "Close", "Lane", "Avenue"])}`,
      town: place.town,
      postcode: `${place.postcode} 0${r.pick(["D", "E", "F", "G"])}${r.pick(["X", "Y", "Z"])}`,
      district_code: district,
      phone,
      email: phone ? null : `${given.toLowerCase()}.${family.toLowerCase()}@example.com`,
      preferred_contact: phone ? "phone" : r.pick(["email", "post", "visit"] as const),
      gp_practice: `Demo ${place.town} Surgery`,
      sex,
      ethnicity,
      imd_decile: decile,
      imd_quintile: decile === null ? null : Math.ceil(decile / 2),
      lawful_basis: "direct_care",
      created_by: prescriber,
    });
    const quotable = r.chance(0.25);
    if (quotable) quoteConsent.push(id);
    consentRows.push(
      { person_id: id, kind: "volunteer_contact", given: r.chance(0.9), recorded_by: prescriber },
      { person_id: id, kind: "quote_in_reports", given: quotable, recorded_by: prescriber },
    );
  }

  // Referrals: the service grows over the year and winter brings more.
  const receivedDates: string[] = [];
  const referralPeople: PlannedPerson[] = [];
  for (const person of people) {
    let on: string;
    for (;;) {
      const t = r.u();
      const date = addDays(start, Math.floor(t * SPAN_DAYS));
      const month = Number(date.slice(5, 7));
      const density = (0.6 + 0.8 * t) * (1 + 0.25 * Math.cos((2 * Math.PI * (month - 1)) / 12));
      if (r.u() * 1.75 < density) {
        on = date;
        break;
      }
    }
    receivedDates.push(on);
    referralPeople.push(person);
    if (r.chance(0.15)) {
      const again = addDays(on, r.int(40, 160));
      if (again < today) {
        receivedDates.push(again);
        referralPeople.push(person);
      }
    }
  }

  const lead = users.activity_lead;
  const referrals: PlannedReferral[] = referralPeople.map((person, i) => {
    const received = receivedDates[i];
    const daysAgo = daysBetween(received, today);
    const ageYears = daysBetween(person.dob, received) / 365.25;
    const source = r.weighted([
      ["prescriber", 40],
      ["coordinator", 18],
      ["gp_practice", 22],
      ["self", 12],
      ["other", 8],
    ] as const);
    const caseworker =
      source === "coordinator" || source === "self" ? person.caseworker.coordinator : person.caseworker.prescriber;
    // Chatter Chairs becomes better known through the year: more of the direct referrals go there later on.
    const progress = daysBetween(start, received) / SPAN_DAYS;
    const near = ["hinckley_bosworth", "blaby"].includes(person.district)
      ? 3
      : ["melton", "rutland", "harborough"].includes(person.district)
        ? 0.3
        : 1;
    const east = ["melton", "rutland", "harborough"].includes(person.district) ? 4 : 1;
    let activity: ActivityName | null;
    let kind: "direct" | "signpost";
    if (r.chance(0.6)) {
      kind = "direct";
      activity = r.weighted<ActivityName>([
        ["Surgery befriending calls", ageYears >= 75 ? 3 : 1.5],
        ["Chatter Chairs seated exercise", ageYears >= 50 ? near * (0.3 + 1.6 * progress) : 0],
        ["Gather Create Grow craft club", 0.8 * east],
      ]);
      // The newest direct referrals go where no one is waiting on a provider's demo answer.
      if (daysAgo <= 21) activity = "Gather Create Grow craft club";
    } else {
      kind = "signpost";
      activity = r.weighted<ActivityName | null>([
        ["Hinckley parkrun", ageYears < 75 ? 1 : 0.2],
        ["Harborough community wellbeing event", 2],
        ["Fox Connect on-demand bus", 1.5],
        [null, 2],
      ]);
    }
    const needs = [...new Set(Array.from({ length: r.chance(0.6) ? 1 : 2 }, () => r.weighted(needsWeights)))];
    const barriers = [
      ...new Set(
        Array.from(
          {
            length: r.weighted([
              [0, 3],
              [1, 4],
              [2, 2],
            ] as const),
          },
          () => r.weighted(barrierWeights),
        ),
      ),
    ];

    const plan: PlannedReferral = {
      id: r.uuid(),
      person,
      activity,
      kind,
      source,
      caseworker,
      received,
      needs,
      barriers,
      status: "received",
      events: [{ to: "received", on: received, actor: caseworker }],
      contactedOn: null,
      respondedOn: null,
      firstAttendedOn: null,
      endedOn: null,
      endReason: null,
      declinedBy: null,
      declineReason: null,
    };
    const step = (to: Status, on: string, actor: string | null, reason?: string) => {
      plan.status = to;
      plan.events.push({ to, on, actor, reason });
    };
    const providerActor = activity === "Gather Create Grow craft club" ? caseworker : lead;

    const contactOn = addDays(received, r.int(1, 9));
    if (contactOn >= today) return plan;
    step("contacted", contactOn, caseworker);
    plan.contactedOn = contactOn;

    if (kind === "signpost") {
      if (r.chance(0.08)) {
        const reason = r.pick(personDeclines);
        step("declined", contactOn, caseworker, reason);
        Object.assign(plan, { declinedBy: "person", declineReason: reason });
        return plan;
      }
      const endOn = addDays(contactOn, r.int(14, 60));
      if (endOn < today) {
        step("ended", endOn, caseworker);
        Object.assign(plan, { endedOn: endOn, endReason: r.chance(0.85) ? "completed" : "disengaged" });
      }
      return plan;
    }

    const replyOn = addDays(contactOn, r.int(1, 16));
    if (replyOn >= today) return plan;
    if (r.chance(0.11)) {
      const reason = r.pick(providerDeclines);
      step("declined", replyOn, providerActor, reason);
      Object.assign(plan, { respondedOn: replyOn, declinedBy: "provider", declineReason: reason });
      return plan;
    }
    if (r.chance(0.05)) {
      const reason = r.pick(personDeclines);
      step("declined", replyOn, caseworker, reason);
      Object.assign(plan, { declinedBy: "person", declineReason: reason });
      return plan;
    }
    step("accepted", replyOn, providerActor);
    plan.respondedOn = replyOn;

    // Some never start.
    if (r.chance(0.1)) {
      const on = addDays(replyOn, r.int(7, 21));
      if (on < today) {
        const reason = r.pick(personDeclines);
        step("declined", on, caseworker, reason);
        Object.assign(plan, { declinedBy: "person", declineReason: reason });
      }
      return plan;
    }
    const first =
      activity === "Chatter Chairs seated exercise"
        ? nextWeekday(addDays(replyOn, r.int(2, 10)), [2, 4])
        : activity === "Gather Create Grow craft club"
          ? nextWeekday(addDays(replyOn, r.int(2, 10)), [3])
          : addDays(replyOn, r.int(3, 10));
    const lastRecorded = GROUPS.includes(activity!) ? lastRegister : yesterday;
    if (first > lastRecorded) return plan;
    step("attending", first, null);
    plan.firstAttendedOn = first;

    const weeks = r.chance(0.2) ? r.int(2, 6) : r.int(8, 26);
    const endOn = addDays(first, weeks * 7 + r.int(0, 6));
    if (endOn <= lastRecorded) {
      const endReason: EndReason =
        weeks <= 6
          ? "disengaged"
          : r.weighted([
              ["completed", 70],
              ["disengaged", 18],
              ["moved_away", 6],
              ["died", 2],
              ["other", 4],
            ] as const);
      step("ended", endOn, caseworker);
      Object.assign(plan, { endedOn: endOn, endReason });
    }
    return plan;
  });

  const referralRows: Insertable<DB["referral"]>[] = [];
  const eventRows: Insertable<DB["referral_event"]>[] = [];
  for (const p of referrals) {
    const times = p.events.map((e) => at(e.on, r));
    referralRows.push({
      id: p.id,
      person_id: p.person.id,
      activity_id: p.activity ? directory.activities[p.activity] : null,
      kind: p.kind,
      source: p.source,
      caseworker_id: p.caseworker,
      needs: p.needs,
      barriers: p.barriers,
      status: p.status,
      declined_by: p.declinedBy,
      decline_reason: p.declineReason,
      end_reason: p.endReason,
      received_at: times[0],
      contacted_at: p.contactedOn ? times[p.events.findIndex((e) => e.to === "contacted")] : null,
      provider_responded_at: p.respondedOn ? at(p.respondedOn, r) : null,
      first_attended_on: p.firstAttendedOn,
      ended_at: p.endedOn ? times[times.length - 1] : null,
      created_by: p.caseworker,
      created_at: times[0],
      updated_at: times[times.length - 1],
      version: p.events.length,
    });
    p.events.forEach((e, i) =>
      eventRows.push({
        referral_id: p.id,
        from_status: i === 0 ? null : p.events[i - 1].to,
        to_status: e.to,
        reason: e.reason ?? null,
        actor_id: e.actor,
        occurred_at: times[i],
      }),
    );
    careTeamRows.push({ person_id: p.person.id, user_id: p.caseworker });
  }
  const careTeam = [...new Map(careTeamRows.map((c) => [`${c.person_id}:${c.user_id}`, c])).values()];

  await insertAll(trx, "person", personRows);
  await insertAll(trx, "person_consent", consentRows);
  await insertAll(trx, "care_team_member", careTeam);
  await insertAll(trx, "referral", referralRows);
  await insertAll(trx, "referral_event", eventRows, 1000);

  // Registers of the groups, week by week, up to two weeks ago.
  const attendanceRows: Insertable<DB["attendance"]>[] = [];
  const sessionUpdates: { id: string; others: number; savedAt: Date }[] = [];
  for (const name of GROUPS) {
    const activityId = directory.activities[name];
    await ensureSessions(trx, activityId, start, lastRegister);
    const sessions = await trx
      .selectFrom("activity_session")
      .select(["id", "session_date"])
      .where("activity_id", "=", activityId)
      .where("session_date", ">=", start)
      .where("session_date", "<=", lastRegister)
      .where("status", "=", "scheduled")
      .orderBy("session_date")
      .execute();
    const members = referrals.filter((p) => p.activity === name && p.firstAttendedOn);
    for (const s of sessions) {
      const date = s.session_date;
      let present = 0;
      for (const m of members) {
        if (m.firstAttendedOn! > date || (m.endedOn && m.endedOn < date)) continue;
        const first = m.firstAttendedOn === date;
        const status = first
          ? "present"
          : r.weighted([
              ["present", 82],
              ["absent", 13],
              ["excused", 5],
            ] as const);
        if (status === "present") present += 1;
        attendanceRows.push({
          session_id: s.id,
          referral_id: m.id,
          person_id: m.person.id,
          status,
          recorded_by: name === "Chatter Chairs seated exercise" ? lead : null,
          recorded_at: at(date, r),
        });
      }
      // Chatter Chairs: about 5 a session a year ago, about 40 now, drop-ins making up the rest.
      const progress =
        Math.max(0, daysBetween(sessions[0].session_date, date)) /
        Math.max(1, daysBetween(sessions[0].session_date, lastRegister));
      const target =
        name === "Chatter Chairs seated exercise"
          ? Math.round(5 + 35 * progress + 2 * r.normal())
          : Math.round(8 + 4 * r.normal());
      sessionUpdates.push({ id: s.id, others: Math.max(0, target - present), savedAt: at(date, r) });
    }
  }
  await insertAll(trx, "attendance", attendanceRows, 1000);
  if (sessionUpdates.length > 0) {
    await sql`update activity_session s
      set status = 'held', other_attendees = v.others, register_saved_at = v.saved_at, register_version = 1
      from unnest(${sessionUpdates.map((u) => u.id)}::uuid[], ${sessionUpdates.map((u) => u.others)}::int[],
        ${sessionUpdates.map((u) => u.savedAt.toISOString())}::timestamptz[]) as v (id, others, saved_at)
      where s.id = v.id`.execute(trx);
  }

  // Befriending: a matched volunteer and a weekly call from the first one on.
  const volunteers = await trx
    .selectFrom("volunteer")
    .select(["id", "name"])
    .where("name", "in", ["Sue Demo-Volunteer", "Tom Demo-Volunteer"])
    .orderBy("name")
    .execute();
  const matchRows: Insertable<DB["befriending_match"]>[] = [];
  const callRows: Insertable<DB["befriending_call"]>[] = [];
  if (volunteers.length > 0) {
    for (const p of referrals.filter((x) => x.activity === "Surgery befriending calls" && x.firstAttendedOn)) {
      const matchId = r.uuid();
      matchRows.push({
        id: matchId,
        referral_id: p.id,
        volunteer_id: r.pick(volunteers).id,
        started_on: p.firstAttendedOn!,
        ended_on: p.endedOn,
        created_by: p.caseworker,
      });
      for (let d = p.firstAttendedOn!; d <= (p.endedOn ?? yesterday); d = addDays(d, 7)) {
        const first = d === p.firstAttendedOn;
        const outcome = first
          ? "done"
          : r.weighted([
              ["done", 86],
              ["no_answer", 9],
              ["rearranged", 5],
            ] as const);
        callRows.push({
          id: r.uuid(),
          match_id: matchId,
          call_date: d,
          outcome,
          duration_minutes: outcome === "done" ? r.int(10, 45) : null,
          recorded_by: lead,
          recorded_at: at(d, r),
        });
      }
    }
  }
  await insertAll(trx, "befriending_match", matchRows);
  await insertAll(trx, "befriending_call", callRows, 1000);

  // Measures: a baseline at first contact, a follow-up six to ten weeks into the activity, an exit at the end.
  const responseRows: Insertable<DB["measure_response"]>[] = [];
  const respond = (
    p: PlannedReferral,
    code: string,
    timePoint: "baseline" | "follow_up" | "exit",
    on: string,
    answers: Record<string, number>,
    week: number | null,
  ) => {
    const instrument = getInstrument(code);
    const scored = scoreResponse(code, answers);
    responseRows.push({
      person_id: p.person.id,
      referral_id: p.id,
      instrument_code: code,
      instrument_version: instrument.version,
      time_point: timePoint,
      follow_up_week: week,
      administered_on: on,
      mode: r.chance(0.15) ? "self" : "staff",
      // Objects: insertAll sends the rows as JSON (see there).
      answers: answers as never,
      scores: scored.scores as never,
      bands: scored.bands as never,
      recorded_by: p.caseworker,
      recorded_at: at(on, r),
    });
  };
  for (const p of referrals) {
    if (!p.contactedOn || (p.declinedBy && r.chance(0.7))) continue;
    const baselineOn = p.contactedOn;
    const attended = p.firstAttendedOn !== null;
    // How much this person gains: most who attend improve, some stay level, a few get worse.
    const gain = attended ? 1 + 0.7 * r.normal() : 0.25 + 0.6 * r.normal();
    const withOns4 = r.chance(0.55);
    const withOnsDirect = r.chance(0.4);
    const base = {
      ucla: clamp(3, 9, 6.9 + 1.4 * r.normal()),
      sw: clamp(7, 35, 19 + 4 * r.normal()),
      life: clamp(0, 10, 4.6 + 1.9 * r.normal()),
      worth: clamp(0, 10, 5.2 + 1.9 * r.normal()),
      happy: clamp(0, 10, 4.8 + 2 * r.normal()),
      anxious: clamp(0, 10, 5.6 + 2.2 * r.normal()),
      lonely: clamp(1, 5, 2.2 + 0.9 * r.normal()),
    };
    const record = (timePoint: "baseline" | "follow_up" | "exit", on: string, scale: number, week: number | null) => {
      const g = gain * scale;
      const noise = timePoint === "baseline" ? 0 : 1;
      const rot = r.int(0, 6);
      respond(
        p,
        "ucla3",
        timePoint,
        on,
        answersForTotal("ucla3", clamp(3, 9, base.ucla - 1.7 * g + noise * 0.8 * r.normal()), rot),
        week,
      );
      respond(
        p,
        "swemwbs",
        timePoint,
        on,
        answersForTotal("swemwbs", clamp(7, 35, base.sw + 3.4 * g + noise * 2.2 * r.normal()), rot),
        week,
      );
      if (withOns4)
        respond(
          p,
          "ons4",
          timePoint,
          on,
          {
            ons4_life_satisfaction: clamp(0, 10, base.life + 1.3 * g + noise * 1.2 * r.normal()),
            ons4_worthwhile: clamp(0, 10, base.worth + 1.0 * g + noise * 1.2 * r.normal()),
            ons4_happiness: clamp(0, 10, base.happy + 1.2 * g + noise * 1.4 * r.normal()),
            ons4_anxiety: clamp(0, 10, base.anxious - 1.1 * g + noise * 1.5 * r.normal()),
          },
          week,
        );
      if (withOnsDirect)
        respond(
          p,
          "ons_loneliness",
          timePoint,
          on,
          { ons_lonely: clamp(1, 5, base.lonely + 0.9 * g + noise * 0.6 * r.normal()) },
          week,
        );
    };
    record("baseline", baselineOn, 0, null);

    const until = p.endedOn ? (addDays(p.endedOn, 14) < yesterday ? addDays(p.endedOn, 14) : yesterday) : yesterday;
    const followOn = attended ? addDays(p.firstAttendedOn!, r.int(42, 70)) : addDays(baselineOn, r.int(42, 84));
    const followed = followOn <= until && r.chance(attended ? 0.9 : 0.6);
    if (followed) {
      const week = Math.max(1, Math.round(daysBetween(attended ? p.firstAttendedOn! : baselineOn, followOn) / 7));
      record("follow_up", followOn, 1, Math.min(104, week));
    }
    if (p.endReason === "completed" && p.endedOn && daysBetween(baselineOn, p.endedOn) >= 28 && r.chance(0.5))
      record("exit", p.endedOn, 1.1, null);
  }
  await insertAll(trx, "measure_response", responseRows, 500);

  // A few people's words, from people who agreed to be quoted, spread over the last nine months so that the
  // archived quarterly report (the last whole quarter) and the recent months each carry some.
  const quoteDate = (p: (typeof referrals)[number]) =>
    [p.endedOn ?? addDays(p.firstAttendedOn!, 42), yesterday].sort()[0];
  const recent = referrals
    .filter((p) => p.firstAttendedOn && quoteConsent.includes(p.person.id))
    .filter((p) => quoteDate(p) >= addDays(today, -270))
    .filter((p, i, all) => all.findIndex((q) => q.person.id === p.person.id) === i)
    .sort((a, b) => quoteDate(a).localeCompare(quoteDate(b)));
  const step = Math.max(1, recent.length / quotes.length);
  const quoted = quotes.map((_, i) => recent[Math.floor(i * step)]).filter((p) => p !== undefined);
  await insertAll(
    trx,
    "case_note",
    quoted.map((p, i) => ({
      person_id: p.person.id,
      kind: "quote",
      body: `"${quotes[i]}"`,
      author_id: p.caseworker,
      created_at: at(quoteDate(p), r),
    })),
  );

  return { people: personRows.length, referrals: referralRows.length };
}
