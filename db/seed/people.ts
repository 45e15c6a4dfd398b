import { sql, type Transaction } from "kysely";
import type { DB } from "../types";
import type { seedDirectory } from "./directory";
import type { DemoUserIds } from "./users";

export type DemoDirectory = Awaited<ReturnType<typeof seedDirectory>>;

type Status = "received" | "contacted" | "accepted" | "declined" | "attending" | "ended";

interface DemoPerson {
  given: string;
  family: string;
  preferred?: string;
  dob: string;
  /** 999-range test numbers: they pass the Modulus 11 check but are never issued to real patients. */
  nhs: string | null;
  sex: "female" | "male";
  ethnicity: string;
  imd: number | null;
  district: string;
  town: string;
  postcode: string;
  line1: string;
  phone: string;
  contact: "phone" | "email" | "text" | "post" | "visit";
  gp: string;
  communication?: string;
  access?: string;
  /** Whose caseload: the demo prescriber (Hinckley & Bosworth) or coordinator (Melton, Harborough and others). */
  worker: "prescriber" | "coordinator";
  /** The other demo worker, added to the care team by the worker: they support the person together. */
  sharedWith?: "prescriber" | "coordinator";
}

// Clearly fictional people: every family name carries "Demo-", addresses and phone numbers are made up.
const people: DemoPerson[] = [
  {
    given: "Arthur",
    family: "Demo-Whitfield",
    dob: "1941-03-14",
    nhs: "9991000003",
    sex: "male",
    ethnicity: "white_british",
    imd: 4,
    district: "hinckley_bosworth",
    town: "Hinckley",
    postcode: "LE10 0AA",
    line1: "1 Example Row",
    phone: "07700 900101",
    contact: "phone",
    gp: "Demo Hinckley Health Centre",
    access: "Uses a walking frame",
    worker: "prescriber",
  },
  {
    given: "Margaret",
    family: "Demo-Ashby",
    preferred: "Peggy",
    dob: "1938-07-02",
    nhs: "9991379118",
    sex: "female",
    ethnicity: "white_british",
    imd: 3,
    district: "hinckley_bosworth",
    town: "Hinckley",
    postcode: "LE10 0AB",
    line1: "2 Example Row",
    phone: "07700 900102",
    contact: "phone",
    gp: "Demo Hinckley Health Centre",
    communication: "Hard of hearing: speak clearly, face her",
    worker: "prescriber",
  },
  {
    given: "Doreen",
    family: "Demo-Lacey",
    dob: "1946-11-20",
    nhs: "9991758224",
    sex: "female",
    ethnicity: "white_irish",
    imd: 5,
    district: "hinckley_bosworth",
    town: "Earl Shilton",
    postcode: "LE9 0AA",
    line1: "3 Sample Close",
    phone: "07700 900103",
    contact: "text",
    gp: "Demo Earl Shilton Surgery",
    worker: "prescriber",
  },
  {
    given: "Kenneth",
    family: "Demo-Barlow",
    preferred: "Ken",
    dob: "1950-05-09",
    nhs: "9992137339",
    sex: "male",
    ethnicity: "white_british",
    imd: 6,
    district: "hinckley_bosworth",
    town: "Burbage",
    postcode: "LE10 0AD",
    line1: "4 Sample Close",
    phone: "07700 900104",
    contact: "phone",
    gp: "Demo Hinckley Health Centre",
    worker: "prescriber",
  },
  {
    given: "Eileen",
    family: "Demo-Fairbrother",
    dob: "1944-01-27",
    nhs: "9992516445",
    sex: "female",
    ethnicity: "asian_indian",
    imd: 2,
    district: "hinckley_bosworth",
    town: "Hinckley",
    postcode: "LE10 0AE",
    line1: "5 Test Street",
    phone: "07700 900105",
    contact: "phone",
    gp: "Demo Hinckley Health Centre",
    communication: "Prefers Gujarati; her son can interpret",
    worker: "prescriber",
  },
  {
    given: "Harold",
    family: "Demo-Pickering",
    dob: "1935-09-15",
    nhs: "9992895551",
    sex: "male",
    ethnicity: "white_british",
    imd: 2,
    district: "hinckley_bosworth",
    town: "Barwell",
    postcode: "LE9 0AB",
    line1: "6 Test Street",
    phone: "07700 900106",
    contact: "phone",
    gp: "Demo Barwell Surgery",
    access: "Housebound",
    worker: "prescriber",
  },
  {
    given: "Joan",
    family: "Demo-Hollis",
    dob: "1952-04-03",
    nhs: "9993274666",
    sex: "female",
    ethnicity: "black_caribbean",
    imd: 4,
    district: "hinckley_bosworth",
    town: "Hinckley",
    postcode: "LE10 0AF",
    line1: "7 Placeholder Way",
    phone: "07700 900107",
    contact: "phone",
    gp: "Demo Hinckley Health Centre",
    worker: "prescriber",
  },
  {
    given: "Sylvia",
    family: "Demo-Marchant",
    dob: "1948-12-11",
    nhs: "9993653772",
    sex: "female",
    ethnicity: "white_british",
    imd: 7,
    district: "melton",
    town: "Melton Mowbray",
    postcode: "LE13 0AA",
    line1: "8 Placeholder Way",
    phone: "07700 900108",
    contact: "phone",
    gp: "Demo Melton Medical Centre",
    worker: "coordinator",
    sharedWith: "prescriber",
  },
  {
    given: "Dennis",
    family: "Demo-Oakley",
    dob: "1956-06-30",
    nhs: "9994032887",
    sex: "male",
    ethnicity: "white_other",
    imd: 8,
    district: "melton",
    town: "Asfordby",
    postcode: "LE14 0AA",
    line1: "9 Fictional Lane",
    phone: "07700 900109",
    contact: "email",
    gp: "Demo Melton Medical Centre",
    worker: "coordinator",
  },
  {
    given: "Patricia",
    family: "Demo-Kendall",
    preferred: "Pat",
    dob: "1943-08-08",
    nhs: "9994411993",
    sex: "female",
    ethnicity: "white_british",
    imd: 9,
    district: "harborough",
    town: "Market Harborough",
    postcode: "LE16 0AA",
    line1: "10 Fictional Lane",
    phone: "07700 900110",
    contact: "post",
    gp: "Demo Harborough Surgery",
    worker: "coordinator",
  },
  {
    given: "Raymond",
    family: "Demo-Stanton",
    dob: "1959-02-17",
    nhs: null,
    sex: "male",
    ethnicity: "not_stated",
    imd: null,
    district: "charnwood",
    town: "Loughborough",
    postcode: "LE11 0AA",
    line1: "11 Invented Road",
    phone: "07700 900111",
    contact: "phone",
    gp: "Demo Loughborough Surgery",
    worker: "coordinator",
  },
  {
    given: "Gwen",
    family: "Demo-Tilley",
    dob: "1939-10-05",
    nhs: "9994791109",
    sex: "female",
    ethnicity: "mixed_white_black_caribbean",
    imd: 5,
    district: "nw_leicestershire",
    town: "Coalville",
    postcode: "LE67 0AA",
    line1: "12 Invented Road",
    phone: "07700 900112",
    contact: "visit",
    gp: "Demo Coalville Health Centre",
    worker: "coordinator",
  },
];

