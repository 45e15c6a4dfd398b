import { testDb } from "./db";

// Directory, people and referrals inserted directly, for tests of the directory and attendance domains.
let n = 0;

export async function makeProvider(overrides: { name?: string; kind?: string } = {}) {
  n += 1;
  return testDb()
    .insertInto("provider")
    .values({
      name: overrides.name ?? `Provider ${n}`,
      kind: overrides.kind ?? "community_group",
      description: "A test provider",
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
}

export async function makeActivity(
  overrides: Partial<{
    providerId: string;
    name: string;
    district: string;
    transport: string[];
    format: string;
    referralMode: string;
    address: string | null;
    category: string;
  }> = {},
) {
  n += 1;
  const providerId = overrides.providerId ?? (await makeProvider()).id;
  return testDb()
    .insertInto("activity")
    .values({
      provider_id: providerId,
      name: overrides.name ?? `Activity ${n}`,
      description: "A test activity",
      category_code: overrides.category ?? "physical_activity",
      format: overrides.format ?? "group",
      district_code: overrides.district ?? "hinckley_bosworth",
      address: overrides.address === undefined ? "Test Hall, Main Street, Hinckley" : overrides.address,
      postcode: "LE10 1QU",
      transport: overrides.transport ?? [],
      referral_mode: overrides.referralMode ?? "direct",
      accessibility: ["wheelchair"],
    })
    .returning(["id", "name", "provider_id"])
    .executeTakeFirstOrThrow();
}

export async function makeLead(activityId: string, userId: string) {
  await testDb().insertInto("activity_lead").values({ activity_id: activityId, user_id: userId }).execute();
}

export async function makePerson(overrides: Partial<{ given: string; family: string }> = {}) {
  n += 1;
  return testDb()
    .insertInto("person")
    .values({
      given_name: overrides.given ?? `Given${n}`,
      family_name: overrides.family ?? `Test-Family${n}`,
      date_of_birth: "1945-01-01",
      nhs_number: null,
      phone: "07700 900000",
      access_needs: "Uses a wheelchair",
    })
    .returning(["id", "given_name", "family_name"])
    .executeTakeFirstOrThrow();
}

export async function makeReferral(
  activityId: string,
  overrides: Partial<{
    personId: string;
    status: string;
    receivedAt: Date;
    respondedAt: Date | null;
    declinedBy: string | null;
    kind: string;
  }> = {},
) {
  const personId = overrides.personId ?? (await makePerson()).id;
  return testDb()
    .insertInto("referral")
    .values({
      person_id: personId,
      activity_id: activityId,
      kind: overrides.kind ?? "direct",
      source: "prescriber",
      status: overrides.status ?? "accepted",
      received_at: overrides.receivedAt ?? new Date(Date.now() - 10 * 86400000),
      provider_responded_at:
        overrides.respondedAt === undefined
          ? overrides.status === "received"
            ? null
            : new Date(Date.now() - 8 * 86400000)
          : overrides.respondedAt,
      declined_by: overrides.declinedBy ?? null,
      decline_reason: overrides.declinedBy ? "Group is full" : null,
    })
    .returning(["id", "person_id", "version"])
    .executeTakeFirstOrThrow();
}

export async function makeSession(activityId: string, overrides: Partial<{ date: string; status: string }> = {}) {
  return testDb()
    .insertInto("activity_session")
    .values({
      activity_id: activityId,
      session_date: overrides.date ?? "2026-01-06",
      start_time: "10:30",
      end_time: "11:30",
      status: overrides.status ?? "scheduled",
    })
    .returning(["id", "register_version"])
    .executeTakeFirstOrThrow();
}
