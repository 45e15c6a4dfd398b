import { describe, expect, it } from "vitest";
import { FieldError } from "~/errors";
import { markEnteredInError, recordMeasure, type RecordInput } from "~/measures/record.server";
import { getPersonMeasures } from "~/measures/person-measures.server";
import { readPersonRecord } from "~/person-record/read.server";
import { londonDate, addDays } from "~/calendar";
import { useTestDatabase, testDb } from "../../support/db";
import { makeUser, signedIn } from "../../support/factories";
import { getRequest } from "../../support/http";
import { hashSessionId, readSessionId } from "~/auth/session.server";
import { startSelfCompletion } from "~/measures/self-completion.server";
import { actor, makeReferral, UCLA_LONELY, UCLA_NOT_LONELY } from "../../support/measures-factories";

useTestDatabase();

// The refusal of an exit before the person has started, in the words the person recording sees.
const EXIT_NOT_YET =
  "An exit measure can only be recorded once the person has started or ended the activity. Record a baseline instead, or end the referral first";

const today = londonDate(new Date());

async function setUp() {
  const user = await makeUser("prescriber");
  const ref = await makeReferral({
    receivedAt: new Date(Date.now() - 70 * 86_400_000),
    firstAttendedOn: addDays(today, -63),
  });
  const base = (over: Partial<RecordInput> = {}): RecordInput => ({
    personId: ref.personId,
    referralId: ref.referralId,
    instrumentCode: "ucla3",
    timePoint: "baseline",
    followUpWeek: null,
    administeredOn: addDays(today, -65),
    mode: "staff",
    answers: UCLA_LONELY,
    idempotencyKey: crypto.randomUUID(),
    wemwbsLicensed: false,
    ...over,
  });
  return { user, ref, base, who: actor(user.id) };
}

async function refusal(p: Promise<unknown>): Promise<FieldError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    return e as FieldError;
  }
  throw new Error("expected a refusal");
}

