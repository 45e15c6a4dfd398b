import { describe, expect, it } from "vitest";
import { addDays, londonDate } from "~/calendar";
import { getMeasureDetail, getPersonMeasures } from "~/measures/person-measures.server";
import { markEnteredInError, recordMeasure, type RecordInput } from "~/measures/record.server";
import { measuresDueForReferrals } from "~/measures/due.server";
import { refreshOutcomeSummaries } from "~/outcomes/summaries.server";
import { testDb, useTestDatabase } from "../../support/db";
import { makeUser } from "../../support/factories";
import { actor, makeReferral, UCLA_LONELY, UCLA_NOT_LONELY } from "../../support/measures-factories";
import { recomputeSummaries, storedSummaries } from "../../support/outcome-recompute";
import { moveTooSoonFollowUps } from "../../../migrations/20261129T1400_follow_up_timing";
import { scoreResponse } from "~/measures/scoring";

useTestDatabase();

const today = londonDate(new Date());

/** A referral whose first session was 9 weeks ago, and a form-filler for UCLA-3 on it. */
async function setUp() {
  const user = await makeUser("prescriber");
  const ref = await makeReferral({
    receivedAt: new Date(Date.now() - 80 * 86_400_000),
    firstAttendedOn: addDays(today, -63),
    // Attending: an exit is recorded only once the person has started (app/measures/time-points.ts).
    status: "attending",
  });
  const who = actor(user.id);
  const save = (over: Partial<RecordInput>) =>
    recordMeasure(testDb(), who, {
      personId: ref.personId,
      referralId: ref.referralId,
      instrumentCode: "ucla3",
      timePoint: "follow_up",
      followUpWeek: 6,
      administeredOn: today,
      mode: "staff",
      answers: UCLA_NOT_LONELY,
      idempotencyKey: crypto.randomUUID(),
      wemwbsLicensed: false,
      ...over,
    });
  return { ref, who, save };
}

