// A double-clicked creation form: the losing post gets the same answer as the winner (the record the winner made),
// never a fault or a false "already exists" (docs/decisions/0821-double-clicks-answer-alike.md). On PostgreSQL the
// two posts run truly at once on separate connections; on the embedded database, which has one connection, they
// run one after the other, the second finding the first's record by its key.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addVolunteer, matchVolunteer, recordCall } from "~/attendance/befriending.server";
import { addOneOffSession } from "~/attendance/sessions.server";
import { hashSessionId, readSessionId } from "~/auth/session.server";
import { createActivity } from "~/directory/activities.server";
import { newActivitySchema } from "~/directory/forms";
import { createProvider } from "~/directory/providers.server";
import { recordMeasure } from "~/measures/record.server";
import { startSelfCompletion } from "~/measures/self-completion.server";
import { londonDate, addDays } from "~/calendar";
import { useTestDatabase, testDb } from "../../support/db";
import { makeActivity, makeReferral as makeDirectoryReferral } from "../../support/directory-factories";
import { signedIn } from "../../support/factories";
import { getRequest } from "../../support/http";
import { actor, makeReferral, UCLA_LONELY } from "../../support/measures-factories";

useTestDatabase();

const TODAY = londonDate(new Date());
// Several rounds, each with a fresh key, so that at least one pair really meets at the database on PostgreSQL.
const ROUNDS = 4;

/** Posts the same form twice at once, ROUNDS times; each pair must answer alike and leave one record. */
async function doubleClick(post: (key: string) => Promise<string>, count: () => Promise<number>) {
  for (let round = 0; round < ROUNDS; round++) {
    const key = randomUUID();
    const before = await count();
    const [a, b] = await Promise.all([post(key), post(key)]);
    expect(a).toBe(b);
    expect(await count()).toBe(before + 1);
  }
}

const rows = (table: "provider" | "activity" | "volunteer" | "befriending_call" | "activity_session") => async () =>
  (await testDb().selectFrom(table).select("id").execute()).length;

describe("two identical posts at once", () => {
  it("add one provider", async () => {
    const admin = actor(randomUUID(), "admin");
    const input = {
      name: "Hinckley Walkers",
      kind: "charity",
      description: null,
      email: null,
      phone: null,
      website: null,
    };
    await doubleClick((key) => createProvider(testDb(), { ...admin, userId: null }, input, key), rows("provider"));
  });

  it("add one activity", async () => {
    const { id: providerId } = await makeActivity().then((a) => ({ id: a.provider_id }));
    const parsed = newActivitySchema.safeParse({
      providerId,
      name: "Chair yoga",
      description: "Gentle yoga in a chair",
      categoryCode: "physical_activity",
      format: "group",
      free: "yes",
      referralMode: "direct",
      lastCheckedOn: TODAY,
      status: "active",
      idempotencyKey: randomUUID(),
    });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    const { idempotencyKey: _unused, ...input } = parsed.data;
    await doubleClick(
      (key) =>
        createActivity(testDb(), { userId: null, role: "admin", requestId: "t" }, input, key, {
          allowedProviders: null,
          leadUserId: null,
        }),
      rows("activity"),
    );
  });

  it("add one volunteer", async () => {
    const activity = await makeActivity({ format: "one_to_one", category: "befriending", address: null });
    const v = {
      name: "Pat Friend",
      phone: null,
      email: null,
      dbsCheckedOn: addDays(TODAY, -30),
      dbsRenewalDueOn: null,
    };
    await doubleClick(
      (key) =>
        addVolunteer(
          testDb(),
          { userId: null, role: "activity_lead", requestId: "t" },
          activity.provider_id,
          v,
          key,
          TODAY,
        ),
      rows("volunteer"),
    );
  });

  it("record one befriending call", async () => {
    const lead = { userId: null, role: "activity_lead", requestId: "t" };
    const activity = await makeActivity({ format: "one_to_one", category: "befriending", address: null });
    const referral = await makeDirectoryReferral(activity.id, { status: "accepted" });
    await testDb()
      .insertInto("person_consent")
      .values({ person_id: referral.person_id, kind: "volunteer_contact", given: true })
      .execute();
    const volunteer = await addVolunteer(
      testDb(),
      lead,
      activity.provider_id,
      { name: "Sam Caller", phone: null, email: null, dbsCheckedOn: addDays(TODAY, -30), dbsRenewalDueOn: null },
      randomUUID(),
      TODAY,
    );
    await matchVolunteer(testDb(), lead, activity, referral.id, volunteer, addDays(TODAY, -20));
    const match = await testDb().selectFrom("befriending_match").select("id").executeTakeFirstOrThrow();
    await doubleClick(
      (key) =>
        recordCall(
          testDb(),
          lead,
          activity.id,
          { matchId: match.id, callDate: TODAY, outcome: "done", durationMinutes: 20, idempotencyKey: key },
          TODAY,
        ),
      rows("befriending_call"),
    );
  });

  it("add one one-off session, not a false clash with itself", async () => {
    const activity = await makeActivity();
    let day = 0;
    // Each round is another date: the same time on the same date would clash with the round before.
    await doubleClick(
      (key) =>
        addOneOffSession(
          testDb(),
          { userId: null, role: "admin", requestId: "t" },
          activity.id,
          { sessionDate: addDays(TODAY, 10 + Math.floor(day++ / 2)), startTime: "14:00", endTime: "15:00" },
          key,
        ),
      rows("activity_session"),
    );
  });

  it("record one measure, not a false 'already recorded'", async () => {
    // Attending, so an exit may be recorded (app/measures/time-points.ts).
    const ref = await makeReferral({ receivedAt: new Date(Date.now() - 70 * 86_400_000), status: "attending" });
    const who = actor(randomUUID());
    const timePoints = ["baseline", "exit", "follow_up", "follow_up"] as const;
    let round = 0;
    await doubleClick(
      async (key) => {
        const r = Math.floor(round++ / 2);
        const { id } = await recordMeasure(
          testDb(),
          { ...who, userId: null },
          {
            personId: ref.personId,
            referralId: ref.referralId,
            instrumentCode: "ucla3",
            timePoint: timePoints[r],
            followUpWeek: timePoints[r] === "follow_up" ? (r === 2 ? 12 : 26) : null,
            administeredOn: addDays(TODAY, -60 + r),
            mode: "staff",
            answers: UCLA_LONELY,
            idempotencyKey: key,
            wemwbsLicensed: false,
          },
        );
        return id;
      },
      async () => (await testDb().selectFrom("measure_response").select("id").execute()).length,
    );
  });

  it("start one self-completion questionnaire", async () => {
    const { user, cookie } = await signedIn("coordinator");
    const sessionHash = hashSessionId((await readSessionId(getRequest("/", cookie)))!);
    const ref = await makeReferral({ receivedAt: new Date(Date.now() - 5 * 86_400_000) });
    await doubleClick(
      (key) =>
        startSelfCompletion(testDb(), actor(user.id, "coordinator"), {
          personId: ref.personId,
          referralId: ref.referralId,
          instrumentCodes: ["ons_loneliness"],
          timePoint: "baseline",
          followUpWeek: null,
          idempotencyKey: key,
          wemwbsLicensed: false,
          sessionHash,
        }),
      async () => (await testDb().selectFrom("measure_self_session").select("id").execute()).length,
    );
  });
});