describe("recording a measure", () => {
  it("scores at save time and stores answers, scores, bands and the instrument version, with an audit row", async () => {
    const { base, who, ref } = await setUp();
    const { id, replayed } = await recordMeasure(testDb(), who, base());
    expect(replayed).toBe(false);
    const row = await testDb()
      .selectFrom("measure_response")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      instrument_code: "ucla3",
      instrument_version: "1",
      time_point: "baseline",
      mode: "staff",
      answers: UCLA_LONELY,
      scores: { total: 7 },
      bands: { total: "lonely" },
    });
    const audit = await testDb()
      .selectFrom("audit_event")
      .selectAll()
      .where("action", "=", "measure.record")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_id: id, person_id: ref.personId, actor_user_id: who.userId });
    // Ids and field names only: never the answers.
    expect(JSON.stringify(audit.details)).not.toMatch(/ucla3_companionship|"total"/);
  });

  it("stores SWEMWBS raw and metric scores", async () => {
    const { base, who } = await setUp();
    const answers = {
      swemwbs_optimistic: 3,
      swemwbs_useful: 3,
      swemwbs_relaxed: 3,
      swemwbs_problems: 3,
      swemwbs_thinking: 3,
      swemwbs_close: 3,
      swemwbs_own_mind: 2,
    };
    const { id } = await recordMeasure(testDb(), who, base({ instrumentCode: "swemwbs", answers }));
    const row = await testDb()
      .selectFrom("measure_response")
      .select(["scores", "bands"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.scores).toEqual({ raw: 20, metric: 18.59 });
    expect(row.bands).toEqual({});
  });

  it("records once when the same form is submitted twice", async () => {
    const { base, who } = await setUp();
    const input = base();
    const first = await recordMeasure(testDb(), who, input);
    const second = await recordMeasure(testDb(), who, input);
    expect(second).toEqual({ id: first.id, replayed: true, timePoint: "baseline" });
    const { count } = await testDb()
      .selectFrom("measure_response")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    expect(count).toBe(1);
  });

  it("refuses a second baseline for the same referral and instrument, at the time point field", async () => {
    const { base, who } = await setUp();
    await recordMeasure(testDb(), who, base());
    const err = await refusal(recordMeasure(testDb(), who, base()));
    expect(err.field).toBe("timePoint");
    expect(err.message).toMatch(/baseline UCLA-3 is already recorded/);
    // A different instrument's baseline is fine.
    await recordMeasure(testDb(), who, base({ instrumentCode: "ons_loneliness", answers: { ons_lonely: 2 } }));
  });

  it("refuses a second follow-up for the same week, but not another week", async () => {
    const { base, who } = await setUp();
    await recordMeasure(testDb(), who, base());
    await recordMeasure(
      testDb(),
      who,
      base({ timePoint: "follow_up", followUpWeek: 6, administeredOn: addDays(today, -20) }),
    );
    expect(
      (
        await refusal(
          recordMeasure(
            testDb(),
            who,
            base({ timePoint: "follow_up", followUpWeek: 6, administeredOn: addDays(today, -19) }),
          ),
        )
      ).field,
    ).toBe("timePoint");
    await recordMeasure(
      testDb(),
      who,
      base({ timePoint: "follow_up", followUpWeek: 12, administeredOn: addDays(today, -1) }),
    );
  });

  it("refuses a date before the referral arrived, in the future, or a follow-up before the baseline", async () => {
    const { base, who } = await setUp();
    const before = await refusal(recordMeasure(testDb(), who, base({ administeredOn: addDays(today, -71) })));
    expect(before.field).toBe("administeredOn");
    expect(before.message).toMatch(/on or after the referral arrived/);
    expect((await refusal(recordMeasure(testDb(), who, base({ administeredOn: addDays(today, 1) })))).field).toBe(
      "administeredOn",
    );
    await recordMeasure(testDb(), who, base({ administeredOn: addDays(today, -60) }));
    const early = await refusal(
      recordMeasure(
        testDb(),
        who,
        base({ timePoint: "follow_up", followUpWeek: 6, administeredOn: addDays(today, -62) }),
      ),
    );
    expect(early.message).toMatch(/on or after the baseline/);
  });

  it("refuses a missing item or a value not among the options at that item, saving nothing", async () => {
    const { base, who } = await setUp();
    const missing = await refusal(
      recordMeasure(testDb(), who, base({ answers: { ucla3_companionship: 1, ucla3_left_out: 1 } })),
    );
    expect(missing.field).toBe("ucla3_isolated");
    const wrong = await refusal(recordMeasure(testDb(), who, base({ answers: { ...UCLA_LONELY, ucla3_left_out: 4 } })));
    expect(wrong.field).toBe("ucla3_left_out");
    const rows = await testDb().selectFrom("measure_response").select("id").execute();
    expect(rows).toEqual([]);
  });

  it("refuses another person's referral and WEMWBS without the licence", async () => {
    const { base, who } = await setUp();
    const other = await makeReferral();
    expect((await refusal(recordMeasure(testDb(), who, base({ referralId: other.referralId })))).field).toBe(
      "referralId",
    );
    const wemwbs = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [i, 3]));
    expect(
      (await refusal(recordMeasure(testDb(), who, base({ instrumentCode: "wemwbs", answers: wemwbs })))).field,
    ).toBe("instrumentCode");
  });
});

describe("change since baseline", () => {
  it("compares a follow-up with the same referral's baseline and flags UCLA-3 leaving the lonely band", async () => {
    const { base, who, ref } = await setUp();
    await recordMeasure(testDb(), who, base());
    const { id } = await recordMeasure(
      testDb(),
      who,
      base({ timePoint: "follow_up", followUpWeek: 6, administeredOn: addDays(today, -20), answers: UCLA_NOT_LONELY }),
    );
    const page = await getPersonMeasures(testDb(), who, ref.personId);
    const change = page!.changes[id].changes.total;
    expect(change).toMatchObject({
      baseline: 7,
      later: 4,
      change: -3,
      outcome: "improved",
      meaningful: true,
      reason: 'Moved out of the "lonely" band',
    });
    const viewed = await testDb().selectFrom("audit_event").selectAll().where("action", "=", "measures.view").execute();
    expect(viewed).toHaveLength(1);
    expect(viewed[0].person_id).toBe(ref.personId);
  });
});

