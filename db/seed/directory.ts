import { sql, type Transaction } from "kysely";
import { ensureSessions } from "../../app/attendance/sessions.server";
import { addDays, londonToday } from "../../app/calendar";
import type { DB } from "../types";
import type { DemoUserIds } from "./users";

// Real Leicestershire services as the demo directory. Contact details are placeholders, not the services' own.
export async function seedDirectory(trx: Transaction<DB>, users: DemoUserIds) {
  const providers = await trx
    .insertInto("provider")
    .values([
      {
        name: "Hinckley and Bosworth surgery befriending scheme",
        kind: "befriending_scheme",
        description: "DBS-checked volunteers who make a weekly friendly phone call to people who feel lonely.",
        phone: "01455 000001",
        email: "befriending@example.org",
      },
      {
        name: "Chatter Chairs",
        kind: "community_group",
        description: "A seated exercise group that started with five people and now welcomes over forty.",
        phone: "01455 000002",
        email: "chatterchairs@example.org",
      },
      {
        name: "Gather Create Grow",
        kind: "social_enterprise",
        description: "A friendly craft club: knitting, painting, card making and a cuppa.",
        phone: "01664 000003",
        email: "gathercreategrow@example.org",
      },
      {
        name: "parkrun",
        kind: "parkrun",
        description: "Free, weekly, community 5k events: walk, jog, run, volunteer or spectate.",
        website: "https://www.parkrun.org.uk",
      },
      {
        name: "Community wellbeing events",
        kind: "council",
        description: "Local Area Coordination community wellbeing events across Leicestershire.",
        phone: "0116 000004",
      },
      {
        name: "Fox Connect",
        kind: "transport",
        description: "Leicestershire's on-demand bus: book a seat by app or phone, picked up near home.",
        phone: "0116 000005",
      },
    ])
    .returning(["id", "name"])
    .execute();
  const p = Object.fromEntries(providers.map((r) => [r.name, r.id]));

  const activities = await trx
    .insertInto("activity")
    .values([
      {
        provider_id: p["Hinckley and Bosworth surgery befriending scheme"],
        name: "Surgery befriending calls",
        category_code: "befriending",
        format: "one_to_one",
        description: "A weekly phone call from the same trained, DBS-checked volunteer.",
        district_code: "hinckley_bosworth",
        capacity: 30,
        accessibility: ["phone_based", "no_travel"],
        min_age: 18,
        referral_mode: "direct",
        contact_name: "Befriending coordinator",
        contact_phone: "01455 000001",
      },
      {
        provider_id: p["Chatter Chairs"],
        name: "Chatter Chairs seated exercise",
        category_code: "physical_activity",
        format: "group",
        description: "Gentle chair-based exercise followed by tea and a chat. No experience needed.",
        address: "Atkins Building, Lower Bond Street, Hinckley",
        postcode: "LE10 1QU",
        district_code: "hinckley_bosworth",
        capacity: 45,
        accessibility: ["wheelchair", "seated", "accessible_toilet", "hearing_loop"],
        min_age: 50,
        transport: ["fox_connect", "bus"],
        transport_zones: ["Hinckley"],
        referral_mode: "direct",
        contact_name: "Group lead",
        contact_phone: "01455 000002",
      },
      {
        provider_id: p["Gather Create Grow"],
        name: "Gather Create Grow craft club",
        category_code: "arts_crafts",
        format: "group",
        description: "Craft club for all abilities; materials provided.",
        address: "Melton Carnegie Museum community room, Thorpe End, Melton Mowbray",
        postcode: "LE13 1RB",
        district_code: "melton",
        capacity: 20,
        accessibility: ["wheelchair", "accessible_toilet"],
        min_age: 18,
        cost: "£2 a session (free for the first month)",
        free: false,
        transport: ["fox_connect"],
        transport_zones: ["Melton"],
        referral_mode: "direct",
        contact_name: "Club organiser",
        contact_phone: "01664 000003",
      },
      {
        provider_id: p["parkrun"],
        name: "Hinckley parkrun",
        category_code: "walking_running",
        format: "event",
        description: "Free 5k every Saturday at 9am. Walkers very welcome.",
        address: "Burbage Common, Hinckley",
        postcode: "LE10 3DD",
        district_code: "hinckley_bosworth",
        accessibility: ["outdoor"],
        referral_mode: "signpost",
        transport: ["car_park"],
      },
      {
        provider_id: p["Community wellbeing events"],
        name: "Harborough community wellbeing event",
        category_code: "community_event",
        format: "event",
        description: "Drop-in event with local groups, health checks and a warm welcome.",
        address: "Market Harborough Library",
        postcode: "LE16 7AG",
        // Not checked for eight months: the directory flags it so an administrator rechecks it.
        last_checked_on: sql<string>`current_date - interval '8 months'`,
        district_code: "harborough",
        accessibility: ["wheelchair", "accessible_toilet"],
        referral_mode: "signpost",
        transport: ["fox_connect", "bus"],
        transport_zones: ["Harborough"],
      },
      {
        provider_id: p["Fox Connect"],
        name: "Fox Connect on-demand bus",
        category_code: "transport",
        format: "group",
        description: "Book a shared minibus seat to get to groups and appointments.",
        district_code: null,
        accessibility: ["wheelchair"],
        referral_mode: "signpost",
        transport: ["fox_connect"],
        transport_zones: ["Hinckley", "Melton", "Harborough", "Lutterworth"],
      },
    ])
    .returning(["id", "name"])
    .execute();
  const a = Object.fromEntries(activities.map((r) => [r.name, r.id]));

  // The groups have run for a year, so the last few weeks' sessions exist to look back on.
  const runningSince = sql<string>`current_date - interval '1 year'`;
  await trx
    .insertInto("activity_schedule")
    .values([
      {
        activity_id: a["Chatter Chairs seated exercise"],
        weekday: 2,
        start_time: "10:30",
        end_time: "11:30",
        valid_from: runningSince,
      },
      {
        activity_id: a["Chatter Chairs seated exercise"],
        weekday: 4,
        start_time: "10:30",
        end_time: "11:30",
        valid_from: runningSince,
      },
      {
        activity_id: a["Gather Create Grow craft club"],
        weekday: 3,
        start_time: "13:30",
        end_time: "15:30",
        valid_from: runningSince,
      },
      {
        activity_id: a["Hinckley parkrun"],
        weekday: 6,
        start_time: "09:00",
        end_time: "10:00",
        valid_from: runningSince,
      },
    ])
    .execute();

  await trx
    .insertInto("activity_lead")
    .values([
      { activity_id: a["Chatter Chairs seated exercise"], user_id: users.activity_lead },
      { activity_id: a["Surgery befriending calls"], user_id: users.activity_lead },
    ])
    .execute();

  // The befriending scheme's volunteers: DBS checks current, due for renewal soon, expired and never recorded.
  const today = londonToday();
  const yearsAgo = (years: number, days = 0) => addDays(`${Number(today.slice(0, 4)) - years}${today.slice(4)}`, -days);
  await trx
    .insertInto("volunteer")
    .values([
      {
        provider_id: p["Hinckley and Bosworth surgery befriending scheme"],
        name: "Sue Demo-Volunteer",
        phone: "07700 900201",
        dbs_checked_on: yearsAgo(1),
      },
      {
        provider_id: p["Hinckley and Bosworth surgery befriending scheme"],
        name: "Tom Demo-Volunteer",
        phone: "07700 900202",
        dbs_checked_on: yearsAgo(3, -20),
      },
      {
        provider_id: p["Hinckley and Bosworth surgery befriending scheme"],
        name: "Ruth Demo-Volunteer",
        phone: "07700 900203",
        dbs_checked_on: yearsAgo(4),
      },
      {
        provider_id: p["Hinckley and Bosworth surgery befriending scheme"],
        name: "Dev Demo-Volunteer",
        phone: "07700 900204",
      },
    ])
    .execute();

  // Sessions from the weekly schedules: the last four weeks (registers to look back on) and the next six.
  for (const id of Object.values(a)) await ensureSessions(trx, id, addDays(today, -28), addDays(today, 42));

  return { providers: p, activities: a };
}