interface DemoReferral {
  person: string;
  activity: string | null;
  kind: "direct" | "signpost";
  status: Status;
  daysAgo: number;
  needs: string[];
  barriers: string[];
  notes?: string;
}

const referrals: DemoReferral[] = [
  // Chatter Chairs: two waiting for the provider, three accepted (Kenneth becomes "attending" only once a register records him).
  {
    person: "Arthur",
    activity: "Chatter Chairs seated exercise",
    kind: "direct",
    status: "received",
    daysAgo: 3,
    needs: ["loneliness", "physical_inactivity"],
    barriers: ["transport", "mobility"],
    notes: "Needs the Fox Connect bus; walking frame.",
  },
  {
    person: "Margaret",
    activity: "Chatter Chairs seated exercise",
    kind: "direct",
    status: "received",
    daysAgo: 6,
    needs: ["social_isolation", "bereavement"],
    barriers: ["confidence"],
  },
  {
    person: "Doreen",
    activity: "Chatter Chairs seated exercise",
    kind: "direct",
    status: "accepted",
    daysAgo: 40,
    needs: ["physical_inactivity", "low_mood"],
    barriers: [],
  },
  {
    person: "Kenneth",
    activity: "Chatter Chairs seated exercise",
    kind: "direct",
    status: "accepted",
    daysAgo: 21,
    needs: ["loneliness", "carer_strain"],
    barriers: ["caring_responsibilities"],
  },
  {
    person: "Eileen",
    activity: "Chatter Chairs seated exercise",
    kind: "direct",
    status: "accepted",
    daysAgo: 30,
    needs: ["social_isolation"],
    barriers: ["language", "transport"],
  },
  // Surgery befriending calls: two accepted.
  {
    person: "Harold",
    activity: "Surgery befriending calls",
    kind: "direct",
    status: "accepted",
    daysAgo: 35,
    needs: ["loneliness", "bereavement"],
    barriers: ["mobility"],
  },
  {
    person: "Joan",
    activity: "Surgery befriending calls",
    kind: "direct",
    status: "accepted",
    daysAgo: 28,
    needs: ["loneliness", "low_mood"],
    barriers: ["confidence"],
  },
  // Craft club: received 20 days ago and not answered, so the provider-reply flag shows.
  {
    person: "Sylvia",
    activity: "Gather Create Grow craft club",
    kind: "direct",
    status: "received",
    daysAgo: 20,
    needs: ["social_isolation"],
    barriers: ["cost"],
  },
  // Signposting only.
  {
    person: "Patricia",
    activity: "Harborough community wellbeing event",
    kind: "signpost",
    status: "contacted",
    daysAgo: 12,
    needs: ["loneliness"],
    barriers: [],
  },
  {
    person: "Dennis",
    activity: "Fox Connect on-demand bus",
    kind: "signpost",
    status: "received",
    daysAgo: 2,
    needs: ["social_isolation"],
    barriers: ["transport"],
  },
  {
    person: "Gwen",
    activity: null,
    kind: "signpost",
    status: "contacted",
    daysAgo: 9,
    needs: ["money_worries", "housing"],
    barriers: ["digital"],
    notes: "Signposted to Citizens Advice for a benefits check.",
  },
];

