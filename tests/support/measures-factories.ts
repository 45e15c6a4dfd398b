import { testDb } from "./db";

let n = 0;

/** A person, a provider with one activity, and a referral of the person to it, inserted directly. */
export async function makeReferral(
  opts: {
    receivedAt?: Date;
    firstAttendedOn?: string | null;
    status?: string;
    endedAt?: Date | null;
    caseworkerId?: string | null;
  } = {},
) {
  n += 1;
  const db = testDb();
  const person = await db
    .insertInto("person")
    .values({ given_name: `Test${n}`, family_name: "Demo-Measures", date_of_birth: "1945-02-03" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const provider = await db
    .insertInto("provider")
    .values({ name: `Provider ${n}`, kind: "charity" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const activity = await db
    .insertInto("activity")
    .values({ provider_id: provider.id, name: `Activity ${n}`, category_code: "befriending" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const referral = await db
    .insertInto("referral")
    .values({
      person_id: person.id,
      activity_id: activity.id,
      kind: "direct",
      source: "prescriber",
      status: opts.status ?? "accepted",
      received_at: opts.receivedAt ?? new Date(Date.now() - 60 * 86_400_000),
      first_attended_on: opts.firstAttendedOn ?? null,
      ended_at: opts.endedAt ?? null,
      caseworker_id: opts.caseworkerId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { personId: person.id, activityId: activity.id, referralId: referral.id };
}

export const actor = (userId: string, role = "prescriber") => ({ userId, role, requestId: "test-request" });

export const UCLA_LONELY = { ucla3_companionship: 3, ucla3_left_out: 2, ucla3_isolated: 2 }; // 7
export const UCLA_NOT_LONELY = { ucla3_companionship: 2, ucla3_left_out: 1, ucla3_isolated: 1 }; // 4
