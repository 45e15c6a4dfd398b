import { randomUUID } from "node:crypto";
import { FieldError } from "~/errors";
import { describe, expect, it } from "vitest";
import { addVolunteer, matchVolunteer, recordCall } from "../../../app/attendance/befriending.server";
import { useTestDatabase, testDb } from "../../support/db";
import { makeActivity, makeReferral } from "../../support/directory-factories";

useTestDatabase();

const actor = { userId: null, role: "activity_lead", requestId: "t" };
const TODAY = "2026-11-25";

async function scheme() {
  const activity = await makeActivity({ format: "one_to_one", category: "befriending", address: null });
  const referral = await makeReferral(activity.id, { status: "accepted" });
  await testDb()
    .insertInto("person_consent")
    .values({ person_id: referral.person_id, kind: "volunteer_contact", given: true })
    .execute();
  return { activity, referral };
}

describe("befriending", () => {
  it("refuses to match a volunteer whose DBS check is expired or missing, and matches one with a current check", async () => {
    const { activity, referral } = await scheme();
    const expired = await addVolunteer(
      testDb(),
      actor,
      activity.provider_id,
      { name: "Old Check", phone: null, email: null, dbsCheckedOn: "2022-01-01", dbsRenewalDueOn: null },
      randomUUID(),
      TODAY,
    );
    const missing = await addVolunteer(
      testDb(),
      actor,
      activity.provider_id,
      { name: "No Check", phone: null, email: null, dbsCheckedOn: null, dbsRenewalDueOn: null },
      randomUUID(),
      TODAY,
    );
    const current = await addVolunteer(
      testDb(),
      actor,
      activity.provider_id,
      { name: "Good Check", phone: null, email: null, dbsCheckedOn: "2026-01-01", dbsRenewalDueOn: null },
      randomUUID(),
      TODAY,
    );
    await expect(matchVolunteer(testDb(), actor, activity, referral.id, expired, TODAY)).rejects.toThrow(
      "Old Check cannot be matched: their DBS check has expired",
    );
    await expect(matchVolunteer(testDb(), actor, activity, referral.id, missing, TODAY)).rejects.toThrow(
      "No Check cannot be matched: no DBS check is recorded",
    );
    expect(await testDb().selectFrom("befriending_match").select("id").execute()).toHaveLength(0);
    await matchVolunteer(testDb(), actor, activity, referral.id, current, TODAY);
    await expect(matchVolunteer(testDb(), actor, activity, referral.id, current, TODAY)).rejects.toThrow(
      /already has a befriender/,
    );
  });

  it("refuses a volunteer from another scheme", async () => {
    const { activity, referral } = await scheme();
    const other = await makeActivity({ format: "one_to_one" });
    const theirs = await addVolunteer(
      testDb(),
      actor,
      other.provider_id,
      { name: "Elsewhere", phone: null, email: null, dbsCheckedOn: "2026-01-01", dbsRenewalDueOn: null },
      randomUUID(),
      TODAY,
    );
    await expect(matchVolunteer(testDb(), actor, activity, referral.id, theirs, TODAY)).rejects.toBeInstanceOf(
      FieldError,
    );
  });

  it("records a weekly call once per key, and a first completed call marks the referral attending", async () => {
    const { activity, referral } = await scheme();
    const v = await addVolunteer(
      testDb(),
      actor,
      activity.provider_id,
      { name: "Caller", phone: null, email: null, dbsCheckedOn: "2026-01-01", dbsRenewalDueOn: null },
      randomUUID(),
      TODAY,
    );
    const matchId = await matchVolunteer(testDb(), actor, activity, referral.id, v, "2026-11-01");
    const key = randomUUID();
    await expect(
      recordCall(
        testDb(),
        actor,
        activity.id,
        { matchId, callDate: "2026-11-20", outcome: "done", durationMinutes: null, idempotencyKey: key },
        TODAY,
      ),
    ).rejects.toThrow(/how long/);
    await expect(
      recordCall(
        testDb(),
        actor,
        activity.id,
        { matchId, callDate: "2026-12-20", outcome: "no_answer", durationMinutes: null, idempotencyKey: key },
        TODAY,
      ),
    ).rejects.toThrow(/future/);
    const first = await recordCall(
      testDb(),
      actor,
      activity.id,
      { matchId, callDate: "2026-11-20", outcome: "done", durationMinutes: 25, idempotencyKey: key },
      TODAY,
    );
    const again = await recordCall(
      testDb(),
      actor,
      activity.id,
      { matchId, callDate: "2026-11-20", outcome: "done", durationMinutes: 25, idempotencyKey: key },
      TODAY,
    );
    expect(again).toBe(first);
    expect(await testDb().selectFrom("befriending_call").select(["outcome", "duration_minutes"]).execute()).toEqual([
      { outcome: "done", duration_minutes: 25 },
    ]);
    expect(
      await testDb()
        .selectFrom("referral")
        .select(["status", "first_attended_on"])
        .where("id", "=", referral.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "attending", first_attended_on: "2026-11-20" });
  });
});