describe("entered in error", () => {
  it("keeps the row, audits it, and leaves it out of change, summaries and the one-baseline rule", async () => {
    const { base, who, ref } = await setUp();
    const wrong = await recordMeasure(testDb(), who, base({ answers: UCLA_NOT_LONELY }));
    expect(
      await markEnteredInError(testDb(), who, {
        personId: ref.personId,
        responseId: wrong.id,
        reason: "Answers typed for the wrong person",
      }),
    ).toBe("marked");
    expect(
      await markEnteredInError(testDb(), who, { personId: ref.personId, responseId: wrong.id, reason: "again" }),
    ).toBe("already_marked");

    const row = await testDb()
      .selectFrom("measure_response")
      .selectAll()
      .where("id", "=", wrong.id)
      .executeTakeFirstOrThrow();
    expect(row.entered_in_error_reason).toBe("Answers typed for the wrong person");
    expect(row.entered_in_error_by).toBe(who.userId);
    const audit = await testDb()
      .selectFrom("audit_event")
      .selectAll()
      .where("action", "=", "measure.entered-in-error")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_id: wrong.id, person_id: ref.personId });
    expect(JSON.stringify(audit.details)).not.toContain("wrong person");

    // A correct baseline can now be recorded, and the follow-up compares with it, not the one in error.
    await recordMeasure(testDb(), who, base());
    const follow = await recordMeasure(
      testDb(),
      who,
      base({ timePoint: "follow_up", followUpWeek: 6, administeredOn: addDays(today, -20), answers: UCLA_NOT_LONELY }),
    );
    const page = await getPersonMeasures(testDb(), who, ref.personId);
    expect(page!.records).toHaveLength(3);
    expect(page!.changes[follow.id].changes.total.baseline).toBe(7);
    expect(page!.changes[wrong.id]).toBeUndefined();

    const record = await readPersonRecord(testDb(), who, ref.personId);
    if (!record || "mergedInto" in record) throw new Error("no such person");
    expect(record.measures.latest.map((l) => l.record.id)).toEqual([follow.id]);
  });

  it("answers not_found for another person's response", async () => {
    const { base, who } = await setUp();
    const { id } = await recordMeasure(testDb(), who, base());
    const other = await makeReferral();
    expect(await markEnteredInError(testDb(), who, { personId: other.personId, responseId: id, reason: "x" })).toBe(
      "not_found",
    );
  });

  it("a follow-up whose baseline was entered in error shows no change", async () => {
    const { base, who, ref } = await setUp();
    const b = await recordMeasure(testDb(), who, base());
    const f = await recordMeasure(
      testDb(),
      who,
      base({ timePoint: "follow_up", followUpWeek: 6, administeredOn: addDays(today, -20), answers: UCLA_NOT_LONELY }),
    );
    await markEnteredInError(testDb(), who, { personId: ref.personId, responseId: b.id, reason: "Wrong date" });
    const page = await getPersonMeasures(testDb(), who, ref.personId);
    expect(page!.changes[f.id]).toBeUndefined();
  });

  it("refuses an exit, at the time point, until the person has started or ended the activity", async () => {
    const { base, who } = await setUp();
    for (const status of ["received", "contacted", "accepted"]) {
      const ref = await makeReferral({ status, receivedAt: new Date(Date.now() - 70 * 86_400_000) });
      const err = await refusal(
        recordMeasure(testDb(), who, base({ personId: ref.personId, referralId: ref.referralId, timePoint: "exit" })),
      );
      expect(err.field).toBe("timePoint");
      expect(err.message).toBe(EXIT_NOT_YET);
      // Nothing was saved.
      expect(
        await testDb().selectFrom("measure_response").select("id").where("referral_id", "=", ref.referralId).execute(),
      ).toEqual([]);
    }
    for (const status of ["attending", "ended"]) {
      const ref = await makeReferral({
        status,
        receivedAt: new Date(Date.now() - 70 * 86_400_000),
        firstAttendedOn: addDays(today, -63),
      });
      const saved = await recordMeasure(
        testDb(),
        who,
        base({ personId: ref.personId, referralId: ref.referralId, timePoint: "exit", administeredOn: today }),
      );
      expect(saved.timePoint).toBe("exit");
    }
  });

  it("refuses a self-completed exit before the person answers, on a referral not yet started", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const sessionHash = hashSessionId((await readSessionId(getRequest("/", cookie)))!);
    const ref = await makeReferral({ status: "received" });
    const start = () =>
      startSelfCompletion(testDb(), actor(user.id), {
        personId: ref.personId,
        referralId: ref.referralId,
        instrumentCodes: ["ucla3"],
        timePoint: "exit",
        followUpWeek: null,
        idempotencyKey: crypto.randomUUID(),
        wemwbsLicensed: false,
        sessionHash,
      });
    const err = await refusal(start());
    expect([err.field, err.message]).toEqual(["timePoint", EXIT_NOT_YET]);
  });
});
