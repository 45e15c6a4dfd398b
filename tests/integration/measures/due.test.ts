import { describe, expect, it } from "vitest";
import { measuresDueForReferrals } from "~/measures/due.server";
import { readPersonRecord } from "~/person-record/read.server";
import { addDays, londonDate } from "~/calendar";
import { markEnteredInError, recordMeasure } from "~/measures/record.server";
import { useTestDatabase, testDb } from "../../support/db";
import { makeUser } from "../../support/factories";
import { actor, makeReferral, UCLA_LONELY } from "../../support/measures-factories";

useTestDatabase();

const today = londonDate(new Date());
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

/** The due and overdue measures across a person's referrals, overdue first, as the person page lists them. */
async function dueOnPersonPage(personId: string) {
  const reader = await makeUser("prescriber");
  const record = await readPersonRecord(testDb(), actor(reader.id), personId);
  if (!record || "mergedInto" in record) throw new Error("no such person");
  return record.measures.due;
}

async function baseline(
  who: ReturnType<typeof actor>,
  ref: { personId: string; referralId: string },
  code: "ucla3" | "swemwbs",
  on: string,
) {
  const answers =
    code === "ucla3"
      ? UCLA_LONELY
      : {
          swemwbs_optimistic: 3,
          swemwbs_useful: 3,
          swemwbs_relaxed: 3,
          swemwbs_problems: 3,
          swemwbs_thinking: 3,
          swemwbs_close: 3,
          swemwbs_own_mind: 3,
        };
  return recordMeasure(testDb(), who, {
    personId: ref.personId,
    referralId: ref.referralId,
    instrumentCode: code,
    timePoint: "baseline",
    followUpWeek: null,
    administeredOn: on,
    mode: "staff",
    answers,
    idempotencyKey: crypto.randomUUID(),
    wemwbsLicensed: false,
  });
}

describe("measures due, computed on read", () => {
  it("a new referral has its baseline due for the core measures; a stale one is overdue", async () => {
    const fresh = await makeReferral({ receivedAt: daysAgo(2) });
    const stale = await makeReferral({ receivedAt: daysAgo(30) });
    const due = await measuresDueForReferrals(testDb(), [fresh.referralId, stale.referralId]);
    expect(due.get(fresh.referralId)).toMatchObject([
      { timePoint: "baseline", status: "due", outstanding: ["ucla3", "swemwbs"] },
    ]);
    expect(due.get(stale.referralId)).toMatchObject([{ timePoint: "baseline", status: "overdue" }]);
  });

  it("answers every id asked for, with [] for unknown ones and none when asked for none", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const due = await measuresDueForReferrals(testDb(), [unknown]);
    expect(due.get(unknown)).toEqual([]);
    expect((await measuresDueForReferrals(testDb(), [])).size).toBe(0);
  });

  it("the 6-week follow-up is due after the first session, counted from the referral's first attendance", async () => {
    const user = await makeUser("prescriber");
    const who = actor(user.id);
    const ref = await makeReferral({ receivedAt: daysAgo(60), firstAttendedOn: addDays(today, -42) });
    await baseline(who, ref, "ucla3", addDays(today, -50));
    await baseline(who, ref, "swemwbs", addDays(today, -50));
    const due = await dueOnPersonPage(ref.personId);
    expect(due).toMatchObject([
      {
        referralId: ref.referralId,
        timePoint: "follow_up",
        followUpWeek: 6,
        status: "due",
        dueOn: today,
        outstanding: ["ucla3", "swemwbs"],
      },
    ]);
  });

  it("takes the first session from the register when the referral has no date stamped", async () => {
    const user = await makeUser("prescriber");
    const who = actor(user.id);
    const ref = await makeReferral({ receivedAt: daysAgo(90) });
    const session = await testDb()
      .insertInto("activity_session")
      .values({
        activity_id: ref.activityId,
        session_date: addDays(today, -65),
        start_time: "10:00",
        end_time: "11:00",
        status: "held",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await testDb()
      .insertInto("attendance")
      .values({ session_id: session.id, referral_id: ref.referralId, person_id: ref.personId, status: "present" })
      .execute();
    await baseline(who, ref, "ucla3", addDays(today, -70));
    // Week 6 target was 23 days ago: overdue (14 days' grace) until week 12's window opens.
    const due = await dueOnPersonPage(ref.personId);
    expect(due).toMatchObject([{ followUpWeek: 6, status: "overdue", outstanding: ["ucla3", "swemwbs"] }]);
  });

  it("follows the activity's own follow-up schedule", async () => {
    const user = await makeUser("prescriber");
    const ref = await makeReferral({ receivedAt: daysAgo(40), firstAttendedOn: addDays(today, -28) });
    await testDb()
      .insertInto("measure_schedule")
      .values({ activity_id: ref.activityId, follow_up_weeks: [4, 10], updated_by: user.id })
      .execute();
    await baseline(actor(user.id), ref, "ucla3", addDays(today, -30));
    const due = await dueOnPersonPage(ref.personId);
    expect(due).toMatchObject([{ followUpWeek: 4, status: "due" }]);
  });

  it("a response entered in error no longer counts: the baseline is due again", async () => {
    const user = await makeUser("prescriber");
    const who = actor(user.id);
    const ref = await makeReferral({ receivedAt: daysAgo(3) });
    const u = await baseline(who, ref, "ucla3", today);
    await baseline(who, ref, "swemwbs", today);
    expect(await dueOnPersonPage(ref.personId)).toEqual([]);
    await markEnteredInError(testDb(), who, { personId: ref.personId, responseId: u.id, reason: "Wrong person" });
    expect(await dueOnPersonPage(ref.personId)).toMatchObject([
      { timePoint: "baseline", status: "due", outstanding: ["ucla3"] },
    ]);
  });

  it("nothing is due on a declined referral", async () => {
    const ref = await makeReferral({ receivedAt: daysAgo(30), status: "declined" });
    expect(await dueOnPersonPage(ref.personId)).toEqual([]);
  });
});
