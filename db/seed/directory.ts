import type { Transaction } from "kysely";
import type { DB } from "../types";
import type { DemoUserIds } from "./users";

// Real Leicestershire services as the demo directory. Contact details are placeholders, not the services' own.
export async function seedDirectory(trx: Transaction<DB>, users: DemoUserIds) {
  const providers = await trx
    .insertInto("provider")
    .values([
      { name: "Hinckley and Bosworth surgery befriending scheme", kind: "befriending_scheme", description: "DBS-checked volunteers who make a weekly friendly phone call to people who feel lonely.", phone: "01455 000001", email: "befriending@example.org" },
      { name: "Chatter Chairs", kind: "community_group", description: "A seated exercise group that started with five people and now welcomes over forty.", phone: "01455 000002", email: "chatterchairs@example.org" },
      { name: "Gather Create Grow", kind: "social_enterprise", description: "A friendly craft club: knitting, painting, card making and a cuppa.", phone: "01664 000003", email: "gathercreategrow@example.org" },
      { name: "parkrun", kind: "parkrun", description: "Free, weekly, community 5k events: walk, jog, run, volunteer or spectate.", website: "https://www.parkrun.org.uk" },
      { name: "Community wellbeing events", kind: "council", description: "Local Area Coordination community wellbeing events across Leicestershire.", phone: "0116 000004" },
      { name: "Fox Connect", kind: "transport", description: "Leicestershire's on-demand bus: book a seat by app or phone, picked up near home.", phone: "0116 000005" },
    ])
    .returning(["id", "name"])
    .execute();
  const p = Object.fromEntries(providers.map((r) => [r.name, r.id]));

  const activities = await trx
    .insertInto("activity")
    .values([
      {
        provider_id: p["Hinckley and Bosworth surgery befriending scheme"], name: "Surgery befriending calls", category_code: "befriending", format: "one_to_one",
        description: "A weekly phone call from the same trained, DBS-checked volunteer.", district_code: "hinckley_bosworth", capacity: 30,
        accessibility: ["phone_based", "no_travel"], min_age: 18, referral_mode: "direct", contact_name: "Befriending coordinator", contact_phone: "01455 000001",
      },
      {
        provider_id: p["Chatter Chairs"], name: "Chatter Chairs seated exercise", category_code: "physical_activity", format: "group",
        description: "Gentle chair-based exercise followed by tea and a chat. No experience needed.", address: "Atkins Building, Lower Bond Street, Hinckley", postcode: "LE10 1QU",
        district_code: "hinckley_bosworth", capacity: 45, accessibility: ["wheelchair", "seated", "accessible_toilet", "hearing_loop"], min_age: 50,
        transport: ["fox_connect", "bus"], transport_zones: ["Hinckley"], referral_mode: "direct", contact_name: "Group lead", contact_phone: "01455 000002",
      },
      {
        provider_id: p["Gather Create Grow"], name: "Gather Create Grow craft club", category_code: "arts_crafts", format: "group",
        description: "Craft club for all abilities; materials provided.", address: "Melton Carnegie Museum community room, Thorpe End, Melton Mowbray", postcode: "LE13 1RB",
        district_code: "melton", capacity: 20, accessibility: ["wheelchair", "accessible_toilet"], min_age: 18, cost: "£2 a session (free for the first month)", free: false,
        transport: ["fox_connect"], transport_zones: ["Melton"], referral_mode: "direct", contact_name: "Club organiser", contact_phone: "01664 000003",
      },
      {
        provider_id: p["parkrun"], name: "Hinckley parkrun", category_code: "walking_running", format: "event",
        description: "Free 5k every Saturday at 9am. Walkers very welcome.", address: "Burbage Common, Hinckley", postcode: "LE10 3DD",
        district_code: "hinckley_bosworth", accessibility: ["outdoor"], referral_mode: "signpost", transport: ["car_park"],
      },
      {
        provider_id: p["Community wellbeing events"], name: "Harborough community wellbeing event", category_code: "community_event", format: "event",
        description: "Drop-in event with local groups, health checks and a warm welcome.", address: "Market Harborough Library", postcode: "LE16 7AG",
        district_code: "harborough", accessibility: ["wheelchair", "accessible_toilet"], referral_mode: "signpost", transport: ["fox_connect", "bus"], transport_zones: ["Harborough"],
      },
      {
        provider_id: p["Fox Connect"], name: "Fox Connect on-demand bus", category_code: "transport", format: "group",
        description: "Book a shared minibus seat to get to groups and appointments.", district_code: null, accessibility: ["wheelchair"],
        referral_mode: "signpost", transport: ["fox_connect"], transport_zones: ["Hinckley", "Melton", "Harborough", "Lutterworth"],
      },
    ])
    .returning(["id", "name"])
    .execute();
  const a = Object.fromEntries(activities.map((r) => [r.name, r.id]));

  await trx
    .insertInto("activity_schedule")
    .values([
      { activity_id: a["Chatter Chairs seated exercise"], weekday: 2, start_time: "10:30", end_time: "11:30" },
      { activity_id: a["Chatter Chairs seated exercise"], weekday: 4, start_time: "10:30", end_time: "11:30" },
      { activity_id: a["Gather Create Grow craft club"], weekday: 3, start_time: "13:30", end_time: "15:30" },
      { activity_id: a["Hinckley parkrun"], weekday: 6, start_time: "09:00", end_time: "10:00" },
    ])
    .execute();

  await trx
    .insertInto("activity_lead")
    .values([
      { activity_id: a["Chatter Chairs seated exercise"], user_id: users.activity_lead },
      { activity_id: a["Surgery befriending calls"], user_id: users.activity_lead },
    ])
    .execute();

  return { providers: p, activities: a };
}