const row = (id: string) =>
  testDb()
    .selectFrom("measure_response")
    .select(["time_point", "follow_up_week"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

describe("a follow-up needs a baseline at least the schedule's minimum interval earlier", () => {
  it("on the baseline's day is saved as an extra baseline-window response, never compared, the follow-up still due", async () => {
    const { ref, who, save } = await setUp();
    const baselineOn = addDays(today, -30);
    await save({ timePoint: "baseline", followUpWeek: null, administeredOn: baselineOn, answers: UCLA_LONELY });
    const early = await save({ administeredOn: baselineOn });
    expect(early.timePoint).toBe("baseline_extra");
    expect(await row(early.id)).toEqual({ time_point: "baseline_extra", follow_up_week: null });

    const audit = await testDb()
      .selectFrom("audit_event")
      .select("details")
      .where("action", "=", "measure.record")
      .where("entity_id", "=", early.id)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      timePoint: "baseline_extra",
      enteredAs: "follow_up",
      enteredAsWeek: 6,
      why: "too_soon",
    });

    // Lonely (7) to not lonely (4) the same day would have been "meaningful": it is not compared at all.
    const page = await getPersonMeasures(testDb(), who, ref.personId);
    expect(page!.changes[early.id]).toBeUndefined();
    expect(page!.records.find((r) => r.id === early.id)?.timePoint).toBe("baseline_extra");
    const detail = await getMeasureDetail(testDb(), who, ref.personId, early.id);
    expect(detail).toMatchObject({ change: null, baseline: { administeredOn: baselineOn } });
    expect(detail!.referral?.minFollowUpDays).toBe(28);

    // The 6-week follow-up is still asked for, and can still be recorded in its own slot.
    const due = (await measuresDueForReferrals(testDb(), [ref.referralId])).get(ref.referralId) ?? [];
    expect(due.find((d) => d.timePoint === "follow_up" && d.followUpWeek === 6)?.outstanding).toContain("ucla3");
    const real = await save({ administeredOn: addDays(baselineOn, 28) });
    expect(real.timePoint).toBe("follow_up");
    const after = await getPersonMeasures(testDb(), who, ref.personId);
    expect(after!.changes[real.id].changes.total).toMatchObject({ baseline: 7, later: 4, meaningful: true });
  });

  it("follows the activity's schedule: 35 days means a 30-day follow-up is not one, a 35-day one is", async () => {
    const { ref, save } = await setUp();
    await testDb()
      .insertInto("measure_schedule")
      .values({ activity_id: ref.activityId, follow_up_weeks: [6, 12], min_follow_up_days: 35 })
      .execute();
    const baselineOn = addDays(today, -40);
    await save({ timePoint: "baseline", followUpWeek: null, administeredOn: baselineOn, answers: UCLA_LONELY });
    const soon = await save({ administeredOn: addDays(baselineOn, 30) });
    expect(soon.timePoint).toBe("baseline_extra");
    const ok = await save({ administeredOn: addDays(baselineOn, 35) });
    expect(await row(ok.id)).toEqual({ time_point: "follow_up", follow_up_week: 6 });
  });

  it("with no live baseline is saved as an extra baseline-window response; one marked in error counts as none", async () => {
    const { ref, who, save } = await setUp();
    const none = await save({ administeredOn: addDays(today, -5) });
    expect(none.timePoint).toBe("baseline_extra");
    const wrong = await save({
      timePoint: "baseline",
      followUpWeek: null,
      administeredOn: addDays(today, -60),
      answers: UCLA_LONELY,
    });
    await markEnteredInError(testDb(), who, { personId: ref.personId, responseId: wrong.id, reason: "Wrong person" });
    const again = await save({ followUpWeek: 12, administeredOn: addDays(today, -1) });
    expect(again.timePoint).toBe("baseline_extra");
    const audit = await testDb()
      .selectFrom("audit_event")
      .select("details")
      .where("entity_id", "=", again.id)
      .where("action", "=", "measure.record")
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ why: "no_baseline", enteredAsWeek: 12 });
  });

  it("an exit too soon after the baseline stays the exit but shows no change", async () => {
    const { ref, who, save } = await setUp();
    const baselineOn = addDays(today, -10);
    await save({ timePoint: "baseline", followUpWeek: null, administeredOn: baselineOn, answers: UCLA_LONELY });
    const exit = await save({ timePoint: "exit", followUpWeek: null, administeredOn: today });
    expect(exit.timePoint).toBe("exit");
    expect((await getPersonMeasures(testDb(), who, ref.personId))!.changes[exit.id]).toBeUndefined();
  });

  it("is left out of the outcome summaries' pairs, even when dated well after a baseline recorded later", async () => {
    const { save } = await setUp();
    // The follow-up is recorded first, with no baseline; the baseline from paper comes afterwards, 40 days earlier.
    const extra = await save({ administeredOn: addDays(today, -2) });
    expect(extra.timePoint).toBe("baseline_extra");
    await save({
      timePoint: "baseline",
      followUpWeek: null,
      administeredOn: addDays(today, -42),
      answers: UCLA_LONELY,
    });
    await refreshOutcomeSummaries(testDb(), { now: new Date() });
    const pairs = () =>
      storedSummaries().then((s) =>
        [...s.entries()].filter(([k, v]) => k.endsWith("|") && Object.keys(v).some((p) => p.includes("ucla3.total"))),
      );
    expect(await pairs()).toEqual([]);
    // The independent recomputation agrees with what was stored.
    const [stored, recomputed] = await Promise.all([storedSummaries(), recomputeSummaries(today)]);
    expect([...stored.keys()].sort()).toEqual([...recomputed.keys()].sort());

    // Control: a real follow-up 40 days after the baseline is paired.
    await save({ followUpWeek: 12, administeredOn: addDays(today, -1) });
    await refreshOutcomeSummaries(testDb(), { now: new Date() });
    expect((await pairs()).length).toBeGreaterThan(0);
  });

  it("the migration moves follow-ups saved before the rule, fewer than 28 days after their baseline, with an audit row", async () => {
    const { ref, save } = await setUp();
    const baselineOn = addDays(today, -60);
    await save({ timePoint: "baseline", followUpWeek: null, administeredOn: baselineOn, answers: UCLA_LONELY });
    // Inserted as the old code saved them: a 6-week follow-up on day 3 and a 12-week one on day 28.
    const old = (week: number, on: string) =>
      testDb()
        .insertInto("measure_response")
        .values({
          person_id: ref.personId,
          referral_id: ref.referralId,
          instrument_code: "ucla3",
          instrument_version: "1",
          time_point: "follow_up",
          follow_up_week: week,
          administered_on: on,
          mode: "staff",
          answers: JSON.stringify(UCLA_NOT_LONELY),
          scores: JSON.stringify(scoreResponse("ucla3", UCLA_NOT_LONELY).scores),
          bands: JSON.stringify(scoreResponse("ucla3", UCLA_NOT_LONELY).bands),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const early = await old(6, addDays(baselineOn, 3));
    const onTime = await old(12, addDays(baselineOn, 28));
    await moveTooSoonFollowUps(testDb());
    expect(await row(early.id)).toEqual({ time_point: "baseline_extra", follow_up_week: null });
    expect(await row(onTime.id)).toEqual({ time_point: "follow_up", follow_up_week: 12 });
    const audit = await testDb()
      .selectFrom("audit_event")
      .select(["entity_id", "person_id"])
      .where("action", "=", "measure.moved-to-baseline-window")
      .execute();
    expect(audit).toEqual([{ entity_id: early.id, person_id: ref.personId }]);
    // The 6-week slot is free again.
    expect((await save({ administeredOn: addDays(baselineOn, 42) })).timePoint).toBe("follow_up");
  });
});
