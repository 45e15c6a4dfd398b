import { scoreResponse } from "../../app/measures/scoring";
import { testDb } from "./db";

// People, activities, referrals, sessions, registers and measures for outcome figure tests, inserted directly with
// every date and detail the figures count by set explicitly.
let n = 0;

export interface PersonSpec {
  dob?: string;
  district?: string | null;
  sex?: string | null;
  ethnicity?: string | null;
  imdQuintile?: number | null;
  key?: number;
}

export async function outcomePerson(spec: PersonSpec = {}) {
  n += 1;
  const row = await testDb()
    .insertInto("person")
    .values({
      given_name: `Outcome${n}`,
      family_name: `Person-${n}`,
      date_of_birth: spec.dob ?? "1948-06-15",
      district_code: spec.district === undefined ? "melton" : spec.district,
      sex: spec.sex === undefined ? "female" : spec.sex,
      ethnicity: spec.ethnicity === undefined ? "white_british" : spec.ethnicity,
      imd_quintile: spec.imdQuintile === undefined ? 3 : spec.imdQuintile,
      ...(spec.key === undefined ? {} : { record_key: spec.key }),
    })
    .returning(["id", "record_key"])
    .executeTakeFirstOrThrow();
  return row;
}

export async function outcomeActivity(spec: { providerId?: string; category?: string; name?: string } = {}) {
  n += 1;
  const providerId =
    spec.providerId ??
    (
      await testDb()
        .insertInto("provider")
        .values({ name: `Outcome provider ${n}`, kind: "charity" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const a = await testDb()
    .insertInto("activity")
    .values({
      provider_id: providerId,
      name: spec.name ?? `Outcome activity ${n}`,
      category_code: spec.category ?? "befriending",
    })
    .returning(["id", "provider_id"])
    .executeTakeFirstOrThrow();
  return { id: a.id, providerId: a.provider_id };
}

export interface ReferralSpec {
  activityId?: string | null;
  received: string; // ISO instant
  source?: string;
  status?: string;
  contactedAt?: string | null;
  respondedAt?: string | null;
  firstAttendedOn?: string | null;
  endedAt?: string | null;
  declinedBy?: string | null;
  declineReason?: string | null;
  needs?: string[];
  barriers?: string[];
  acceptedEvent?: boolean;
}

export async function outcomeReferral(personId: string, spec: ReferralSpec) {
  const db = testDb();
  const r = await db
    .insertInto("referral")
    .values({
      person_id: personId,
      activity_id: spec.activityId ?? null,
      kind: spec.activityId ? "direct" : "signpost",
      source: spec.source ?? "prescriber",
      status: spec.status ?? "received",
      received_at: spec.received,
      contacted_at: spec.contactedAt ?? null,
      provider_responded_at: spec.respondedAt ?? null,
      first_attended_on: spec.firstAttendedOn ?? null,
      ended_at: spec.endedAt ?? null,
      declined_by: spec.declinedBy ?? null,
      decline_reason: spec.declineReason ?? null,
      needs: spec.needs ?? [],
      barriers: spec.barriers ?? [],
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (spec.acceptedEvent) {
    await db
      .insertInto("referral_event")
      .values({
        referral_id: r.id,
        from_status: "received",
        to_status: "accepted",
        occurred_at: spec.respondedAt ?? spec.received,
      })
      .execute();
  }
  return r.id;
}

export async function outcomeResponse(
  personId: string,
  referralId: string,
  instrument: string,
  timePoint: "baseline" | "follow_up" | "exit",
  date: string,
  answers: Record<string, number>,
  opts: { week?: number; recordedBy?: string } = {},
) {
  const scored = scoreResponse(instrument, answers);
  const r = await testDb()
    .insertInto("measure_response")
    .values({
      person_id: personId,
      referral_id: referralId,
      instrument_code: instrument,
      instrument_version: "1",
      time_point: timePoint,
      follow_up_week: timePoint === "follow_up" ? (opts.week ?? 12) : null,
      administered_on: date,
      mode: "staff",
      answers: JSON.stringify(answers),
      scores: JSON.stringify(scored.scores),
      bands: JSON.stringify(scored.bands),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** UCLA-3 answers giving `total` (3 to 9). */
export function ucla(total: number): Record<string, number> {
  const items = [1, 1, 1];
  let left = total - 3;
  for (let i = 0; i < 3 && left > 0; i++) {
    const add = Math.min(2, left);
    items[i] += add;
    left -= add;
  }
  return { ucla3_companionship: items[0], ucla3_left_out: items[1], ucla3_isolated: items[2] };
}

/** A session of an activity with its register: people present or absent, and drop-ins. */
export async function outcomeSession(
  activityId: string,
  date: string,
  marks: { referralId: string; personId: string; status: "present" | "absent" | "excused" }[],
  opts: { dropIns?: number; status?: string; start?: string } = {},
) {
  const db = testDb();
  const s = await db
    .insertInto("activity_session")
    .values({
      activity_id: activityId,
      session_date: date,
      start_time: opts.start ?? "10:00",
      end_time: "11:30",
      status: opts.status ?? "held",
      other_attendees: opts.dropIns ?? 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (marks.length) {
    await db
      .insertInto("attendance")
      .values(
        marks.map((m) => ({ session_id: s.id, referral_id: m.referralId, person_id: m.personId, status: m.status })),
      )
      .execute();
  }
  return s.id;
}