/** The statuses a referral passed through to reach `status`, in order. */
function pathTo(status: Status, kind: "direct" | "signpost"): Status[] {
  if (status === "received") return ["received"];
  if (status === "contacted") return ["received", "contacted"];
  if (status === "accepted" && kind === "direct") return ["received", "contacted", "accepted"];
  throw new Error(`The demo seed has no path to ${status}`);
}

const day = 24 * 60 * 60 * 1000;

export async function seedPeople(trx: Transaction<DB>, users: DemoUserIds, directory: DemoDirectory) {
  const now = Date.now();
  const personIds: Record<string, string> = {};
  for (const p of people) {
    const worker = users[p.worker];
    const row = await trx
      .insertInto("person")
      .values({
        given_name: p.given,
        family_name: p.family,
        preferred_name: p.preferred ?? null,
        date_of_birth: p.dob,
        nhs_number: p.nhs,
        address_line1: p.line1,
        town: p.town,
        postcode: p.postcode,
        district_code: p.district,
        phone: p.phone,
        preferred_contact: p.contact,
        communication_needs: p.communication ?? null,
        access_needs: p.access ?? null,
        gp_practice: p.gp,
        sex: p.sex,
        ethnicity: p.ethnicity,
        imd_decile: p.imd,
        imd_quintile: p.imd === null ? null : Math.ceil(p.imd / 2),
        lawful_basis: "direct_care",
        created_by: worker,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    personIds[p.given] = row.id;
    await trx
      .insertInto("care_team_member")
      .values({ person_id: row.id, user_id: worker, basis: "recorded", added_by: worker })
      .execute();
    if (p.sharedWith)
      await trx
        .insertInto("care_team_member")
        .values({ person_id: row.id, user_id: users[p.sharedWith], basis: "added", added_by: worker })
        .execute();
    await trx
      .insertInto("person_consent")
      .values([
        { person_id: row.id, kind: "volunteer_contact", given: p.given !== "Raymond", recorded_by: worker },
        {
          person_id: row.id,
          kind: "quote_in_reports",
          given: ["Arthur", "Joan", "Patricia"].includes(p.given),
          recorded_by: worker,
        },
      ])
      .execute();
  }

  const workerOf = (given: string) => users[people.find((p) => p.given === given)!.worker];
  for (const r of referrals) {
    const worker = workerOf(r.person);
    const receivedAt = new Date(now - r.daysAgo * day);
    const path = pathTo(r.status, r.kind);
    // Each later step a couple of days after the one before, never in the future.
    const stepAt = (i: number) => new Date(Math.min(now - 60_000, receivedAt.getTime() + i * 2 * day));
    const contactedIndex = path.indexOf("contacted");
    const acceptedIndex = path.indexOf("accepted");
    const row = await trx
      .insertInto("referral")
      .values({
        person_id: personIds[r.person],
        activity_id: r.activity ? directory.activities[r.activity] : null,
        kind: r.kind,
        source: workerOf(r.person) === users.prescriber ? "prescriber" : "coordinator",
        caseworker_id: worker,
        needs: r.needs,
        barriers: r.barriers,
        support_notes: r.notes ?? null,
        status: r.status,
        received_at: receivedAt,
        contacted_at: contactedIndex >= 0 ? stepAt(contactedIndex) : null,
        provider_responded_at: acceptedIndex >= 0 ? stepAt(acceptedIndex) : null,
        created_by: worker,
        created_at: receivedAt,
        updated_at: stepAt(path.length - 1),
        version: path.length,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("referral_event")
      .values(
        path.map((to, i) => ({
          referral_id: row.id,
          from_status: i === 0 ? null : path[i - 1],
          to_status: to,
          // The provider's accept is stamped with the activity lead where the demo has one.
          actor_id: to === "accepted" && r.activity !== "Gather Create Grow craft club" ? users.activity_lead : worker,
          occurred_at: stepAt(i),
        })),
      )
      .execute();
  }

  await trx
    .insertInto("case_note")
    .values([
      {
        person_id: personIds.Arthur,
        kind: "note",
        body: "First conversation by phone. Keen to try a seated group; worried about getting there.",
        author_id: users.prescriber,
        created_at: new Date(now - 3 * day),
      },
      {
        person_id: personIds.Harold,
        kind: "safeguarding",
        body: "Neighbour reports Harold has been skipping meals since his wife died. Discussed with GP; adult social care informed.",
        author_id: users.prescriber,
        created_at: new Date(now - 30 * day),
      },
      {
        person_id: personIds.Joan,
        kind: "quote",
        body: '"Tuesday\'s call is the thing I look forward to most."',
        author_id: users.prescriber,
        created_at: new Date(now - 7 * day),
      },
    ])
    .execute();

  // The Melton triage queue: one matches Sylvia's name and date of birth, one is someone new.
  await trx
    .insertInto("self_referral")
    .values([
      {
        given_name: "Sylvia",
        family_name: "Demo-Marchant",
        date_of_birth: "1948-12-11",
        phone: "07700 900108",
        postcode: "LE13 0AA",
        district_code: "melton",
        best_time: "morning",
        topics: ["lonely", "meet_people"],
        message: "Since my sister moved away I hardly see anyone. I'd like to find a group.",
        client_key: "demo-seed",
        received_at: sql`now() - interval '1 day'`,
      },
      {
        given_name: "Brian",
        family_name: "Demo-Castle",
        date_of_birth: "1951-09-22",
        email: "brian.demo@example.com",
        postcode: "LE13 0AB",
        district_code: "melton",
        best_time: "any",
        message: "I have recently retired and would like to meet people.",
        client_key: "demo-seed",
        received_at: sql`now() - interval '3 hours'`,
      },
    ])
    .execute();

  return { people: personIds };
}
